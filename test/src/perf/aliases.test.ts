import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/out/engine/lint';
import { parseYaml } from '../../../server/out/engine/parse/yaml';

const lint = (text: string) => lintText(text, { path: 'aliases.elb.yaml' });

test('an undefined alias is an ELB001 on the alias itself', () => {
  const text = 'version: 1\nregion: cn-north-4\nservers:\n  - name: web-1\n    security_groups: *nope\n';
  const r = lint(text);
  const f = r.findings.filter((x) => x.ruleId === 'ELB001');
  assert.equal(f.length, 1, JSON.stringify(r.findings));
  assert.equal(r.source.slice(f[0]!.span), '*nope');
  assert.match(f[0]!.message, /\*nope/);
  assert.equal(f[0]!.severity, 'error');
});

test('an alias used before its anchor is undefined (YAML reads anchors in order)', () => {
  const p = parseYaml('a: *x\nb: &x 1\nc: *x\n');
  assert.deepEqual(p.problems.map((x) => x.messageId), ['undefinedAlias']);
  const root = p.documents[0]!.root!;
  assert.ok(root.kind === 'map');
  assert.equal(root.entries[0]!.value, null);
  const c = root.entries[2]!.value!;
  assert.ok(c.kind === 'scalar' && c.value === 1 && c.aliased);
});

test('an undefined alias inside an anchored subtree is reported once, where it is written', () => {
  const p = parseYaml('a: &a [*nope, 1]\nb: *a\nc: *a\n');
  assert.deepEqual(p.problems.map((x) => x.messageId), ['undefinedAlias']);
  assert.equal(p.problems[0]!.span.start, 'a: &a ['.length);
});

test('a redefined anchor: each alias takes the last definition before it', () => {
  const p = parseYaml('a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
  const root = p.documents[0]!.root!;
  assert.ok(root.kind === 'map');
  const v = root.entries.map((e) => (e.value && e.value.kind === 'scalar' ? e.value.value : undefined));
  assert.deepEqual(v, [1, 1, 2, 2]);
  assert.equal(p.problems.length, 0);
});

test('alias resolution is linear: many aliases cost about what the same objects written out cost', () => {
  // 1,500 anchored objects each aliased twice (9,000 expanded nodes, under the cap). yaml's
  // Alias.resolve(doc) walks the whole document per alias (3,000 walks over ~6,000 nodes); one
  // anchor map per document is a single walk. Compared with the same file with every alias
  // written out in full (a ratio, so a busy machine slows both alike).
  const n = 1500;
  const head = ['version: 1', 'defs:'];
  for (let i = 0; i < n; i++) head.push(`  - &d${i} {name: n${i}, port: ${i}}`);
  head.push('uses:');
  const aliased = [...head];
  const inline = [...head];
  for (let i = 0; i < n; i++) {
    aliased.push(`  - [*d${i}, *d${i}]`);
    inline.push(`  - [{name: n${i}, port: ${i}}, {name: n${i}, port: ${i}}]`);
  }
  const best = (text: string) => {
    let min = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      parseYaml(text);
      min = Math.min(min, performance.now() - t0);
    }
    return min;
  };
  const p = parseYaml(aliased.join('\n') + '\n');
  assert.equal(p.problems.length, 0);
  const root = p.documents[0]!.root!;
  assert.ok(root.kind === 'map');
  const uses = root.entries[2]!.value!;
  assert.ok(uses.kind === 'seq' && uses.items.length === n);
  const last = uses.items[n - 1]!;
  assert.ok(last.kind === 'seq' && last.items[1]!.kind === 'map' && last.items[1]!.aliased);
  const a = best(aliased.join('\n') + '\n');
  const b = best(inline.join('\n') + '\n');
  // Quadratic resolution made the aliased file ~25× slower here; linear keeps it near 1×.
  assert.ok(a < 4 * b, `aliases ${a.toFixed(0)} ms, written out ${b.toFixed(0)} ms`);
});
