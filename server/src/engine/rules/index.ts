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
import checkPathNotAbsolute from './health-checks/check-path-not-absolute';
import poolWithoutHealthCheck from './health-checks/pool-without-health-check';
import checkTimeoutExceedsInterval from './health-checks/check-timeout-exceeds-interval';
import listenerPoolProtocolMismatch from './listeners/listener-pool-protocol-mismatch';
import listenerTimeoutOutOfRange from './listeners/listener-timeout-out-of-range';
import persistenceWithSourceIpAlgorithm from './pools/persistence-with-source-ip-algorithm';
import persistenceTypeVsProtocol from './pools/persistence-type-vs-protocol';
import persistenceTimeoutOutOfRange from './pools/persistence-timeout-out-of-range';
import tlsListenerWithoutCertificate from './certificates/tls-listener-without-certificate';

/** Findings the engine itself produces (parse, schema, references, directives): no `check` to run. */
export const structuralRules: Rule[] = [syntaxError, schemaViolation, undefinedReference, duplicateName, suppressionDirective, internalError];

/** The FAQ rules, one module each. */
export const faqRules: Rule[] = [
  sgBlocksHealthCheck,
  sgBlocksForwardedTraffic,
  udpCheckNeedsIcmp,
  checkPathNotAbsolute,
  poolWithoutHealthCheck,
  checkTimeoutExceedsInterval,
  listenerPoolProtocolMismatch,
  listenerTimeoutOutOfRange,
  persistenceWithSourceIpAlgorithm,
  persistenceTypeVsProtocol,
  persistenceTimeoutOutOfRange,
  tlsListenerWithoutCertificate,
];

export const allRules: Rule[] = [...structuralRules, ...faqRules].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
