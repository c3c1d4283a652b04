import type { SEntry, SMap, SNode } from './tree';

export type PathSegment = string | number;

export interface Located {
  /** Keys and indices from the root to the innermost node holding the offset. */
  path: PathSegment[];
  /** The innermost node holding the offset. */
  node: SNode | null;
  /** The mapping entry whose key or value holds the offset, when there is one. */
  entry?: SEntry;
  /** The mapping holding `entry`. */
  parent?: SMap;
  onKey: boolean;
}

function inside(span: { start: number; end: number }, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** What is at an offset: the path of keys/indices, the node, and whether it is a key. */
export function locate(root: SNode | null, offset: number): Located {
  const path: PathSegment[] = [];
  let node: SNode | null = root;
  let result: Located = { path: [], node: root, onKey: false };
  while (node) {
    if (node.kind === 'map') {
      let next: SNode | null = null;
      for (const e of node.entries) {
        if (inside(e.keySpan, offset)) return { path: [...path, e.key], node: e.value, entry: e, parent: node, onKey: true };
        if (e.value && inside(e.value.span, offset) && !e.value.aliased) {
          path.push(e.key);
          result = { path: [...path], node: e.value, entry: e, parent: node, onKey: false };
          next = e.value;
          break;
        }
      }
      if (!next) return result.node === node ? result : { path: [...path], node, onKey: false };
      node = next;
    } else if (node.kind === 'seq') {
      let next: SNode | null = null;
      node.items.forEach((it, i) => {
        if (!next && inside(it.span, offset) && !it.aliased) {
          path.push(i);
          next = it;
        }
      });
      if (!next) return { path: [...path], node, onKey: false };
      result = { path: [...path], node: next, onKey: false };
      node = next;
    } else {
      return result;
    }
  }
  return result;
}
