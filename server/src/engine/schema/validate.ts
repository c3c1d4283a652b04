import type { SNode } from '../parse/tree';
import type { Locale, Span } from '../types';

/** A schema violation placed on the exact key or value that is wrong (reported as ELB002). */
export interface SchemaProblem {
  span: Span;
  message: string;
  /** Optional replacement for a misspelt key or enum value ("did you mean"). */
  suggestion?: { span: Span; text: string };
}

/**
 * Validate a document of our own format against schemas/elb-config.schema.json.
 * PLACEHOLDER: replaced by the schema work (ajv compiled once, errors mapped to spans).
 */
export function validateOwnFormat(_root: SNode, _plain: unknown, _locale: Locale): SchemaProblem[] {
  return [];
}
