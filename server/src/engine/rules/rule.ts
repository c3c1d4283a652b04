import type { Model, Origin } from '../model/types';
import type { ModelIndex } from '../model/indexes';
import type { Locale, Severity, Span } from '../types';

export type Messages = Record<string, string>;

export interface RuleDocs {
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters and what to do (Markdown, a few paragraphs). */
  details: string;
}

/** Everything a rule says about itself; docs pages, SARIF and hovers are generated from it. */
export interface RuleMeta {
  id: string;
  name: string;
  severity: Severity;
  /** FAQ sections the rule is derived from, e.g. `['2.2', '3.1']`. */
  faq: string[];
  /** The catalogue section the rule belongs to (for the docs index). */
  category: 'structure' | 'security-groups' | 'health-checks' | 'listeners' | 'pools' | 'certificates' | 'capacity';
  fixable: boolean;
  /** A fact or threshold that does not come from the FAQ (the page says so). */
  notInFaq?: Record<Locale, string>;
  docs: Record<Locale, RuleDocs>;
  /** Message templates by id; `{name}` placeholders are filled from the report's data. */
  messages: Record<Locale, Messages>;
  /** A configuration that fires and one that does not (our YAML format), for the docs page. */
  examples?: { bad: string; good: string };
  /**
   * Numeric options users may set in `.elb-lint.yaml` (`ELB207: [info, {maxDelay: 3}]`): every
   * threshold that is the linter's own choice ([not in FAQ]) is one.
   */
  options?: Record<string, RuleOption>;
}

export interface RuleOption {
  default: number;
  min?: number;
  max?: number;
  description: Record<Locale, string>;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export type Data = Record<string, string | number>;

export type Change =
  | { op: 'set'; at: Origin; path: string; value: unknown }
  | { op: 'remove'; at: Origin; path: string }
  /** Append one item, or several in order, to a list field (created when absent). */
  | { op: 'append'; at: Origin; path: string; value: Record<string, unknown> | Record<string, unknown>[] }
  /** Remove the object from the list that holds it (a duplicate policy, a stale rule). */
  | { op: 'delete'; at: Origin };

export interface FixSpec {
  messageId: string;
  data?: Data;
  changes: Change[];
  preferred?: boolean;
}

export interface RelatedSpec {
  at: Origin;
  field?: string;
  messageId: string;
  data?: Data;
}

export interface ReportSpec {
  at: Origin;
  /** Dotted model path of the field that is wrong; the finding lands on its value (else key). */
  field?: string;
  /** Explicit span, when neither the object nor a field fits. */
  span?: Span;
  messageId?: string;
  data?: Data;
  /** Overrides the rule's default severity for this finding (rules with E/W variants). */
  severity?: Severity;
  related?: RelatedSpec[];
  fixes?: FixSpec[];
}

export interface RuleContext {
  readonly model: Model;
  readonly index: ModelIndex;
  readonly locale: Locale;
  report(spec: ReportSpec): void;
  /** A numeric option of this rule (or of `ruleId`), as configured, else its default. */
  option(name: string, ruleId?: string): number;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fill `{name}` placeholders. Unknown placeholders stay visible, so a missing fact is noticed. */
export function format(template: string, data: Data | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
