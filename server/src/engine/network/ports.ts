/** Port sets as written in security-group and ACL rules: `80`, `1-30`, `22,3389,8000-8080`. */
export type PortSet = [number, number][] | 'all';

/** Parse a multiport string; `undefined` when it is malformed. */
export function parsePortList(text: string): PortSet | undefined {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'any' || t.toLowerCase() === 'all') return 'all';
  const out: [number, number][] = [];
  for (const part of t.split(',')) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (lo > hi || hi > 65535) return undefined;
    out.push([lo, hi]);
  }
  return out;
}

export function portSetHas(set: PortSet, port: number): boolean {
  if (set === 'all') return true;
  for (const [lo, hi] of set) if (port >= lo && port <= hi) return true;
  return false;
}
