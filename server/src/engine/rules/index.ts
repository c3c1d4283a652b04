import type { Rule } from './rule';
import syntaxError from './structure/syntax-error';
import schemaViolation from './structure/schema-violation';
import undefinedReference from './structure/undefined-reference';
import duplicateName from './structure/duplicate-name';
import suppressionDirective from './structure/suppression-directive';
import internalError from './structure/internal-error';
import apiResponseShape from './structure/api-response-shape';
import apiDanglingId from './structure/api-dangling-id';
import apiDuplicateId from './structure/api-duplicate-id';
import unknownAnnotation from './structure/unknown-annotation';
import annotationValueInvalid from './structure/annotation-value-invalid';
import annotationIgnored from './structure/annotation-ignored';
import listenerPortConflict from './structure/listener-port-conflict';
import terraformRead from './structure/terraform-read';
import terraformSubnetIdentifier from './structure/terraform-subnet-identifier';
import sgBlocksHealthCheck from './security-groups/sg-blocks-health-check';
import sgBlocksForwardedTraffic from './security-groups/sg-blocks-forwarded-traffic';
import udpCheckNeedsIcmp from './security-groups/udp-check-needs-icmp';
import sgEgressBlocksElb from './security-groups/sg-egress-blocks-elb';
import aclBlocksElb from './security-groups/acl-blocks-elb';
import sharedAltRangeMissing from './security-groups/shared-alt-range-missing';
import whitelistBypassable from './security-groups/whitelist-bypassable';
import checkPathNotAbsolute from './health-checks/check-path-not-absolute';
import poolWithoutHealthCheck from './health-checks/pool-without-health-check';
import checkTimeoutExceedsInterval from './health-checks/check-timeout-exceeds-interval';
import poolNotAttached from './health-checks/pool-not-attached';
import l4LbWithoutAddress from './health-checks/l4-lb-without-address';
import udpCheckTimeoutTooSmall from './health-checks/udp-check-timeout-too-small';
import checkIntervalVeryShort from './health-checks/check-interval-very-short';
import checkPortDiffers from './health-checks/check-port-differs';
import sharedWeightZeroShowsAbnormal from './health-checks/shared-weight-zero-shows-abnormal';
import checkExpectedCodes from './health-checks/check-expected-codes';
import listenerPoolProtocolMismatch from './listeners/listener-pool-protocol-mismatch';
import listenerTimeoutOutOfRange from './listeners/listener-timeout-out-of-range';
import sharedUdpTimeout from './listeners/shared-udp-timeout';
import dnsUdpIdleTimeout from './listeners/dns-udp-idle-timeout';
import duplicateForwardingPolicy from './listeners/duplicate-forwarding-policy';
import accessLogOnL4 from './listeners/access-log-on-l4';
import insertHeadersOnL4 from './listeners/insert-headers-on-l4';
import flavorMissingForListener from './listeners/flavor-missing-for-listener';
import whitelistEmpty from './listeners/whitelist-empty';
import persistenceDisablesRetry from './listeners/persistence-disables-retry';
import dedicatedL4TransparentIpOff from './listeners/dedicated-l4-transparent-ip-off';
import accessLogRetentionOutOfRange from './listeners/access-log-retention-out-of-range';
import accessLogWithoutLtsTarget from './listeners/access-log-without-lts-target';
import blacklistBlocksAll from './listeners/blacklist-blocks-all';
import persistenceWithSourceIpAlgorithm from './pools/persistence-with-source-ip-algorithm';
import persistenceTypeVsProtocol from './pools/persistence-type-vs-protocol';
import persistenceTimeoutOutOfRange from './pools/persistence-timeout-out-of-range';
import quicAlgorithm from './pools/quic-algorithm';
import appCookieWithoutName from './pools/app-cookie-without-name';
import poolWithoutMembers from './pools/pool-without-members';
import allMembersWeightZero from './pools/all-members-weight-zero';
import memberWeightZero from './pools/member-weight-zero';
import sharedUnsupportedPoolProtocol from './pools/shared-unsupported-pool-protocol';
import sharedCrossVpcMember from './pools/shared-cross-vpc-member';
import ipBackendNotEnabled from './pools/ip-backend-not-enabled';
import ipBackendNeedsPeering from './pools/ip-backend-needs-peering';
import fiveTupleConflict from './pools/five-tuple-conflict';
import backendBothClientAndServer from './pools/backend-both-client-and-server';
import memberOutsideLbVpc from './pools/member-outside-lb-vpc';
import databaseMember from './pools/database-member';
import sourceIpAffinityBehindProxy from './pools/source-ip-affinity-behind-proxy';
import memberEipUnneeded from './pools/member-eip-unneeded';
import tlsListenerWithoutCertificate from './certificates/tls-listener-without-certificate';
import certificateOnPlainListener from './certificates/certificate-on-plain-listener';
import certificateExpired from './certificates/certificate-expired';
import certificateDomainMismatch from './certificates/certificate-domain-mismatch';
import certificatePemMalformed from './certificates/certificate-pem-malformed';
import legacyTlsPolicy from './certificates/legacy-tls-policy';
import sharedFlavor from './capacity/shared-flavor';
import sharedIpv6 from './capacity/shared-ipv6';
import ipv6WithoutIpv6BackendSubnet from './capacity/ipv6-without-ipv6-backend-subnet';
import ipv6BackendVersion from './capacity/ipv6-backend-version';
import backendSubnetTooSmall from './capacity/backend-subnet-too-small';
import ipBackendConcurrencyCap from './capacity/ip-backend-concurrency-cap';
import fullnatBackendCount from './capacity/fullnat-backend-count';
import eipBandwidthExceedsFlavor from './capacity/eip-bandwidth-exceeds-flavor';
import loadbalancerWithoutListeners from './capacity/loadbalancer-without-listeners';
import ipv6FrontendSubnetWithoutIpv6 from './capacity/ipv6-frontend-subnet-without-ipv6';

/** Findings the engine itself produces (parse, schema, references, directives): no `check` to run. */
export const structuralRules: Rule[] = [syntaxError, schemaViolation, undefinedReference, duplicateName, suppressionDirective, terraformRead, terraformSubnetIdentifier, unknownAnnotation, annotationValueInvalid, annotationIgnored, listenerPortConflict, apiResponseShape, apiDanglingId, apiDuplicateId, internalError];

/** The FAQ rules, one module each. */
export const faqRules: Rule[] = [
  sgBlocksHealthCheck,
  sgBlocksForwardedTraffic,
  udpCheckNeedsIcmp,
  sgEgressBlocksElb,
  aclBlocksElb,
  sharedAltRangeMissing,
  whitelistBypassable,
  checkPathNotAbsolute,
  poolWithoutHealthCheck,
  checkTimeoutExceedsInterval,
  poolNotAttached,
  l4LbWithoutAddress,
  udpCheckTimeoutTooSmall,
  checkIntervalVeryShort,
  checkPortDiffers,
  sharedWeightZeroShowsAbnormal,
  checkExpectedCodes,
  listenerPoolProtocolMismatch,
  listenerTimeoutOutOfRange,
  sharedUdpTimeout,
  dnsUdpIdleTimeout,
  duplicateForwardingPolicy,
  accessLogOnL4,
  insertHeadersOnL4,
  flavorMissingForListener,
  whitelistEmpty,
  persistenceDisablesRetry,
  dedicatedL4TransparentIpOff,
  accessLogRetentionOutOfRange,
  accessLogWithoutLtsTarget,
  blacklistBlocksAll,
  persistenceWithSourceIpAlgorithm,
  persistenceTypeVsProtocol,
  persistenceTimeoutOutOfRange,
  quicAlgorithm,
  appCookieWithoutName,
  poolWithoutMembers,
  allMembersWeightZero,
  memberWeightZero,
  sharedUnsupportedPoolProtocol,
  sharedCrossVpcMember,
  ipBackendNotEnabled,
  ipBackendNeedsPeering,
  fiveTupleConflict,
  backendBothClientAndServer,
  memberOutsideLbVpc,
  databaseMember,
  sourceIpAffinityBehindProxy,
  memberEipUnneeded,
  tlsListenerWithoutCertificate,
  certificateOnPlainListener,
  certificateExpired,
  certificateDomainMismatch,
  certificatePemMalformed,
  legacyTlsPolicy,
  sharedFlavor,
  sharedIpv6,
  ipv6WithoutIpv6BackendSubnet,
  ipv6BackendVersion,
  backendSubnetTooSmall,
  ipBackendConcurrencyCap,
  fullnatBackendCount,
  eipBandwidthExceedsFlavor,
  loadbalancerWithoutListeners,
  ipv6FrontendSubnetWithoutIpv6,
];

export const allRules: Rule[] = [...structuralRules, ...faqRules].sort((a, b) => a.id.localeCompare(b.id));

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
