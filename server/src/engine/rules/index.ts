import type { Rule } from './rule';
import syntaxError from './structure/syntax-error';
import schemaViolation from './structure/schema-violation';
import undefinedReference from './structure/undefined-reference';
import duplicateName from './structure/duplicate-name';
import suppressionDirective from './structure/suppression-directive';
import internalError from './structure/internal-error';
import sgBlocksHealthCheck from './security-groups/sg-blocks-health-check';
import sgBlocksForwardedTraffic from './security-groups/sg-blocks-forwarded-traffic';
import udpCheckNeedsIcmp from './security-groups/udp-check-needs-icmp';

/** Findings the engine itself produces (parse, schema, references, directives): no `check` to run. */
export const structuralRules: Rule[] = [syntaxError, schemaViolation, undefinedReference, duplicateName, suppressionDirective, internalError];

/** The FAQ rules, one module each. */
export const faqRules: Rule[] = [
  sgBlocksHealthCheck,
  sgBlocksForwardedTraffic,
  udpCheckNeedsIcmp,
];

export const allRules: Rule[] = [...structuralRules, ...faqRules].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
