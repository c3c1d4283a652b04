import type { Graph, GraphNode, Point, PositionedEdge, PositionedGraph, PositionedNode } from './types';

/**
 * Places the graph with ELK's layered algorithm (elkjs), left to right: load balancers first,
 * security groups last. elkjs is required on first use only, so that linting never loads it.
 */

/** Metrics shared with the SVG renderer (monospace text, so widths can be computed here). */
export const METRICS = {
  fontSize: 12,
  /** Advance of one character of a monospace font at `fontSize`, and of a wide (CJK) one. */
  charWidth: 7.3,
  wideCharWidth: 12.5,
  lineHeight: 16,
  padX: 10,
  padY: 7,
  minWidth: 84,
  edgeFontSize: 10.5,
  edgeCharWidth: 6.4,
} as const;

function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6);
}

export function textWidth(text: string, narrow: number = METRICS.charWidth, wide: number = METRICS.wideCharWidth): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? wide : narrow;
  return w;
}

/** Labels longer than this are cut with an ellipsis (the full text is in the node's tooltip). */
export const MAX_LABEL_CHARS = 44;

export function clip(text: string, max: number = MAX_LABEL_CHARS): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}

export function nodeSize(n: GraphNode): { width: number; height: number } {
  const widest = Math.max(...n.label.map((l) => textWidth(clip(l))), 0);
  return {
    width: Math.ceil(Math.max(METRICS.minWidth, widest + 2 * METRICS.padX)),
    height: Math.ceil(n.label.length * METRICS.lineHeight + 2 * METRICS.padY),
  };
}

interface ElkPoint {
  x: number;
  y: number;
}
interface ElkEdgeOut {
  id: string;
  sections?: { startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }[];
  labels?: { x?: number; y?: number; width?: number; height?: number }[];
}
interface ElkNodeOut {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNodeOut[];
  edges?: ElkEdgeOut[];
}
interface ElkApi {
  layout(graph: unknown): Promise<ElkNodeOut>;
}

let elk: ElkApi | undefined;

function getElk(): ElkApi {
  if (!elk) {
    // The bundled build runs in this thread (no worker) and carries no native code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ELK = require('elkjs/lib/elk.bundled.js') as new () => ElkApi;
    elk = new ELK();
  }
  return elk;
}

export const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.spacing.nodeNode': '14',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '8',
  'elk.spacing.edgeLabel': '2',
  'elk.spacing.componentComponent': '36',
  'elk.separateConnectedComponents': 'true',
  'elk.aspectRatio': '1.4',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeLabels.inline': 'true',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

/** What ELK is given for a graph: sizes of the nodes, the edges and their labels. */
export function elkInput(graph: Graph): unknown {
  // Large pictures (dozens of load balancers): fewer crossing-minimisation rounds and no
  // document-order constraint, about half the time; each load balancer's picture is small anyway.
  const large = graph.nodes.length > 200;
  return {
    id: 'root',
    layoutOptions: large ? { ...LAYOUT_OPTIONS, 'elk.layered.thoroughness': '2', 'elk.layered.considerModelOrder.strategy': 'NONE' } : LAYOUT_OPTIONS,
    children: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n) })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: e.label
        ? [{ text: e.label, width: Math.ceil(textWidth(clip(e.label, 32), METRICS.edgeCharWidth, METRICS.edgeCharWidth * 1.7)) + 4, height: 13 }]
        : [],
    })),
  };
}

/** Run ELK on an input made by {@link elkInput} (here, or in the layout worker). */
export function runElk(input: unknown): Promise<unknown> {
  return getElk().layout(input);
}

export interface LayoutOptions {
  /**
   * Where ELK runs: `thread` (here) or `worker` (a worker thread, so that a long layout never
   * holds up the language server; falls back to here when no worker can be started).
   */
  runIn?: 'thread' | 'worker';
}

/** Lay the graph out. Deterministic for the same graph. */
export async function layoutGraph(graph: Graph, options: LayoutOptions = {}): Promise<PositionedGraph> {
  const input = elkInput(graph);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = options.runIn === 'worker' ? await (require('./layout-host') as typeof import('./layout-host')).layoutInWorker(input) : await runElk(input);
  const out = raw as ElkNodeOut;
  const placed = new Map<string, ElkNodeOut>();
  for (const c of out.children ?? []) placed.set(c.id, c);
  const nodes: PositionedNode[] = graph.nodes.map((n) => {
    const p = placed.get(n.id);
    const size = nodeSize(n);
    return { ...n, x: p?.x ?? 0, y: p?.y ?? 0, width: p?.width ?? size.width, height: p?.height ?? size.height };
  });
  const routes = new Map<string, ElkEdgeOut>();
  for (const e of out.edges ?? []) routes.set(e.id, e);
  const edges: PositionedEdge[] = graph.edges.map((e) => {
    const r = routes.get(e.id);
    const points: Point[] = [];
    for (const s of r?.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    const pe: PositionedEdge = { ...e, points: points.map((p) => ({ x: p.x, y: p.y })) };
    const l = r?.labels?.[0];
    if (l && l.x !== undefined && l.y !== undefined) pe.labelPos = { x: l.x, y: l.y + (l.height ?? 13) - 3 };
    return pe;
  });
  return { nodes, edges, unplaced: graph.unplaced, width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0) };
}
