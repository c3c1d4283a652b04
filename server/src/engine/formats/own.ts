/**
 * Reader of our own format (`*.elb.yaml`, `*.elb.json`): parse with spans, validate against the
 * JSON Schema, build the model with the own-format adapter.
 */
import { OwnFormatAdapter } from '../adapters/own/adapter';
import type { TreeEditor } from '../adapters/own/origin';
import { JsonEditor } from '../fix/json-edit';
import { YamlEditor } from '../fix/yaml-edit';
import { kindName } from '../i18n/kinds';
import { parseJson } from '../parse/json';
import type { ParseProblem } from '../parse/problems';
import { toPlain, type SNode } from '../parse/tree';
import { parseYaml, reparseYaml, type ParsedYaml } from '../parse/yaml';
import { validateOwnFormat } from '../schema/validate';
import type { SourceFormat } from '../types';
import type { FormatReader, InputFile, ReadContext, ReaderProblem, ReadResult, SourceComment } from './types';

/** Editor data of an own-format file: its span tree (hover, completion, outline). */
export interface OwnEditorData {
  root: SNode | null;
  /** The YAML parse and its text, for the next version's incremental re-parse. */
  yaml?: ParsedYaml;
  text?: string;
}

function parseProblem(path: string, p: ParseProblem): ReaderProblem {
  return { ruleId: 'ELB001', path, span: p.span, messageId: p.messageId, data: p.data, severity: p.severity === 'warning' ? 'warning' : 'error' };
}

function readOwn(file: InputFile, format: 'elb-yaml' | 'elb-json', ctx: ReadContext): ReadResult {
  const { path, text } = file;
  const source = ctx.sourceOf(path);
  const problems: ReaderProblem[] = [];
  const comments = new Map<string, SourceComment[]>();
  const editorData = new Map<string, unknown>();
  let root: SNode | null;
  let editor: TreeEditor;
  let yaml: ParsedYaml | undefined;
  if (format === 'elb-json') {
    const parsed = parseJson(text);
    for (const p of parsed.problems) problems.push(parseProblem(path, p));
    root = parsed.root;
    editor = new JsonEditor(source, root);
  } else {
    const prev = ctx.previous?.(path) as OwnEditorData | undefined;
    const parsed = prev?.yaml && prev.text !== undefined ? reparseYaml(prev.text, prev.yaml, text) : parseYaml(text);
    yaml = parsed;
    for (const p of parsed.problems) problems.push(parseProblem(path, p));
    comments.set(path, parsed.directiveComments);
    root = parsed.documents[0]?.root ?? null;
    for (const d of parsed.documents.slice(1)) {
      if (d.root) problems.push({ ruleId: 'ELB001', path, span: d.root.span, messageId: 'multiDocument', data: {}, severity: 'error' });
    }
    editor = new YamlEditor(source, root);
  }
  editorData.set(path, (yaml ? { root, yaml, text } : { root }) satisfies OwnEditorData);
  const result: ReadResult = { problems, comments, editorData };
  if (!root) {
    if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) problems.push({ ruleId: 'ELB001', path, span: { start: 0, end: 0 }, messageId: 'empty', data: {}, severity: 'error' });
    return result;
  }
  if (root.kind !== 'map') {
    problems.push({ ruleId: 'ELB001', path, span: root.span, messageId: 'notMapping', data: {}, severity: 'error' });
    return result;
  }
  if (ctx.enabled('ELB002')) {
    for (const sp of validateOwnFormat(root, toPlain(root), ctx.locale)) {
      problems.push({
        ruleId: 'ELB002',
        path,
        span: sp.span,
        messageId: 'schema',
        message: sp.message,
        fixes: sp.suggestion ? [{ messageId: 'rename', data: { text: sp.suggestion.text }, edits: [{ span: sp.suggestion.span, newText: sp.suggestion.text }], preferred: true }] : [],
      });
    }
  }
  const adapter = new OwnFormatAdapter(source, editor);
  result.model = adapter.build(root);
  for (const sp of adapter.problems) {
    const data = { ...sp.data, kind: kindName(String(sp.data.kind), ctx.locale) };
    problems.push({
      ruleId: sp.ruleId,
      path,
      span: sp.span,
      messageId: sp.messageId,
      data,
      related: (sp.related ?? []).map((r) => ({ path, span: r.span, messageId: r.messageId, data: { ...r.data, kind: data.kind } })),
      fixes:
        sp.ruleId === 'ELB003' && sp.data.suggestion
          ? [{ messageId: 'rename', data, edits: [{ span: sp.span, newText: String(sp.data.suggestion) }], preferred: true }]
          : [],
    });
  }
  return result;
}

function ownReader(format: 'elb-yaml' | 'elb-json', accepts: (path: string) => boolean): FormatReader {
  return {
    format: format satisfies SourceFormat,
    accepts,
    read(files, ctx) {
      // Own-format files stand alone: the caller gives one file.
      return readOwn(files[0]!, format, ctx);
    },
  };
}

export const ownJsonReader = ownReader('elb-json', (p) => p.toLowerCase().endsWith('.json'));
/** The fallback reader: any text no other reader claims is read as our YAML. */
export const ownYamlReader = ownReader('elb-yaml', () => true);
