import { parseRange, type AddrRange } from '../../network/cidr';
import type { IpGroup, IpGroupBinding, Listener } from '../../model/types';

/**
 * Access-control facts shared by ELB309 and ELB314: a listener's `ipgroup` binding names an IP
 * group used as a whitelist (`white`, the default) or a blacklist (`black`); `enable_ipgroup`
 * defaults to true (formats.md §1.2).
 */

export interface ActiveAccessControl {
  binding: IpGroupBinding;
  kind: 'white' | 'black';
  group: IpGroup;
}

/** The access control a listener applies, when it is on and its IP group is known. */
export function accessControlOf(l: Listener): ActiveAccessControl | undefined {
  const b = l.ipgroup;
  if (!b || b.enable_ipgroup === false) return undefined;
  const type = b.type ?? 'white';
  if (type !== 'white' && type !== 'black') return undefined;
  const group = b.ip_group?.target;
  if (!group) return undefined;
  return { binding: b, kind: type, group };
}

/** One entry of an IP group: an address, a CIDR, or a range `a-b` (formats.md §1.8). */
export function parseIpEntry(text: string): AddrRange | null {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash < 0) return parseRange(t);
  const a = parseRange(t.slice(0, dash));
  const b = parseRange(t.slice(dash + 1));
  if (!a || !b || a.family !== b.family || a.text.includes('/') || b.text.includes('/') || b.lo < a.lo) return null;
  return { family: a.family, lo: a.lo, hi: b.hi, text: t };
}

const FAMILY_MAX: Record<4 | 6, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/**
 * Address families whose whole space the entries cover together (e.g. `0.0.0.0/0`, or
 * `0.0.0.0/1` + `128.0.0.0/1`), with the entries that take part. Unparsable entries are ignored
 * (the schema reports them).
 */
export function coveredFamilies(list: readonly string[]): { family: 4 | 6; entries: string[] }[] {
  const out: { family: 4 | 6; entries: string[] }[] = [];
  for (const family of [4, 6] as const) {
    const ranges = list
      .map((text) => ({ text, r: parseIpEntry(text) }))
      .filter((x): x is { text: string; r: AddrRange } => x.r !== null && x.r.family === family)
      .sort((a, b) => (a.r.lo < b.r.lo ? -1 : a.r.lo > b.r.lo ? 1 : 0));
    let next = 0n;
    const used: string[] = [];
    for (const { text, r } of ranges) {
      if (r.lo > next) break;
      if (r.hi >= next) {
        used.push(text);
        next = r.hi + 1n;
      }
      if (next > FAMILY_MAX[family]) break;
    }
    if (next > FAMILY_MAX[family]) {
      // Prefer naming a single entry that covers everything on its own.
      const whole = ranges.find((x) => x.r.lo === 0n && x.r.hi === FAMILY_MAX[family]);
      out.push({ family, entries: whole ? [whole.text] : used });
    }
  }
  return out;
}
