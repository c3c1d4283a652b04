import { modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { TreeEditor } from '../adapters/own/origin';
import type { SMap, SNode } from '../parse/tree';
import type { SourceText } from '../text/source';
import type { TextEdit } from '../types';

/** Edits JSON through jsonc-parser's `modify`, formatted the way the file is indented. */
export class JsonEditor implements TreeEditor {
  private paths: Map<SNode, JSONPath> | undefined;
  private formatting: FormattingOptions | undefined;

  constructor(private readonly src: SourceText, private readonly root: SNode | null) {}

  private pathOf(node: SMap): JSONPath | undefined {
    if (!this.paths) {
      const paths = new Map<SNode, JSONPath>();
      const walk = (n: SNode, p: JSONPath): void => {
        paths.set(n, p);
        if (n.kind === 'map') for (const e of n.entries) if (e.value) walk(e.value, [...p, e.key]);
        if (n.kind === 'seq') n.items.forEach((c, i) => walk(c, [...p, i]));
      };
      if (this.root) walk(this.root, []);
      this.paths = paths;
    }
    return this.paths.get(node);
  }

  private options(): FormattingOptions {
    if (!this.formatting) {
      const m = /\n([ \t]+)\S/.exec(this.src.text);
      const indent = m?.[1] ?? '  ';
      this.formatting = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: this.src.eol };
    }
    return this.formatting;
  }

  private edits(path: JSONPath, value: unknown, isArrayInsertion = false): TextEdit[] | undefined {
    try {
      // Removals need no formatting (and formatting would touch the neighbouring members).
      const formattingOptions = value === undefined ? undefined : this.options();
      return modify(this.src.text, path, value, { formattingOptions, isArrayInsertion }).map((e) => ({
        span: { start: e.offset, end: e.offset + e.length },
        newText: e.content,
      }));
    } catch {
      return undefined;
    }
  }

  set(map: SMap, path: string[], value: unknown): TextEdit[] | undefined {
    const base = this.pathOf(map);
    return base ? this.edits([...base, ...path], value) : undefined;
  }

  remove(map: SMap, path: string[]): TextEdit[] | undefined {
    const base = this.pathOf(map);
    return base ? this.edits([...base, ...path], undefined) : undefined;
  }

  append(map: SMap, path: string[], item: Record<string, unknown>): TextEdit[] | undefined {
    const base = this.pathOf(map);
    if (!base) return undefined;
    let cur: SNode | null | undefined = map;
    for (const seg of path) cur = cur?.kind === 'map' ? cur.entries.find((e) => e.key === seg)?.value : undefined;
    if (!cur || cur.kind !== 'seq') return this.edits([...base, ...path], [item]);
    return this.edits([...base, ...path, cur.items.length], item, true);
  }
}
