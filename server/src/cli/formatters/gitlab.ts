import type { Severity } from '../../engine/types';
import { fingerprintReport } from '../fingerprint';
import type { FileReport } from '../lint-file';
import { region, relPath } from '../report';

/**
 * GitLab Code Quality report (a subset of the Code Climate issue format): a JSON array of
 * issues with `description`, `check_name`, `fingerprint`, `severity` and `location.path` +
 * `location.lines.begin`. Paths are relative to the working directory (the repository root in
 * a GitLab job). Suppressed findings are left out: GitLab has no notion of them. The
 * fingerprint is the SARIF one, so a finding keeps its identity across line moves.
 */

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } };
}

/** The mapping ESLint's GitLab formatters use: error → major, warning → minor. */
export function gitlabSeverity(s: Severity): GitlabSeverity {
  return s === 'error' ? 'major' : s === 'warning' ? 'minor' : 'info';
}

export function gitlabIssues(reports: readonly FileReport[], cwd: string): GitlabIssue[] {
  const issues: GitlabIssue[] = [];
  for (const report of reports) {
    if (report.ignored) continue;
    const rel = relPath(cwd, report.file);
    const fps = fingerprintReport(report, rel);
    for (const f of report.findings) {
      const r = region(report.source, f.span);
      issues.push({
        type: 'issue',
        description: `${f.ruleId}: ${f.message}`,
        check_name: f.ruleId,
        fingerprint: fps.get(f)!,
        severity: gitlabSeverity(f.severity),
        categories: ['Bug Risk'],
        location: { path: rel, lines: { begin: r.line, end: r.endLine } },
      });
    }
  }
  return issues;
}

export function formatGitlab(reports: readonly FileReport[], cwd: string): string {
  return JSON.stringify(gitlabIssues(reports, cwd), null, 2) + '\n';
}
