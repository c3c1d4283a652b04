import { SymbolKind, type DocumentSymbol, type Location } from 'vscode-languageserver';
import type { LintResult } from '../engine/lint';
import type { ModelObject } from '../engine/model/types';
import type { Span } from '../engine/types';
import { pathToFileURL } from 'node:url';
import type { Reference } from '../engine/model/types';
import { toRange } from './convert';

function inSpan(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The references written in this document (a group's model holds those of every file). */
export function referencesIn(result: LintResult): Reference[] {
  return result.model?.references.filter((r) => r.path === undefined || r.path === result.path) ?? [];
}

/** Whether a model object is written in this document. */
function isHere(result: LintResult, obj: ModelObject | { $: ModelObject['$'] }): boolean {
  return obj.$.source.path === result.path;
}

/** The location of a span of an object's file: this document's URI, or the file's own. */
function locationOf(result: LintResult, uri: string, obj: { $: ModelObject['$'] }, span: Span): Location {
  if (isHere(result, obj)) return { uri, range: toRange(result.source, span) };
  return { uri: pathToFileURL(obj.$.source.path).href, range: toRange(obj.$.source, span) };
}

/** The object whose reference or name stands at `offset`. */
function objectAt(result: LintResult, offset: number): ModelObject | undefined {
  const model = result.model;
  if (!model) return undefined;
  const ref = referencesIn(result).find((r) => inSpan(r.ref.span, offset));
  if (ref) return ref.ref.target;
  const all: ModelObject[] = [
    ...model.vpcs, ...model.subnets, ...model.networkAcls, ...model.securityGroups, ...model.servers,
    ...model.certificates, ...model.ipGroups, ...model.loadbalancers, ...model.listeners, ...model.pools,
  ];
  return all.find((o) => o.name && isHere(result, o) && o.$.nameSpan !== o.$.span && inSpan(o.$.nameSpan, offset));
}

export function definitionAt(result: LintResult, uri: string, offset: number): Location | null {
  const ref = referencesIn(result).find((r) => inSpan(r.ref.span, offset));
  const target = ref?.ref.target;
  if (!target) return null;
  return locationOf(result, uri, target, target.$.nameSpan);
}

export function referencesAt(result: LintResult, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = objectAt(result, offset);
  if (!target || !result.model) return [];
  const out: Location[] = [];
  if (includeDeclaration) out.push(locationOf(result, uri, target, target.$.nameSpan));
  for (const r of result.model.references) {
    if (r.ref.target !== target) continue;
    if (r.path === undefined || r.path === result.path) out.push({ uri, range: toRange(result.source, r.ref.span) });
    else {
      const src = result.sources?.get(r.path);
      if (src) out.push({ uri: pathToFileURL(r.path).href, range: toRange(src, r.ref.span) });
    }
  }
  return out;
}

function sym(result: LintResult, obj: ModelObject, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  return {
    name: obj.name || '(unnamed)',
    detail,
    kind,
    range: toRange(result.source, obj.$.span),
    selectionRange: toRange(result.source, obj.$.nameSpan),
    children,
  };
}

/** Outline: load balancers › listeners › policies, pools › members; then the network objects. */
export function documentSymbols(result: LintResult): DocumentSymbol[] {
  const m = result.model;
  if (!m) return [];
  const out: DocumentSymbol[] = [];
  const here = <T extends { $: ModelObject['$'] }>(xs: readonly T[]): T[] => xs.filter((x) => isHere(result, x));
  for (const lb of m.loadbalancers) {
    if (!isHere(result, lb)) {
      // A load balancer of another file of the group: its objects written here stand alone.
      for (const l of here(lb.listeners)) out.push(sym(result, l, SymbolKind.Interface, [l.protocol, l.protocol_port].filter((x) => x !== undefined).join(':')));
      for (const p of here(lb.pools)) out.push(sym(result, p, SymbolKind.Struct, [p.protocol, p.lb_algorithm].filter(Boolean).join(' ')));
      continue;
    }
    const listeners = here(lb.listeners).map((l) =>
      sym(result, l, SymbolKind.Interface, [l.protocol, l.protocol_port].filter((x) => x !== undefined).join(':'),
        here(l.l7policies).map((p) => sym(result, p, SymbolKind.Event, p.action))),
    );
    const pools = here(lb.pools).map((p) =>
      sym(result, p, SymbolKind.Struct, [p.protocol, p.lb_algorithm].filter(Boolean).join(' '),
        here(p.members).map((mem) => sym(result, mem, SymbolKind.Field, mem.protocol_port !== undefined ? String(mem.protocol_port) : undefined))),
    );
    out.push(sym(result, lb, SymbolKind.Namespace, lb.type, [...listeners, ...pools]));
  }
  for (const v of m.vpcs) {
    const subnets = here(v.subnets).map((s) => sym(result, s, SymbolKind.Module, s.cidr));
    if (isHere(result, v)) out.push(sym(result, v, SymbolKind.Package, v.cidr, subnets));
    else out.push(...subnets);
  }
  for (const g of here(m.securityGroups)) out.push(sym(result, g, SymbolKind.Object, 'security group'));
  for (const a of here(m.networkAcls)) out.push(sym(result, a, SymbolKind.Object, 'network ACL'));
  for (const s of here(m.servers)) out.push(sym(result, s, SymbolKind.Constant, s.address));
  for (const c of here(m.certificates)) out.push(sym(result, c, SymbolKind.Key, c.domain));
  for (const g of here(m.ipGroups)) out.push(sym(result, g, SymbolKind.Array, 'IP group'));
  return out;
}
