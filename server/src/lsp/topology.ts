import { pathToFileURL } from 'node:url';
import { ErrorCodes, RequestType, ResponseError, type Connection, type Range } from 'vscode-languageserver';
import { buildGraph, graphInputOf } from '../engine/graph/build';
import type { GraphFinding, GraphNode } from '../engine/graph/types';
import { lintGroup, type GroupLintOptions, type LintResult } from '../engine/lint';
import type { Model } from '../engine/model/types';
import type { SourceText } from '../engine/text/source';
import type { Locale, Span } from '../engine/types';
import { toRange } from './convert';

/**
 * `elbLint/topology`: the laid-out topology of a document (the picture the VS Code view shows).
 * The server lints (or reuses the lint of this version), builds the graph, lays it out with elkjs
 * (loaded on the first request only) and renders the SVG with class names only: the webview's
 * stylesheet gives it the editor theme's colours.
 */

export interface TopologyParams {
  textDocument: { uri: string };
}

export interface Location {
  uri: string;
  range: Range;
}

export interface TopologyFinding {
  ruleId: string;
  severity: GraphFinding['severity'];
  message: string;
  fixes: string[];
  location?: Location;
}

export interface TopologyNode {
  id: string;
  kind: GraphNode['kind'];
  label: string[];
  severity?: GraphNode['severity'];
  relatedSeverity?: GraphNode['relatedSeverity'];
  /** Where the object is (its name), for "reveal". */
  location?: Location;
  findings: TopologyFinding[];
  related: TopologyFinding[];
}

export interface TopologyResult {
  uri: string;
  version: number;
  /** The picture: SVG with classes `node kind-* sev-*` and `data-id` attributes, no styles. */
  svg: string;
  width: number;
  height: number;
  nodes: TopologyNode[];
  unplaced: TopologyFinding[];
  counts: { errors: number; warnings: number; infos: number };
}

export const TopologyRequest = new RequestType<TopologyParams, TopologyResult | null, void>('elbLint/topology');

export interface TopologyHost {
  /**
   * The document's lint result and version, and the options it was linted with (to lint the rest of
   * its group), or `undefined` when the document is not ours.
   */
  lint(uri: string): { result: LintResult; version: number; options?: GroupLintOptions } | undefined;
  locale(): Locale;
}

/** Every source text of the model (a group of files has several), by path. */
function sourcesOf(result: LintResult, model: Model | undefined): Map<string, SourceText> {
  const out = new Map<string, SourceText>([[result.source.path, result.source]]);
  for (const [p, src] of result.sources ?? []) if (!out.has(p)) out.set(p, src);
  if (!model) return out;
  const lists: { $: { source: SourceText } }[][] = [model.loadbalancers, model.listeners, model.pools, model.members, model.servers, model.securityGroups, model.certificates];
  for (const list of lists) for (const o of list) if (!out.has(o.$.source.path)) out.set(o.$.source.path, o.$.source);
  return out;
}

export async function topologyOf(result: LintResult, uri: string, version: number, locale: Locale, options?: GroupLintOptions): Promise<TopologyResult> {
  // A document read in a group (a Terraform module): its result holds its own findings only; the
  // picture shows the findings of every file of the group, so the group is linted as a whole.
  let all: readonly LintResult[] = [result];
  if (result.sources && result.sources.size > 1 && options) {
    const files = [{ path: result.source.path, text: result.source.text }];
    for (const [p, src] of result.sources) if (p !== result.source.path) files.push({ path: p, text: src.text });
    all = lintGroup(files, { ...options, locale, format: result.format });
  }
  const graph = buildGraph(graphInputOf(all, locale));
  // elkjs is loaded here, on the first picture: linting never pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { layoutGraph } = require('../engine/graph/layout') as typeof import('../engine/graph/layout');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderSvg } = require('../engine/graph/svg') as typeof import('../engine/graph/svg');
  // In a worker thread: a long layout (hundreds of objects) never holds up diagnostics or hovers.
  const laid = await layoutGraph(graph, { runIn: 'worker' });
  const sources = sourcesOf(result, result.model);
  const uriOf = (p: string): string => (p === result.source.path ? uri : pathToFileURL(p).toString());
  const loc = (p: string | undefined, span: Span | undefined): Location | undefined => {
    if (!p || !span) return undefined;
    const src = sources.get(p);
    return src ? { uri: uriOf(p), range: toRange(src, span) } : undefined;
  };
  const finding = (f: GraphFinding): TopologyFinding => {
    const out: TopologyFinding = { ruleId: f.ruleId, severity: f.severity, message: f.message, fixes: f.fixes };
    const l = loc(f.path, f.span);
    if (l) out.location = l;
    return out;
  };
  const nodes: TopologyNode[] = laid.nodes.map((n) => {
    const t: TopologyNode = { id: n.id, kind: n.kind, label: n.label, findings: n.findings.map(finding), related: n.related.map(finding) };
    if (n.severity) t.severity = n.severity;
    if (n.relatedSeverity) t.relatedSeverity = n.relatedSeverity;
    const l = loc(n.path, n.nameSpan ?? n.span);
    if (l) t.location = l;
    return t;
  });
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of all.flatMap((r) => r.findings)) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return {
    uri,
    version,
    svg: renderSvg(laid, { theme: 'none', title: result.path.split(/[\\/]/).pop() ?? '' }),
    width: laid.width,
    height: laid.height,
    nodes,
    unplaced: laid.unplaced.map(finding),
    counts,
  };
}

/** Register the request on a connection (called once by the server). */
export function registerTopology(connection: Connection, host: TopologyHost): void {
  connection.onRequest(TopologyRequest, async (params) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'elbLint/topology: textDocument.uri is required');
    const got = host.lint(uri);
    if (!got) return null;
    try {
      return await topologyOf(got.result, uri, got.version, host.locale(), got.options);
    } catch (err) {
      connection.console.error(`elb-lint: topology failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      throw new ResponseError(ErrorCodes.InternalError, `elbLint/topology: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
