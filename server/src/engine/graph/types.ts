import type { Severity, Span } from '../types';

/**
 * The topology of a configuration as a graph: what the model builds (load balancers → listeners →
 * forwarding policies → pools → members → servers → security groups) and which findings concern
 * each object. Format-neutral: built from the model and the findings only. Plain data (JSON-safe)
 * so that the language server can send it and the webview can draw it.
 */

export type GraphNodeKind = 'loadbalancer' | 'listener' | 'l7policy' | 'pool' | 'member' | 'server' | 'security_group' | 'source_range' | 'certificate';

export interface GraphFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** File of the finding and its span there (where a quick fix is asked for). */
  path: string;
  span: Span;
  /** Titles of the fixes the finding offers. */
  fixes: string[];
}

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** First line: the object's name or what identifies it (`HTTP:80`); the rest: its facts. */
  label: string[];
  /** The file and span of the object (absent for derived nodes such as the source range). */
  path?: string;
  span?: Span;
  /** Span naming the object (where "reveal" puts the cursor). */
  nameSpan?: Span;
  /** Worst severity of the findings placed on this object. */
  severity?: Severity;
  /** Findings whose span lies in this object (the innermost object holding it). */
  findings: GraphFinding[];
  /** Worst severity of findings elsewhere that point at this object (related locations). */
  relatedSeverity?: Severity;
  /** Findings elsewhere whose related locations lie in this object. */
  related: GraphFinding[];
}

export type EdgeKind = 'listener' | 'policy' | 'default_pool' | 'redirect_pool' | 'unattached_pool' | 'member' | 'server' | 'security_group' | 'elb_traffic' | 'certificate';

/** For `elb_traffic` edges: whether the member's security groups admit what ELB sends it. */
export type TrafficStatus = 'allowed' | 'blocked' | 'unknown';

export interface GraphEdge {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label?: string;
  status?: TrafficStatus;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Findings that lie in no drawn object (a VPC, a subnet, the file as a whole). */
  unplaced: GraphFinding[];
}

export interface Point {
  x: number;
  y: number;
}

export interface PositionedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedEdge extends GraphEdge {
  /** Polyline from the source node's border to the target's. */
  points: Point[];
  labelPos?: Point;
}

export interface PositionedGraph extends Graph {
  nodes: PositionedNode[];
  edges: PositionedEdge[];
  width: number;
  height: number;
}
