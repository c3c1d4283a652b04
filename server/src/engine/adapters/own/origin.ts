import type { Origin } from '../../model/types';
import type { SourceText } from '../../text/source';
import type { SMap, SNode } from '../../parse/tree';
import { entry } from '../../parse/tree';
import type { Span, TextEdit } from '../../types';

/** Edits a format-neutral tree as text in its own syntax (YAML or JSON). */
export interface TreeEditor {
  set(map: SMap, path: string[], value: unknown): TextEdit[] | undefined;
  remove(map: SMap, path: string[]): TextEdit[] | undefined;
  append(map: SMap, path: string[], items: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined;
  /** Remove a mapping from the sequence that holds it. */
  removeItem(map: SMap): TextEdit[] | undefined;
}

/** Origin of an object of our own format: a mapping node of the YAML or JSON tree. */
export class NodeOrigin implements Origin {
  constructor(
    readonly source: SourceText,
    readonly node: SMap,
    readonly editor: TreeEditor,
  ) {}

  get span(): Span {
    return this.node.span;
  }

  get nameSpan(): Span {
    const e = entry(this.node, 'name');
    return e?.value?.span ?? this.node.span;
  }

  private locate(path: string): { parent: SMap; key: string } | undefined {
    const segs = path.split('.');
    let map: SMap = this.node;
    for (let i = 0; i < segs.length - 1; i++) {
      const v: SNode | null | undefined = entry(map, segs[i]!)?.value;
      if (!v || v.kind !== 'map') return undefined;
      map = v;
    }
    return { parent: map, key: segs[segs.length - 1]! };
  }

  valueSpan(path: string): Span | undefined {
    const loc = this.locate(path);
    if (!loc) return undefined;
    return entry(loc.parent, loc.key)?.value?.span;
  }

  keySpan(path: string): Span | undefined {
    const loc = this.locate(path);
    if (!loc) return undefined;
    return entry(loc.parent, loc.key)?.keySpan;
  }

  setField(path: string, value: unknown): TextEdit[] | undefined {
    if (this.node.aliased) return undefined;
    return this.editor.set(this.node, path.split('.'), value);
  }

  removeField(path: string): TextEdit[] | undefined {
    if (this.node.aliased) return undefined;
    return this.editor.remove(this.node, path.split('.'));
  }

  removeSelf(): TextEdit[] | undefined {
    if (this.node.aliased) return undefined;
    return this.editor.removeItem(this.node);
  }

  appendToList(path: string, item: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined {
    if (this.node.aliased) return undefined;
    return this.editor.append(this.node, path.split('.'), item);
  }
}
