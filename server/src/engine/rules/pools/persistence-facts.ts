import type { LbType, Pool, PoolProtocol, SessionPersistence } from '../../model/types';
import type { Change } from '../rule';

/**
 * Session-persistence facts shared by ELB401, ELB402, ELB405 and by ELB301's fixes (a pool whose
 * protocol changes must keep a persistence type that fits it).
 */

/** The persistence types the API knows; any other value is left to the schema (ELB002). */
export const PERSISTENCE_TYPES: readonly string[] = ['SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE'];

/**
 * Persistence timeout ranges in minutes by type [not in FAQ: API facts, formats.md §1.3].
 * APP_COOKIE has none: the API ignores the timeout there.
 */
export const PERSISTENCE_TIMEOUT: Readonly<Record<string, { min: number; max: number }>> = {
  SOURCE_IP: { min: 1, max: 60 },
  HTTP_COOKIE: { min: 1, max: 1440 },
};

/**
 * Persistence types a pool protocol takes (FAQ 7.1 tables 7-1 dedicated, 7-2 shared), or
 * `undefined` when the FAQ does not say (TLS pools; shared pools other than TCP/UDP/HTTP, which
 * shared load balancers do not have, ELB409).
 */
export function allowedPersistence(protocol: PoolProtocol | undefined, lbType: LbType): readonly string[] | undefined {
  if (protocol === 'TCP' || protocol === 'UDP') return ['SOURCE_IP'];
  if (protocol === 'HTTP') return ['HTTP_COOKIE', 'APP_COOKIE'];
  if (lbType === 'shared') return undefined;
  if (protocol === 'HTTPS' || protocol === 'GRPC') return ['HTTP_COOKIE', 'APP_COOKIE'];
  if (protocol === 'QUIC') return ['SOURCE_IP'];
  return undefined;
}

/** The type to switch to when the present one does not fit (HTTP_COOKIE, not APP_COOKIE: that needs a cookie name). */
export function preferredPersistence(allowed: readonly string[]): string {
  return allowed[0]!;
}

/** Whether ELB401 applies: SOURCE_IP algorithm together with session persistence (FAQ 7.1). */
export function persistenceWithSourceIp(pool: Pool, algorithm = pool.lb_algorithm): boolean {
  return algorithm === 'SOURCE_IP' && pool.session_persistence !== undefined;
}

/**
 * When ELB402 applies (the persistence type does not fit the pool protocol), the allowed types;
 * `undefined` otherwise. Silent when ELB401 applies, and when type or protocol is unknown.
 */
export function persistenceMismatch(pool: Pool, protocol = pool.protocol, algorithm = pool.lb_algorithm): readonly string[] | undefined {
  const sp = pool.session_persistence;
  if (!sp || sp.type === undefined || !PERSISTENCE_TYPES.includes(sp.type)) return undefined;
  if (algorithm === 'SOURCE_IP') return undefined;
  const allowed = allowedPersistence(protocol, pool.lb.type);
  if (!allowed || allowed.includes(sp.type)) return undefined;
  return allowed;
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** The timeout range of a type and whether the persistence's timeout lies outside it. */
export function timeoutOutOfRange(sp: SessionPersistence, type = sp.type): { min: number; max: number } | undefined {
  const range = type === undefined ? undefined : PERSISTENCE_TIMEOUT[type];
  const t = sp.persistence_timeout;
  if (!range || t === undefined) return undefined;
  return t < range.min || t > range.max ? range : undefined;
}

/**
 * Changes that make a pool's session persistence fit `protocol` and `algorithm` (as they will be
 * after a fix): switch the type when it does not fit (dropping `cookie_name`), and clamp the
 * timeout into the range of the type it ends up with, so neither ELB402 nor ELB405 fires.
 * Nothing when ELB401 applies (its own finding and fix cover it).
 */
export function persistenceFitChanges(pool: Pool, protocol = pool.protocol, algorithm = pool.lb_algorithm): Change[] {
  const sp = pool.session_persistence;
  if (!sp || algorithm === 'SOURCE_IP') return [];
  const changes: Change[] = [];
  const allowed = persistenceMismatch(pool, protocol, algorithm);
  const type = allowed ? preferredPersistence(allowed) : sp.type;
  if (allowed) {
    changes.push({ op: 'set', at: sp.$, path: 'type', value: type });
    if (sp.cookie_name !== undefined) changes.push({ op: 'remove', at: sp.$, path: 'cookie_name' });
  }
  const range = timeoutOutOfRange(sp, type);
  if (range) changes.push({ op: 'set', at: sp.$, path: 'persistence_timeout', value: clamp(sp.persistence_timeout!, range.min, range.max) });
  return changes;
}
