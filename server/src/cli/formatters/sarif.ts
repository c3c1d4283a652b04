import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_BASE_URL, ruleDocsUrl } from '../../engine/docs-url';
import { allRules } from '../../engine/rules/index';
import type { Rule } from '../../engine/rules/rule';
import type { SourceText } from '../../engine/text/source';
import type { Fix, Locale, Severity, Span } from '../../engine/types';
import { FINGERPRINT_KEY, fingerprintOrder, fingerprintReport } from '../fingerprint';
import type { FileReport } from '../lint-file';
import { t } from '../messages';
import { region, relPath } from '../report';
import { packageVersion } from '../version';

/* Minimal SARIF 2.1.0 shapes (only what we emit). */
type Json = Record<string, unknown>;

const SRCROOT = '%SRCROOT%';
export { FINGERPRINT_KEY } from '../fingerprint';

function level(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** Where the documentation is published, minus the rules folder: the project's home. */
function informationUri(): string {
  const m = /^(https:\/\/github\.com\/[^/]+\/[^/]+)\//.exec(DOCS_BASE_URL);
  return m ? m[1]! : DOCS_BASE_URL;
}

function faqLine(rule: Rule, locale: Locale): string {
  if (rule.faq.length === 0) return '';
  return locale === 'zh-cn' ? `FAQ 章节：${rule.faq.join('、')}` : `FAQ sections: ${rule.faq.join(', ')}`;
}

function ruleDescriptor(rule: Rule, locale: Locale): Json {
  const docs = rule.docs[locale] ?? rule.docs.en;
  const faq = faqLine(rule, locale);
  const note = rule.notInFaq?.[locale] ?? rule.notInFaq?.en;
  const more = locale === 'zh-cn' ? '完整说明' : 'Full documentation';
  const markdown = [docs.summary, docs.details, faq ? `**${faq}**` : '', note ? `> ${note}` : '', `[${more}](${ruleDocsUrl(rule.id)})`].filter(Boolean).join('\n\n');
  const text = [docs.summary, docs.details, faq, note ?? ''].filter(Boolean).join('\n\n');
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: docs.summary },
    fullDescription: { text: docs.details, markdown: docs.details },
    helpUri: ruleDocsUrl(rule.id),
    help: { text, markdown },
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: [rule.category], faq: [...rule.faq], fixable: rule.fixable },
  };
}

/** The URI of a file: relative to %SRCROOT% (the working directory) when it is below it. */
function artifactLocation(cwd: string, file: string): Json {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    const uri = rel.split(path.sep).map(encodeURIComponent).join('/');
    return { uri, uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(file).href };
}

function sarifRegion(source: SourceText, span: Span): Json {
  const r = region(source, span);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

function sarifFix(fix: Fix, source: SourceText, location: Json): Json {
  const replacements = [...fix.edits]
    .sort((a, b) => a.span.start - b.span.start)
    .map((e) => ({ deletedRegion: sarifRegion(source, e.span), insertedContent: { text: e.newText } }));
  return { description: { text: fix.title }, artifactChanges: [{ artifactLocation: location, replacements }] };
}

export interface SarifNotification {
  file?: string;
  message: string;
  level: 'error' | 'warning' | 'note';
}

/** One SARIF 2.1.0 log with one run; suppressed findings are results with `suppressions`. */
export function formatSarif(reports: readonly FileReport[], cwd: string, locale: Locale, notifications: readonly SarifNotification[] = []): string {
  const rules = allRules.map((r) => ruleDescriptor(r, locale));
  const ruleIndex = new Map(allRules.map((r, i) => [r.id, i]));
  const artifacts: Json[] = [];
  const results: Json[] = [];
  const notes: Json[] = notifications.map((n) => {
    const x: Json = { level: n.level, message: { text: n.message } };
    if (n.file) x.locations = [{ physicalLocation: { artifactLocation: artifactLocation(cwd, n.file) } }];
    return x;
  });
  for (const report of reports) {
    const loc = artifactLocation(cwd, report.file);
    if (report.ignored) {
      notes.push({ level: 'warning', message: { text: t(locale, 'fileIgnored') }, locations: [{ physicalLocation: { artifactLocation: loc } }] });
      continue;
    }
    const index = artifacts.length;
    const lower = report.file.toLowerCase();
    artifacts.push({ location: loc, sourceLanguage: lower.endsWith('.json') ? 'json' : 'yaml' });
    const located = { ...loc, index };
    const relForHash = relPath(cwd, report.file);
    const fingerprints = fingerprintReport(report, relForHash);
    for (const f of fingerprintOrder(report)) {
      const res: Json = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: located, region: sarifRegion(report.source, f.span) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(f)! },
      };
      if (ruleIndex.get(f.ruleId) === undefined) delete res.ruleIndex;
      if (f.related.length) {
        res.relatedLocations = f.related.map((r, i) => ({
          id: i + 1,
          message: { text: r.message },
          physicalLocation: { artifactLocation: r.path === report.file || r.path === f.path ? located : artifactLocation(cwd, path.resolve(cwd, r.path)), region: sarifRegion(report.source, r.span) },
        }));
      }
      if (f.fixes.length && !report.opaque) res.fixes = f.fixes.map((x) => sarifFix(x, report.source, located));
      if (f.suppression) {
        const s: Json = { kind: f.suppression.kind };
        if (f.suppression.justification) s.justification = f.suppression.justification;
        res.suppressions = [s];
      }
      results.push(res);
    }
  }
  const invocation: Json = { executionSuccessful: true };
  if (notes.length) invocation.toolExecutionNotifications = notes;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'elb-lint',
            version: packageVersion(),
            semanticVersion: packageVersion(),
            informationUri: informationUri(),
            language: locale === 'zh-cn' ? 'zh-CN' : 'en-US',
            rules,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        artifacts,
        results,
        language: locale === 'zh-cn' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
