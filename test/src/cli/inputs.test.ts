import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText, firstInvalidUtf8 } from '../../../server/out/engine/text/decode';
import { spawnSync } from 'node:child_process';
import { BIN, noStack, run, runJson, workspace, type JsonMessage } from './run';

/** The ELB001 findings of one file, linted alone through the CLI. */
function elb001(dir: string, file: string, args: string[] = []): { code: number | null; stderr: string; found: JsonMessage[] } {
  const { r, results } = runJson([file, ...args], dir);
  assert.ok(noStack(r), r.stderr);
  return { code: r.code, stderr: r.stderr, found: results[0]!.messages.filter((m) => m.ruleId === 'ELB001') };
}

describe('elb-lint CLI: hostile and broken input', () => {
  test('invalid YAML: positioned ELB001, exit 1, text shows file:line:col', () => {
    const dir = workspace(['invalid.elb.yaml']);
    const { code, found } = elb001(dir, 'invalid.elb.yaml');
    assert.equal(code, 1);
    assert.ok(found.length >= 1);
    assert.ok(found.every((m) => m.line >= 4 && /YAML syntax error/.test(m.message)), JSON.stringify(found));
    const text = run(['invalid.elb.yaml'], dir);
    assert.match(text.stdout, /^ {2}\d+:\d+ +error +YAML syntax error.*ELB001$/m);
  });

  test('bytes that are not UTF-8: the invalid byte and its position', () => {
    const dir = workspace([], { 'latin1.elb.yaml': Buffer.concat([Buffer.from('version: 1\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]) });
    const { code, found } = elb001(dir, 'latin1.elb.yaml');
    assert.equal(code, 1);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /not valid UTF-8 \(invalid byte 0xE9\)/);
    assert.deepEqual([found[0]!.line, found[0]!.column], [2, 6]);
  });

  test('a NUL byte: binary', () => {
    const dir = workspace([], { 'nul.elb.yaml': Buffer.from('version: 1\nvpcs: é\u0000\n') });
    const { code, found } = elb001(dir, 'nul.elb.yaml');
    assert.equal(code, 1);
    assert.match(found[0]!.message, /NUL byte/);
    assert.deepEqual([found[0]!.line, found[0]!.column], [2, 8]);
  });

  test('a UTF-16 byte-order mark', () => {
    const dir = workspace([], { 'u16.elb.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1\n', 'utf16le')]) });
    const { code, found } = elb001(dir, 'u16.elb.yaml');
    assert.equal(code, 1);
    assert.match(found[0]!.message, /UTF-16/);
    assert.deepEqual([found[0]!.line, found[0]!.column], [1, 1]);
  });

  test('an empty file', () => {
    const dir = workspace([], { 'empty.elb.yaml': '' });
    const { code, found } = elb001(dir, 'empty.elb.yaml');
    assert.equal(code, 1);
    assert.match(found[0]!.message, /empty/);
  });

  test('a 9 MB file is not linted (tooLarge), --max-file-size raises the limit', () => {
    const dir = workspace([], { 'big.elb.yaml': 'version: 1\n' + '#'.repeat(9 * 1024 * 1024) + '\n' });
    const { code, found } = elb001(dir, 'big.elb.yaml');
    assert.equal(code, 1);
    assert.match(found[0]!.message, /The file is 9 MB, above the 8 MB limit/);
    assert.deepEqual([found[0]!.line, found[0]!.column], [1, 1]);
    const zh = elb001(dir, 'big.elb.yaml', ['--locale', 'zh-cn']);
    assert.match(zh.found[0]!.message, /超过 8 MB 的上限/);
    const raised = elb001(dir, 'big.elb.yaml', ['--max-file-size', '16']);
    assert.ok(!raised.found.some((m) => /limit/.test(m.message)));
    assert.equal(elb001(dir, 'big.elb.yaml', ['--max-file-size', '1']).found[0]!.message.includes('above the 1 MB limit'), true);
  });

  test('a YAML alias bomb finishes quickly with a finding', () => {
    const dir = workspace(['alias-bomb.elb.yaml']);
    const t0 = Date.now();
    const { code, found } = elb001(dir, 'alias-bomb.elb.yaml');
    assert.ok(Date.now() - t0 < 10_000, 'finishes quickly');
    assert.equal(code, 1);
    assert.ok(found.some((m) => /alias/i.test(m.message) && m.line > 1), JSON.stringify(found));
  });

  test('a !!js/function tag is reported, never executed', () => {
    const dir = workspace(['js-tag.elb.yaml']);
    const { code, found } = elb001(dir, 'js-tag.elb.yaml');
    assert.equal(code, 1);
    const tag = found.find((m) => /!!js\/function/.test(m.message));
    assert.ok(tag, JSON.stringify(found));
    assert.equal(tag!.line, 2);
  });

  test('duplicate keys', () => {
    const dir = workspace(['duplicate-key.elb.yaml']);
    const { code, found } = elb001(dir, 'duplicate-key.elb.yaml');
    assert.equal(code, 1);
    assert.ok(found.some((m) => /Duplicate key/.test(m.message) && m.line === 3), JSON.stringify(found));
  });

  test('a top level that is not a mapping', () => {
    const dir = workspace(['not-mapping.elb.yaml']);
    const { code, found } = elb001(dir, 'not-mapping.elb.yaml');
    assert.equal(code, 1);
    assert.ok(found.some((m) => /must be a mapping/.test(m.message) && m.line === 1 && m.column === 1));
  });

  test('all of them at once in text and SARIF: no stack trace', () => {
    const dir = workspace(['invalid.elb.yaml', 'alias-bomb.elb.yaml', 'js-tag.elb.yaml', 'duplicate-key.elb.yaml', 'not-mapping.elb.yaml'], {
      'nul.elb.yaml': Buffer.from('a\u0000'),
      'latin1.elb.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff]),
      'u16.elb.yaml': Buffer.from([0xfe, 0xff, 0, 0x61]),
      'empty.elb.yaml': '',
      'blank.elb.json': '   \n',
    });
    for (const format of ['text', 'sarif']) {
      const r = run(['--format', format], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(noStack(r), r.stderr);
      assert.equal(r.stderr, '');
    }
  });

  test('an unreadable file: message on stderr, the other files still reported, exit 2', () => {
    const dir = workspace(['sg-web.elb.yaml'], { 'locked.elb.yaml': 'version: 1\n' });
    fs.chmodSync(path.join(dir, 'locked.elb.yaml'), 0);
    // root reads anything: run as nobody then, when nobody can reach the CLI from where it lives
    // (a fresh clone under a private temp folder may not be reachable).
    const root = process.getuid?.() === 0;
    if (root) fs.chmodSync(dir, 0o755);
    const asNobody = root ? { uid: 65534, gid: 65534 } : undefined;
    const reachable = !root || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(path.dirname(BIN), '..', 'out', 'cli', 'main.js'))})`], { ...asNobody, stdio: 'ignore' }).status === 0;
    if (!reachable) {
      // Fall back to a file whose read fails with an I/O error even for root (Linux: EIO).
      fs.unlinkSync(path.join(dir, 'locked.elb.yaml'));
      fs.symlinkSync('/proc/self/mem', path.join(dir, 'locked.elb.yaml'));
    }
    const r = run(['locked.elb.yaml', 'sg-web.elb.yaml'], dir, {}, reachable ? asNobody : undefined);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read locked\.elb\.yaml/);
    if (reachable) assert.match(r.stderr, /cannot read locked\.elb\.yaml: permission denied/);
    assert.match(r.stdout, /ELB101/);
    assert.ok(noStack(r));
  });

  test('decodeText', () => {
    assert.deepEqual(decodeText(Buffer.from('\ufeffa: 1')), { text: '\ufeffa: 1' });
    assert.deepEqual(decodeText(Buffer.from([0xfe, 0xff, 0, 0x61])), { problem: { messageId: 'utf16', data: {}, offset: 0 } });
    const bad = decodeText(Buffer.concat([Buffer.from('ab\nc€d'), Buffer.from([0xc3, 0x28])]));
    assert.deepEqual(bad, { problem: { messageId: 'notUtf8', data: { byte: 'C3' }, offset: 6 } });
    assert.deepEqual(decodeText(Buffer.from('abc'), { maxBytes: 2 }), { problem: { messageId: 'tooLarge', data: { size: 0.01, limit: 0 }, offset: 0 } });
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'surrogates are ill-formed');
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xf0, 0x9f, 0x98])), 1, 'truncated sequence');
    assert.equal(firstInvalidUtf8(Buffer.from('😀 ok')), -1);
  });
});
