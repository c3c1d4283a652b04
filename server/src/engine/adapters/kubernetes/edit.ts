import { YamlEditor } from '../../fix/yaml-edit';
import { applyEdits } from '../../fix/apply';
import { parseJson } from '../../parse/json';
import { entry, type SMap, type SNode, type SScalar } from '../../parse/tree';
import type { SourceText } from '../../text/source';
import type { Span, TextEdit } from '../../types';
import { decodeScalar, verbatim, type DecodedScalar, type ScalarStyle } from './scalar';

/** A JSON path inside an annotation's JSON text: keys and array indices. */
export type JsonPath = (string | number)[];

/** The JSON node at a path of a JSON tree parsed from an annotation (spans in the decoded text). */
export function jsonAt(root: SNode | null | undefined, path: JsonPath): SNode | undefined {
  let cur: SNode | null | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = cur.kind === 'seq' ? cur.items[seg] : undefined;
    else cur = cur.kind === 'map' ? entry(cur, seg)?.value : undefined;
  }
  return cur ?? undefined;
}

/** Render a string as the text of a YAML scalar in the given style (one line). */
export function renderScalar(value: string, style: ScalarStyle): string {
  if (style === 'double') return JSON.stringify(value);
  if (style === 'plain' && /^[A-Za-z0-9_./-][A-Za-z0-9_.,:/ -]*$/.test(value) && !/: |\s$|^(true|false|null|yes|no|on|off|~|-?\d[\d.e+-]*)$/i.test(value)) return value;
  return "'" + value.replace(/'/g, "''") + "'";
}

/** Whether a replacement text can be written inside a scalar of this style character for character. */
function writableIn(text: string, style: ScalarStyle): boolean {
  if (/[\r\n\t]/.test(text)) return false;
  if (style === 'single') return !text.includes("'");
  if (style === 'double') return !/["\\]/.test(text);
  if (style === 'plain') return !/: | #|^[\s]|[\s]$/.test(text);
  return true;
}

/**
 * Edits the annotations of one Kubernetes object: whole values (re-rendered in their own quoting
 * style), members of JSON written inside a value (edited in place so the rest of the string keeps
 * its layout), and annotations added under `metadata.annotations` or removed. Comments of the
 * file are never touched.
 */
export class AnnotationEditor {
  private readonly yaml: YamlEditor;

  constructor(readonly source: SourceText, readonly object: SMap, root: SNode | null) {
    this.yaml = new YamlEditor(source, root);
  }

  private get text(): string {
    return this.source.text;
  }

  private metadata(): SMap | undefined {
    const m = entry(this.object, 'metadata')?.value;
    return m && m.kind === 'map' ? m : undefined;
  }

  annotations(): SMap | undefined {
    const a = entry(this.metadata(), 'annotations')?.value;
    return a && a.kind === 'map' ? a : undefined;
  }

  scalar(key: string): SScalar | undefined {
    const v = entry(this.annotations(), key)?.value;
    return v && v.kind === 'scalar' && !v.aliased ? v : undefined;
  }

  /** Set an annotation to a string value (added under `metadata.annotations` when absent). */
  setAnnotation(key: string, value: string): TextEdit[] | undefined {
    const ann = this.annotations();
    const e = entry(ann, key);
    if (e?.value?.aliased) return undefined;
    if (e?.value && e.value.kind === 'scalar') {
      const node = e.value;
      const style = styleOrQuoted(this.text, node);
      let end = node.span.end;
      if (style === 'literal' || style === 'folded') {
        // A block scalar's span runs through its last line break: keep the break.
        while (end > node.span.start && /[\r\n]/.test(this.text[end - 1]!)) end--;
      }
      return [{ span: { start: node.span.start, end }, newText: renderScalar(value, style === 'literal' || style === 'folded' || style === 'plain' && typeof node.value !== 'string' ? 'single' : style) }];
    }
    const meta = this.metadata();
    if (!meta) {
      if (this.object.aliased) return undefined;
      return this.yaml.set(this.object, ['metadata', 'annotations', key], value);
    }
    if (meta.aliased) return undefined;
    if (ann && ann.entries.length === 0 && !ann.flow) return undefined;
    return this.yaml.set(meta, ['annotations', key], value);
  }

  removeAnnotation(key: string): TextEdit[] | undefined {
    const meta = this.metadata();
    const ann = this.annotations();
    if (!meta || !ann || !entry(ann, key) || meta.aliased || ann.aliased) return undefined;
    return this.yaml.remove(meta, ['annotations', key]);
  }

  /** Rename an annotation key (the key text only). */
  renameAnnotation(keySpan: Span, newKey: string): TextEdit[] {
    const raw = this.text.slice(keySpan.start, keySpan.end);
    const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
    return [{ span: keySpan, newText: q ? renderScalar(newKey, q === '"' ? 'double' : 'single') : newKey }];
  }

  /**
   * Set (or with `value === undefined` remove) a member of the JSON written in an annotation.
   * The edit is made inside the string when the text it touches is written verbatim; otherwise the
   * whole value is re-rendered. Returns `undefined` when the annotation holds no JSON object there.
   */
  setJsonMember(key: string, path: JsonPath, value: unknown): TextEdit[] | undefined {
    const node = this.scalar(key);
    if (!node) return undefined;
    const decoded = decodeScalar(this.text, node);
    const parsed = parseJson(decoded.value);
    if (!parsed.root || parsed.problems.length) return undefined;
    const jsonEdits = jsonMemberEdits(decoded.value, parsed.root, path, value);
    if (!jsonEdits) return undefined;
    const newJson = applyEdits(decoded.value, jsonEdits);
    const inPlace = this.inPlace(decoded, node, jsonEdits, newJson);
    if (inPlace) return inPlace;
    let compact: string;
    try {
      compact = JSON.stringify(JSON.parse(newJson));
    } catch {
      return undefined;
    }
    return this.setAnnotation(key, compact);
  }

  /** Edits inside the scalar's text, verified by decoding the result; `undefined` when not possible. */
  private inPlace(d: DecodedScalar, node: SScalar, edits: TextEdit[], expected: string): TextEdit[] | undefined {
    if (!d.exact) return undefined;
    const out: TextEdit[] = [];
    for (const e of edits) {
      if (!writableIn(e.newText, d.style)) return undefined;
      if (e.span.end > e.span.start && e.newText !== '' && !verbatim(d, e.span.start, e.span.end)) return undefined;
      const start = d.offsets[e.span.start]!;
      const end = e.span.end > e.span.start ? d.offsets[e.span.end - 1]! + d.lengths[e.span.end - 1]! : start;
      out.push({ span: { start, end }, newText: e.newText });
    }
    // Verify: the edited scalar must decode to the expected JSON.
    const newText = applyEdits(this.text, out);
    const delta = newText.length - this.text.length;
    const span = { start: node.span.start, end: node.span.end + delta };
    const probe: SScalar = { kind: 'scalar', span, value: expected, quoted: true };
    const again = decodeScalar(newText, probe);
    if (!again.exact) return undefined;
    return out;
  }
}

function styleOrQuoted(text: string, node: SScalar): ScalarStyle {
  const c = text[node.span.start];
  if (c === "'") return 'single';
  if (c === '"') return 'double';
  if (c === '|') return 'literal';
  if (c === '>') return 'folded';
  return 'plain';
}

/** Text edits (in the JSON text) that set or remove one member; `undefined` when the path is not there. */
export function jsonMemberEdits(json: string, root: SNode, path: JsonPath, value: unknown): TextEdit[] | undefined {
  if (path.length === 0) return undefined;
  const parent = jsonAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  const render = (v: unknown) => JSON.stringify(v);
  if (!parent || parent.kind !== 'map' || typeof last !== 'string') return undefined;
  const idx = parent.entries.findIndex((e) => e.key === last);
  const e = idx >= 0 ? parent.entries[idx] : undefined;
  if (value === undefined) {
    if (!e || !e.value) return undefined;
    const next = parent.entries[idx + 1];
    const prev = parent.entries[idx - 1];
    if (next) return [{ span: { start: e.keySpan.start, end: next.keySpan.start }, newText: '' }];
    if (prev && prev.value) return [{ span: { start: prev.value.span.end, end: e.value.span.end }, newText: '' }];
    return [{ span: { start: e.keySpan.start, end: e.value.span.end }, newText: '' }];
  }
  if (e && e.value) return [{ span: e.value.span, newText: render(value) }];
  const lastEntry = parent.entries[parent.entries.length - 1];
  const member = `${render(last)}: ${render(value)}`;
  if (lastEntry && lastEntry.value) {
    const at = lastEntry.value.span.end;
    const sep = /,\s/.test(json.slice(parent.span.start, parent.span.end)) || !/,/.test(json) ? ', ' : ',';
    return [{ span: { start: at, end: at }, newText: sep + member }];
  }
  const open = parent.span.start + 1;
  return [{ span: { start: open, end: open }, newText: member }];
}
