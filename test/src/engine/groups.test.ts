import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ownYamlReader } from '../../../server/out/engine/formats/own';
import { readers } from '../../../server/out/engine/formats/registry';
import type { FormatReader, ReadResult } from '../../../server/out/engine/formats/types';
import { fixGroup } from '../../../server/out/engine/fix/fix-group';
import { lintGroup, lintText } from '../../../server/out/engine/lint';
import type { Model } from '../../../server/out/engine/model/types';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'rules');

/**
 * A reader of a made-up grouped format: every `*.grouped` file of a directory is our YAML, and
 * the group's model is the union of the files' models. It exercises the pipeline's handling of
 * groups (routing, directives, fixes per file) without depending on a real format.
 */
const groupedReader: FormatReader = {
  format: 'api-json',
  accepts: (p) => p.endsWith('.grouped'),
  groupKey: (p) => path.dirname(p),
  read(files, ctx) {
    const out: ReadResult = { problems: [], comments: new Map(), editorData: new Map() };
    let model: Model | undefined;
    for (const f of files) {
      const r = ownYamlReader.read([f], ctx);
      out.problems.push(...r.problems);
      for (const [k, v] of r.comments) out.comments.set(k, v);
      if (!r.model) continue;
      if (!model) model = r.model;
      else for (const k of Object.keys(model) as (keyof Model)[]) (model[k] as unknown[] | undefined)?.push(...((r.model[k] as unknown[] | undefined) ?? []));
    }
    if (model) out.model = model;
    return out;
  },
};

function withReader<T>(fn: () => T): T {
  readers.unshift(groupedReader);
  try {
    return fn();
  } finally {
    readers.splice(readers.indexOf(groupedReader), 1);
  }
}

const fire = fs.readFileSync(path.join(FIXTURES, 'ELB401', 'fire-dedicated.elb.yaml'), 'utf8');
const clean = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'clean.elb.yaml'), 'utf8');

test('a group lint reports each finding in the file its object comes from', () => {
  withReader(() => {
    const [a, b] = lintGroup([{ path: '/m/a.grouped', text: clean }, { path: '/m/b.grouped', text: fire }], {});
    assert.equal(a!.format, 'api-json');
    assert.deepEqual(a!.findings.map((f) => f.ruleId), [], 'the clean file has no findings');
    assert.ok(b!.findings.some((f) => f.ruleId === 'ELB401'), 'the ELB401 finding lands in b');
    for (const f of b!.findings) assert.equal(f.path, '/m/b.grouped');
    assert.equal(a!.model, b!.model, 'one model for the group');
    assert.equal(lintText(fire, { path: '/m/b.grouped' }).findings.length, lintText(fire, { path: '/m/b.grouped', siblings: [{ path: '/m/a.grouped', text: clean }] }).findings.length);
  });
});

test('directives of one file of a group apply to that file only', () => {
  withReader(() => {
    const muted = '# elb-lint-disable-file ELB401 -- accepted\n' + fire;
    const [a, b] = lintGroup([{ path: '/m/a.grouped', text: fire }, { path: '/m/b.grouped', text: muted }], {});
    assert.ok(a!.findings.some((f) => f.ruleId === 'ELB401'));
    assert.ok(!b!.findings.some((f) => f.ruleId === 'ELB401'));
    assert.ok(b!.suppressed.some((f) => f.ruleId === 'ELB401' && f.suppression?.justification === 'accepted'));
  });
});

test('fixGroup fixes every file of a group and re-lints it clean of the fixed findings', () => {
  withReader(() => {
    const files = [{ path: '/m/a.grouped', text: fire }, { path: '/m/b.grouped', text: '# keep me\n' + fire }];
    const before = lintGroup(files, {});
    const fixable = before.map((r) => r.findings.filter((f) => f.ruleId === 'ELB401' && f.fixes.length).length);
    assert.ok(fixable.every((n) => n > 0), 'both files have a fixable ELB401');
    const fixed = fixGroup(files, {});
    assert.ok(fixed.applied >= 2);
    for (const r of fixed.results) assert.ok(!r.findings.some((f) => f.ruleId === 'ELB401'), `${r.path} fixed`);
    assert.ok(fixed.outputs.get('/m/b.grouped')!.startsWith('# keep me\n'), 'comments survive');
  });
});

test('a reader that throws becomes one ELB090 finding, never an exception', () => {
  const broken: FormatReader = { format: 'kubernetes', accepts: (p) => p.endsWith('.broken'), read: () => { throw new Error('kaputt'); } };
  readers.unshift(broken);
  try {
    const [r] = lintGroup([{ path: '/x.broken', text: 'a: 1' }], {});
    assert.deepEqual(r!.findings.map((f) => f.ruleId), ['ELB090']);
    assert.match(r!.findings[0]!.message, /kaputt/);
  } finally {
    readers.splice(readers.indexOf(broken), 1);
  }
});

test('every finding range lies inside its text, even where the parser points past a truncated end', () => {
  for (const text of ['[a, b', '{"a": [1,', 'version: 1\nloadbalancers: [ {name: x', 'a: "unterminated']) {
    for (const p of ['x.elb.yaml', 'x.elb.json']) {
      const r = lintText(text, { path: p });
      for (const f of r.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${p} ${JSON.stringify(text)} ${f.ruleId} ${JSON.stringify(f.span)}`);
    }
  }
});
