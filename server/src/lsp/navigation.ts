import { SymbolKind, type DocumentSymbol, type Location } from 'vscode-languageserver';
import type { LintResult } from '../engine/lint';
import type { ModelObject } from '../engine/model/types';
import type { Span } from '../engine/types';
import { toRange } from './convert';

function inSpan(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The object whose reference or name stands at `offset`. */
function objectAt(result: LintResult, offset: number): ModelObject | undefined {
  const model = result.model;
  if (!model) return undefined;
  const ref = model.references.find((r) => inSpan(r.ref.span, offset));
  if (ref) return ref.ref.target;
  const all: ModelObject[] = [
    ...model.vpcs, ...model.subnets, ...model.networkAcls, ...model.securityGroups, ...model.servers,
    ...model.certificates, ...model.ipGroups, ...model.loadbalancers, ...model.listeners, ...model.pools,
  ];
  return all.find((o) => o.name && o.$.nameSpan !== o.$.span && inSpan(o.$.nameSpan, offset));
}

export function definitionAt(result: LintResult, uri: string, offset: number): Location | null {
  const ref = result.model?.references.find((r) => inSpan(r.ref.span, offset));
  const target = ref?.ref.target;
  if (!target) return null;
  return { uri, range: toRange(result.source, target.$.nameSpan) };
}

export function referencesAt(result: LintResult, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const target = objectAt(result, offset);
  if (!target || !result.model) return [];
  const out: Location[] = [];
  if (includeDeclaration) out.push({ uri, range: toRange(result.source, target.$.nameSpan) });
  for (const r of result.model.references) if (r.ref.target === target) out.push({ uri, range: toRange(result.source, r.ref.span) });
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
  for (const lb of m.loadbalancers) {
    const listeners = lb.listeners.map((l) =>
      sym(result, l, SymbolKind.Interface, [l.protocol, l.protocol_port].filter((x) => x !== undefined).join(':'),
        l.l7policies.map((p) => sym(result, p, SymbolKind.Event, p.action))),
    );
    const pools = lb.pools.map((p) =>
      sym(result, p, SymbolKind.Struct, [p.protocol, p.lb_algorithm].filter(Boolean).join(' '),
        p.members.map((mem) => sym(result, mem, SymbolKind.Field, mem.protocol_port !== undefined ? String(mem.protocol_port) : undefined))),
    );
    out.push(sym(result, lb, SymbolKind.Namespace, lb.type, [...listeners, ...pools]));
  }
  for (const v of m.vpcs) out.push(sym(result, v, SymbolKind.Package, v.cidr, v.subnets.map((s) => sym(result, s, SymbolKind.Module, s.cidr))));
  for (const g of m.securityGroups) out.push(sym(result, g, SymbolKind.Object, 'security group'));
  for (const a of m.networkAcls) out.push(sym(result, a, SymbolKind.Object, 'network ACL'));
  for (const s of m.servers) out.push(sym(result, s, SymbolKind.Constant, s.address));
  for (const c of m.certificates) out.push(sym(result, c, SymbolKind.Key, c.domain));
  for (const g of m.ipGroups) out.push(sym(result, g, SymbolKind.Array, 'IP group'));
  return out;
}
