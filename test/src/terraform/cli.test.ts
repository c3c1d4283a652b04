import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import test from 'node:test';
import { ROOT, run } from '../cli/run';

const EXAMPLE = path.join(ROOT, 'examples', 'terraform', 'web-dedicated');

function copy(dir: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-tf-'));
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(to, f));
  return to;
}

test('CLI: a Terraform module directory is linted as one group', () => {
  const r = run(['--format', 'json', EXAMPLE], ROOT);
  assert.equal(r.code, 1, r.stderr);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  const ids = files.flatMap((f) => f.messages.map((m) => m.ruleId)).sort();
  assert.deepEqual([...new Set(ids)], ['ELB007', 'ELB101', 'ELB102', 'ELB301', 'ELB310', 'ELB401']);
});

test('CLI: --fix repairs a Terraform module across its files, and it lints clean after', () => {
  const dir = copy(EXAMPLE);
  const fixed = run(['--fix', dir], ROOT);
  assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  const again = run([dir], ROOT);
  assert.equal(again.code, 0, again.stdout);
  assert.equal(again.stdout.trim(), '');
  // The security-group rule went into network.tf, after the group's block.
  const net = fs.readFileSync(path.join(dir, 'network.tf'), 'utf8');
  assert.match(net, /resource "huaweicloud_networking_secgroup_rule" "web_ingress_tcp_8080" \{\n {2}direction {9}= "ingress"[\s\S]*security_group_id = huaweicloud_networking_secgroup\.web\.id\n\}/);
  assert.ok(net.indexOf('web_ingress_tcp_8080') > net.indexOf('resource "huaweicloud_networking_secgroup" "web"'));
  // Comments survive.
  assert.match(net, /# HTTPS from the internet, SSH from the office/);
  const main = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
  assert.match(main, /protocol {4}= "HTTP"\n/);
  assert.match(main, /subnet_id {5}= huaweicloud_vpc_subnet\.web\.ipv4_subnet_id/);
  assert.doesNotMatch(main, /persistence \{/);
});

test('CLI: suppression comments work in .tf files (# and //)', () => {
  const dir = copy(path.join(ROOT, 'test', 'fixtures', 'terraform', 'protocol-mismatch'));
  const p = path.join(dir, 'main.tf');
  const text = fs.readFileSync(p, 'utf8').replace('  protocol    = "TCP"', '  // elb-lint-disable-next-line ELB301 -- a TCP pass-through on purpose\n  protocol    = "TCP"');
  fs.writeFileSync(p, text);
  const r = run([dir], ROOT);
  assert.equal(r.code, 0, r.stdout);
});

test('CLI: plan JSON from terraform show -json is found in a directory walk', () => {
  const r = run(['--format', 'json', path.join(ROOT, 'test', 'fixtures', 'terraform-plan')], ROOT);
  const files = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
  assert.deepEqual(files.flatMap((f) => f.messages.map((m) => m.ruleId)).sort(), ['ELB007', 'ELB302', 'ELB401']);
});

test('CLI: messages in Chinese for Terraform too', () => {
  const r = run(['--locale', 'zh-cn', path.join(ROOT, 'test', 'fixtures', 'terraform', 'persistence-conflict')], ROOT);
  assert.match(r.stdout, /会话保持/);
});
