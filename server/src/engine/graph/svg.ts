import { clip, METRICS } from './layout';
import type { GraphFinding, PositionedEdge, PositionedGraph, PositionedNode } from './types';

/**
 * The positioned graph as SVG. One renderer for the CLI (`--format svg`: a standalone picture
 * with its own light stylesheet) and the VS Code webview (`theme: 'none'`: class names only, the
 * webview's stylesheet maps them to the editor theme's colours). No inline `style` attributes, no
 * scripts, no external references: it passes a strict Content-Security-Policy.
 */

export interface SvgOptions {
  /** `light`: embed a stylesheet (CLI, docs); `none`: classes only (styled by the host page). */
  theme?: 'light' | 'none';
  /** Title of the picture (the file name). */
  title?: string;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n1 = (v: number): string => String(Math.round(v * 10) / 10);

export const LIGHT_CSS = `
.bg{fill:#ffffff}
text{font-family:"DejaVu Sans Mono","Menlo","Consolas",monospace;font-size:${METRICS.fontSize}px;fill:#1f2328}
.node rect.box{fill:#f6f8fa;stroke:#8c959f;stroke-width:1}
.node .title{font-weight:bold}
.node .stripe{fill:#8c959f}
.kind-loadbalancer .stripe{fill:#0969da}
.kind-listener .stripe{fill:#1a7f37}
.kind-l7policy .stripe{fill:#8250df}
.kind-pool .stripe{fill:#bf8700}
.kind-member .stripe{fill:#57606a}
.kind-server .stripe{fill:#6e7781}
.kind-security_group .stripe{fill:#953800}
.kind-certificate .stripe{fill:#1b7c83}
.kind-source_range rect.box{fill:#ffffff;stroke-dasharray:4 3}
.kind-source_range .stripe{fill:#0550ae}
.rel-info rect.box,.rel-warning rect.box,.rel-error rect.box{stroke-dasharray:5 3;stroke-width:2}
.rel-info rect.box{stroke:#0969da}
.rel-warning rect.box{stroke:#d4a72c}
.rel-error rect.box{stroke:#cf222e}
.sev-info rect.box{stroke:#0969da;stroke-width:2;stroke-dasharray:none}
.sev-warning rect.box{fill:#fff8c5;stroke:#d4a72c;stroke-width:2.5;stroke-dasharray:none}
.sev-error rect.box{fill:#ffebe9;stroke:#cf222e;stroke-width:2.5;stroke-dasharray:none}
.badge circle{fill:#0969da}
.sev-warning .badge circle{fill:#bf8700}
.sev-error .badge circle{fill:#cf222e}
.badge text{fill:#ffffff;font-size:10px;font-weight:bold}
.edge path{fill:none;stroke:#8c959f;stroke-width:1.2}
.edge .edge-label{font-size:${METRICS.edgeFontSize}px;fill:#57606a}
.kind-unattached_pool path{stroke-dasharray:3 3}
.status-allowed path{stroke:#1a7f37}
.status-unknown path{stroke:#8c959f;stroke-dasharray:2 3}
.status-blocked path{stroke:#cf222e;stroke-width:2.2;stroke-dasharray:6 3}
.status-blocked .edge-label{fill:#cf222e;font-weight:bold}
.arrow{fill:#8c959f}
.arrow-allowed{fill:#1a7f37}
.arrow-blocked{fill:#cf222e}
`;

function findingLines(fs: GraphFinding[]): string[] {
  return fs.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`);
}

function nodeSvg(n: PositionedNode): string {
  const cls = ['node', `kind-${n.kind}`];
  if (n.severity) cls.push(`sev-${n.severity}`);
  if (n.relatedSeverity) cls.push(`rel-${n.relatedSeverity}`);
  const tip = [...n.label, ...findingLines(n.findings), ...findingLines(n.related).map((l) => `→ ${l}`)].join('\n');
  const parts: string[] = [];
  parts.push(`<g class="${cls.join(' ')}" data-id="${esc(n.id)}" transform="translate(${n1(n.x)},${n1(n.y)})" tabindex="0" role="button">`);
  parts.push(`<title>${esc(tip)}</title>`);
  parts.push(`<rect class="box" width="${n1(n.width)}" height="${n1(n.height)}" rx="5" ry="5"/>`);
  parts.push(`<rect class="stripe" x="0" y="5" width="3" height="${n1(Math.max(0, n.height - 10))}"/>`);
  n.label.forEach((line, i) => {
    const y = METRICS.padY + (i + 1) * METRICS.lineHeight - 4;
    parts.push(`<text x="${METRICS.padX}" y="${y}"${i === 0 ? ' class="title"' : ''}>${esc(clip(line))}</text>`);
  });
  const count = n.findings.length;
  if (count) {
    parts.push(`<g class="badge" transform="translate(${n1(n.width)},0)"><circle r="8"/><text x="0" y="3.5" text-anchor="middle">${count > 9 ? '9+' : count}</text></g>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function edgeSvg(e: PositionedEdge): string {
  if (e.points.length < 2) return '';
  const cls = ['edge', `kind-${e.kind}`];
  if (e.status) cls.push(`status-${e.status}`);
  const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${n1(p.x)} ${n1(p.y)}`).join(' ');
  const marker = e.status === 'blocked' ? 'arrow-blocked' : e.status === 'allowed' ? 'arrow-allowed' : 'arrow';
  const parts = [`<g class="${cls.join(' ')}" data-id="${esc(e.id)}">`, `<path d="${d}" marker-end="url(#${marker})"/>`];
  if (e.label && e.labelPos) parts.push(`<text class="edge-label" x="${n1(e.labelPos.x + 2)}" y="${n1(e.labelPos.y)}">${esc(clip(e.label, 32))}</text>`);
  parts.push('</g>');
  return parts.join('');
}

export function renderSvg(g: PositionedGraph, options: SvgOptions = {}): string {
  const theme = options.theme ?? 'light';
  const width = Math.max(g.width, 120);
  const height = Math.max(g.height, 60);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="elb-topology" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`);
  out.push(`<title>${esc(options.title ?? 'ELB topology')}</title>`);
  if (theme === 'light') out.push(`<style>${LIGHT_CSS}</style>`);
  out.push('<defs>');
  for (const id of ['arrow', 'arrow-allowed', 'arrow-blocked']) {
    out.push(`<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="${id}" d="M0 0L10 5L0 10z"/></marker>`);
  }
  out.push('</defs>');
  if (theme === 'light') out.push(`<rect class="bg" x="0" y="0" width="${width}" height="${height}"/>`);
  out.push('<g class="edges">');
  for (const e of g.edges) out.push(edgeSvg(e));
  out.push('</g><g class="nodes">');
  for (const n of g.nodes) out.push(nodeSvg(n));
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}
