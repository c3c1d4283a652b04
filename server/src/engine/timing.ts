/**
 * Time spent per rule (and per format reader) across every lint of the process, when switched on
 * (`elb-lint --timing`): a slow rule on a real repository is found in a minute. Off by default,
 * when it costs one boolean test per rule and lint.
 */
export interface Timing {
  ms: number;
  calls: number;
}

export const timings = {
  on: false,
  /** By rule ID, or `read:<format>` for parsing, schema and model building. */
  spent: new Map<string, Timing>(),
};

export function addTiming(key: string, ms: number): void {
  const t = timings.spent.get(key);
  if (t) {
    t.ms += ms;
    t.calls++;
  } else timings.spent.set(key, { ms, calls: 1 });
}

/** The table `--timing` prints: slowest first, with each one's share of the total. */
export function formatTimings(): string {
  const rows = [...timings.spent].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((n, [, t]) => n + t.ms, 0) || 1;
  const w = Math.max(4, ...rows.map(([k]) => k.length));
  const lines = [`${'Rule'.padEnd(w)} | Time (ms) | Relative | Calls`, `${'-'.repeat(w)}-|-----------|----------|------`];
  for (const [k, t] of rows) lines.push(`${k.padEnd(w)} | ${t.ms.toFixed(1).padStart(9)} | ${((100 * t.ms) / total).toFixed(1).padStart(7)}% | ${t.calls}`);
  return lines.join('\n') + '\n';
}
