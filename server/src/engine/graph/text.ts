import type { Graph, GraphEdge, GraphNode } from './types';

/**
 * Graphviz DOT and Mermaid text of the graph (no layout: the renderer of the reader lays it out).
 * Same nodes, edges and colours as the SVG: red for errors, amber for warnings, a red dashed
 * edge where the security groups refuse ELB's traffic to a member.
 */

const COLORS = { error: '#cf222e', warning: '#d4a72c', info: '#0969da', allowed: '#1a7f37', neutral: '#8c959f' };
const FILLS = { error: '#ffebe9', warning: '#fff8c5', info: '#ddf4ff' };

function dotString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n') + '"';
}

function nodeTooltip(n: GraphNode): string {
  return [...n.label, ...n.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`)].join('\n');
}

export function renderDot(g: Graph, title = 'ELB topology'): string {
  const out: string[] = [];
  out.push(`digraph ${dotString(title)} {`);
  out.push('  rankdir=LR;');
  out.push('  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#8c959f", fontname="monospace", fontsize=11];');
  out.push('  edge [color="#8c959f", fontname="monospace", fontsize=9, arrowsize=0.7];');
  for (const n of g.nodes) {
    const attrs = [`label=${dotString(n.label.join('\n'))}`, `tooltip=${dotString(nodeTooltip(n))}`];
    if (n.severity === 'error' || n.severity === 'warning' || n.severity === 'info') {
      attrs.push(`color="${COLORS[n.severity]}"`, `fillcolor="${FILLS[n.severity]}"`, 'penwidth=2.5');
    } else if (n.relatedSeverity) attrs.push(`color="${COLORS[n.relatedSeverity]}"`, 'style="rounded,filled,dashed"', 'penwidth=2');
    if (n.kind === 'source_range' && !n.severity) attrs.push('style="rounded,dashed"', 'fillcolor="#ffffff"');
    out.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of g.edges) {
    const attrs: string[] = [];
    if (e.label) attrs.push(`label=${dotString(e.label)}`);
    if (e.status === 'blocked') attrs.push(`color="${COLORS.error}"`, `fontcolor="${COLORS.error}"`, 'style=dashed', 'penwidth=2');
    else if (e.status === 'allowed') attrs.push(`color="${COLORS.allowed}"`);
    else if (e.status === 'unknown' || e.kind === 'unattached_pool') attrs.push('style=dotted');
    out.push(`  ${dotString(e.source)} -> ${dotString(e.target)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** Mermaid label text: entity codes for what its parser treats as syntax. */
function mermaidText(s: string): string {
  return s.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/[[\]{}()|`]/g, (c) => `#${c.charCodeAt(0)};`);
}

function mermaidId(id: string): string {
  return 'n_' + id.replace(/[^A-Za-z0-9_]/g, '_');
}

export function renderMermaid(g: Graph): string {
  const out: string[] = ['flowchart LR'];
  out.push(`  classDef error fill:${FILLS.error},stroke:${COLORS.error},stroke-width:3px,color:#1f2328`);
  out.push(`  classDef warning fill:${FILLS.warning},stroke:${COLORS.warning},stroke-width:3px,color:#1f2328`);
  out.push(`  classDef info fill:${FILLS.info},stroke:${COLORS.info},stroke-width:2px,color:#1f2328`);
  out.push(`  classDef source fill:#ffffff,stroke:${COLORS.neutral},stroke-dasharray:4 3,color:#1f2328`);
  for (const n of g.nodes) {
    const text = n.label.map(mermaidText).join('<br/>');
    const shape = n.kind === 'source_range' ? [`(["`, `"])`] : n.kind === 'loadbalancer' ? [`[["`, `"]]`] : [`["`, `"]`];
    out.push(`  ${mermaidId(n.id)}${shape[0]}${text}${shape[1]}`);
  }
  const styled: string[] = [];
  g.edges.forEach((e: GraphEdge, i) => {
    const arrow = e.status === 'blocked' || e.status === 'unknown' || e.kind === 'unattached_pool' ? '-.->' : '-->';
    out.push(`  ${mermaidId(e.source)} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ''} ${mermaidId(e.target)}`);
    if (e.status === 'blocked') styled.push(`  linkStyle ${i} stroke:${COLORS.error},stroke-width:2px,color:${COLORS.error}`);
    else if (e.status === 'allowed') styled.push(`  linkStyle ${i} stroke:${COLORS.allowed}`);
  });
  out.push(...styled);
  for (const n of g.nodes) {
    const cls = n.severity ?? (n.kind === 'source_range' ? 'source' : undefined);
    if (cls) out.push(`  class ${mermaidId(n.id)} ${cls}`);
  }
  return out.join('\n') + '\n';
}
