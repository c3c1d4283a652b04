import type { AccessLog, LoadBalancer } from '../../model/types';

/**
 * Access-log facts shared by ELB306, ELB312 and ELB313. In our format the access log (an LTS
 * "logtank": log group + log stream) belongs to the load balancer, as in the API.
 */

/** Retention in days: 1–365, default 7 (FAQ 8.7). */
export const RETENTION_DAYS = { min: 1, max: 365, default: 7 } as const;

/** The access log of a load balancer when it is configured and not switched off (`enabled` defaults to true). */
export function activeAccessLog(lb: LoadBalancer): AccessLog | undefined {
  const al = lb.access_log;
  if (!al || al.enabled === false) return undefined;
  return al;
}

/** Whether an LTS target field is missing: absent, or written as an empty string. */
export function missingTarget(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}
