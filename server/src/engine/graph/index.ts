/**
 * The topology graph of a configuration (nodes, edges, findings on them) and its renderings.
 * `layoutGraph` (elkjs) is not re-exported: import `./layout` where a picture is drawn, so that
 * loading the engine never loads the layout library.
 */
export * from './types';
export { buildGraph, graphInputOf, type GraphInput } from './build';
export { renderDot, renderMermaid } from './text';
