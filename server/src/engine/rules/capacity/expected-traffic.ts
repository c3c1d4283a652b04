import type { ModelIndex } from '../../model/indexes';
import type { Listener, Member } from '../../model/types';
import type { Locale } from '../../types';

/** Facts of the linter-only `expected` block and the members behind a listener (ELB606, ELB607; FAQ 2.1, 5.10). */

/** Connections one IP-type member takes at most (FAQ 2.1, 5.10). */
export const IP_MEMBER_CONNECTIONS = 100_000;
/** Connections per member recommended at most on FullNAT paths: TLS listeners, WebSocket on HTTP/HTTPS (FAQ 5.10). */
export const FULLNAT_MEMBER_CONNECTIONS = 200_000;

/** The distinct members of every pool a listener forwards to. */
export function membersBehind(index: ModelIndex, l: Listener): Member[] {
  const out: Member[] = [];
  for (const p of index.poolsOf(l)) for (const m of p.members) if (!out.includes(m)) out.push(m);
  return out;
}

/** A number with thousands separators, as the console shows it. */
export function grouped(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : 'en-US');
}
