import * as ipaddr from 'ipaddr.js';

/** An address range as integers, for containment and interval arithmetic. */
export interface AddrRange {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
  /** The text it was parsed from. */
  text: string;
}

function toBig(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let v = 0n;
  for (const b of addr.toByteArray()) v = (v << 8n) | BigInt(b);
  return v;
}

const cache = new Map<string, AddrRange | null>();

/** Parse `a.b.c.d`, `a.b.c.d/n`, IPv6 and IPv6/n; `null` when it is not an address or CIDR. */
export function parseRange(text: string): AddrRange | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  let result: AddrRange | null = null;
  try {
    const t = text.trim();
    if (t.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(t);
      const width = addr.kind() === 'ipv4' ? 32 : 128;
      const base = toBig(addr);
      const hostBits = BigInt(width - bits);
      const lo = (base >> hostBits) << hostBits;
      const hi = lo + (1n << hostBits) - 1n;
      result = { family: width === 32 ? 4 : 6, lo, hi, text: t };
    } else if (ipaddr.isValid(t)) {
      const addr = ipaddr.parse(t);
      const v = toBig(addr);
      result = { family: addr.kind() === 'ipv4' ? 4 : 6, lo: v, hi: v, text: t };
    }
  } catch {
    result = null;
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(text, result);
  return result;
}

export function containsRange(outer: AddrRange, inner: AddrRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

export function overlaps(a: AddrRange, b: AddrRange): boolean {
  return a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
}

/** Number of addresses in a CIDR (as a number; IPv6 sizes saturate). */
export function rangeSize(r: AddrRange): number {
  return Number(r.hi - r.lo + 1n);
}

export const ANY_V4: AddrRange = { family: 4, lo: 0n, hi: (1n << 32n) - 1n, text: '0.0.0.0/0' };
export const ANY_V6: AddrRange = { family: 6, lo: 0n, hi: (1n << 128n) - 1n, text: '::/0' };

/** Interval list arithmetic over one family: what part of a range is still undecided. */
export type Intervals = [bigint, bigint][];

export function subtract(list: Intervals, lo: bigint, hi: bigint): { rest: Intervals; taken: Intervals } {
  const rest: Intervals = [];
  const taken: Intervals = [];
  for (const [a, b] of list) {
    if (hi < a || lo > b) {
      rest.push([a, b]);
      continue;
    }
    if (a < lo) rest.push([a, lo - 1n]);
    if (b > hi) rest.push([hi + 1n, b]);
    taken.push([a > lo ? a : lo, b < hi ? b : hi]);
  }
  return { rest, taken };
}
