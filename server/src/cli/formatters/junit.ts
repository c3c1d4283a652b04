import type { Finding, Locale } from '../../engine/types';
import type { FileReport } from '../lint-file';
import { t } from '../messages';
import { region, relPath } from '../report';

/**
 * JUnit XML, the shape CI dashboards read (Jenkins, GitLab, Azure Pipelines, CircleCI…):
 * `<testsuites>` → one `<testsuite>` per file → one `<testcase>` per finding. Errors and
 * warnings are `<failure>`s (type = the rule ID); infos are passing test cases whose text is in
 * `<system-out>`; a file without findings has one passing test case; a file matched by an
 * ignore pattern is `<skipped>`; a file that could not be read is an `<error>`.
 */

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF). */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function clean(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD');
}

export function xmlText(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

export interface JunitIoError {
  /** Absolute path. */
  file: string;
  message: string;
}

interface Case {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

function findingCase(report: FileReport, rel: string, f: Finding, locale: Locale): Case {
  const r = region(report.source, f.span);
  const where = `${rel}:${r.line}:${r.column}`;
  const name = `${f.ruleId} ${rel}:${r.line}:${r.column}`;
  const head = `<testcase${attrs({ name, classname: rel, file: rel, line: r.line, time: 0 })}>`;
  const body = `${where}: ${t(locale, f.severity)} ${f.ruleId}: ${f.message}`;
  if (f.severity === 'info') {
    return { xml: `${head}<system-out>${xmlText(body)}</system-out></testcase>`, failure: false, error: false, skipped: false };
  }
  const failure = `<failure${attrs({ message: f.message, type: f.ruleId })}>${xmlText(body)}</failure>`;
  return { xml: `${head}${failure}</testcase>`, failure: true, error: false, skipped: false };
}

function suite(name: string, cases: Case[]): { xml: string; tests: number; failures: number; errors: number; skipped: number } {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const head = `  <testsuite${attrs({ name, tests: cases.length, failures, errors, skipped, time: 0 })}>\n`;
  const xml = head + cases.map((c) => `    ${c.xml}\n`).join('') + '  </testsuite>\n';
  return { xml, tests: cases.length, failures, errors, skipped };
}

/** The whole report; `ioErrors` are files that could not be read or written. */
export function formatJunit(reports: readonly FileReport[], cwd: string, locale: Locale, ioErrors: readonly JunitIoError[] = []): string {
  const suites: ReturnType<typeof suite>[] = [];
  const byFile = new Map<string, JunitIoError[]>();
  for (const e of ioErrors) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const done = new Set<string>();
  for (const report of reports) {
    const rel = relPath(cwd, report.file);
    const cases: Case[] = [];
    for (const e of byFile.get(report.file) ?? []) {
      cases.push({ xml: `<testcase${attrs({ name: `elb-lint ${rel}`, classname: rel, file: rel, time: 0 })}><error${attrs({ message: e.message, type: 'io' })}>${xmlText(e.message)}</error></testcase>`, failure: false, error: true, skipped: false });
    }
    done.add(report.file);
    if (report.ignored) {
      cases.push({ xml: `<testcase${attrs({ name: `elb-lint ${rel}`, classname: rel, file: rel, time: 0 })}><skipped${attrs({ message: t(locale, 'fileIgnored') })}/></testcase>`, failure: false, error: false, skipped: true });
    } else {
      for (const f of report.findings) cases.push(findingCase(report, rel, f, locale));
      if (cases.length === 0) cases.push({ xml: `<testcase${attrs({ name: `elb-lint ${rel}`, classname: rel, file: rel, time: 0 })}/>`, failure: false, error: false, skipped: false });
    }
    suites.push(suite(rel, cases));
  }
  for (const [file, errs] of byFile) {
    if (done.has(file)) continue;
    const rel = relPath(cwd, file);
    const cases = errs.map((e) => ({ xml: `<testcase${attrs({ name: `elb-lint ${rel}`, classname: rel, file: rel, time: 0 })}><error${attrs({ message: e.message, type: 'io' })}>${xmlText(e.message)}</error></testcase>`, failure: false, error: true, skipped: false }));
    suites.push(suite(rel, cases));
  }
  const total = (k: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, s) => n + s[k], 0);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: 'elb-lint', tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped'), time: 0 })}>\n` +
    suites.map((s) => s.xml).join('') +
    '</testsuites>\n'
  );
}
