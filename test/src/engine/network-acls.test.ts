import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAcl, type AclTraffic } from '../../../server/out/engine/network/network-acls';
import { parseRange } from '../../../server/out/engine/network/cidr';
import type { AclRule } from '../../../server/out/engine/model/types';

function rules(list: Partial<AclRule>[]): AclRule[] {
  return list.map((r) => ({ $: {} as never, ...r }));
}

const EPHEMERAL: [number, number] = [1024, 65535];
const shared = parseRange('100.125.0.0/16')!;
const member = parseRange('192.168.10.11')!;
const inbound: AclTraffic = { direction: 'inbound', protocol: 'tcp', peer: shared, local: member, localPort: 8080, peerPorts: EPHEMERAL };
const outbound: AclTraffic = { ...inbound, direction: 'outbound' };

test('no rules listed is unknown; an empty list drops everything', () => {
  assert.equal(evaluateAcl(undefined, inbound).kind, 'unknown');
  assert.deepEqual(evaluateAcl([], inbound), { kind: 'blocked', deniedBy: undefined, deniedIndex: undefined, partlyAllowed: false });
});

test('an allow rule must cover the whole peer range, protocol and port', () => {
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_ip_address: '100.125.0.0/16', destination_port: '8080' }]), inbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'any' }]), inbound).kind, 'allowed', 'protocol any, no addresses');
  assert.equal(evaluateAcl(rules([{ action: 'allow' }]), inbound).kind, 'allowed', 'protocol absent = any');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: '6', destination_port: '8000-8100' }]), inbound).kind, 'allowed', 'protocol number, range');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'TCP', destination_port: '22, 8080' }]), inbound).kind, 'allowed', 'comma list, upper case');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'udp' }]), inbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_port: '443' }]), inbound).kind, 'blocked');
  const half = evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_ip_address: '100.125.0.0/17' }]), inbound);
  assert.deepEqual(half, { kind: 'blocked', deniedBy: undefined, deniedIndex: undefined, partlyAllowed: true });
  const halves = rules([
    { action: 'allow', protocol: 'tcp', source_ip_address: '100.125.0.0/17' },
    { action: 'allow', protocol: 'tcp', source_ip_address: '100.125.128.0/17' },
  ]);
  assert.equal(evaluateAcl(halves, inbound).kind, 'allowed');
});

test('rules are matched in order: the first match decides', () => {
  const denyFirst = rules([
    { action: 'deny', protocol: 'tcp', source_ip_address: '100.125.0.0/24' },
    { action: 'allow', protocol: 'any' },
  ]);
  const v = evaluateAcl(denyFirst, inbound);
  assert.equal(v.kind, 'blocked');
  assert.equal(v.kind === 'blocked' && v.deniedIndex, 0);
  assert.equal(v.kind === 'blocked' && v.partlyAllowed, true);
  const allowFirst = rules([
    { action: 'allow', protocol: 'any' },
    { action: 'deny', protocol: 'tcp', source_ip_address: '100.125.0.0/24' },
  ]);
  assert.equal(evaluateAcl(allowFirst, inbound).kind, 'allowed');
  // A deny for another port or protocol does not match.
  const otherDeny = rules([{ action: 'deny', protocol: 'tcp', destination_port: '445' }, { action: 'allow', protocol: 'tcp' }]);
  assert.equal(evaluateAcl(otherDeny, inbound).kind, 'allowed');
});

test('disabled rules, IPv6 rules and the local address', () => {
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', enabled: false }]), inbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'deny', enabled: false }, { action: 'allow' }]), inbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', ip_version: 6 }]), inbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', source_ip_address: '::/0' }]), inbound).kind, 'blocked', 'IPv6 by its address');
  assert.equal(evaluateAcl(rules([{ action: 'allow', destination_ip_address: '192.168.10.0/24' }]), inbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', destination_ip_address: '192.168.20.0/24' }]), inbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', destination_ip_address: '192.168.10.0/24' }]), { ...inbound, local: undefined }).kind, 'unknown', 'member address unknown');
  assert.equal(evaluateAcl(rules([{ action: 'allow', destination_ip_address: '0.0.0.0/0' }]), { ...inbound, local: undefined }).kind, 'allowed', 'any destination needs no address');
});

test("ELB's side of the connection: absent, the whole ephemeral range, or the service port", () => {
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_port: '1024-65535', destination_port: '8080' }]), inbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_port: '1-1023,1024-65535' }]), inbound).kind, 'allowed', 'ranges merged');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_port: '32768-60999' }]), inbound).kind, 'blocked', 'only part of the ephemeral range');
  // Outbound replies: from the member port, to a port ELB picked.
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_ip_address: '100.125.0.0/16', source_port: '8080' }]), outbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_ip_address: '100.125.0.0/16', destination_port: '1024-65535' }]), outbound).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_ip_address: '100.125.0.0/16', destination_port: '8080' }]), outbound).kind, 'allowed', "the FAQ's 'check port' reading");
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_ip_address: '100.125.0.0/16', destination_port: '443' }]), outbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_port: '443' }]), outbound).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', source_ip_address: '192.168.10.11/32' }]), outbound).kind, 'allowed', 'member as source');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_ip_address: '10.0.0.0/8' }]), outbound).kind, 'blocked');
});

test('ICMP has no ports; unreadable rules make the verdict unknown', () => {
  const icmp: AclTraffic = { direction: 'inbound', protocol: 'icmp', peer: shared, local: member };
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'icmp', source_ip_address: '100.125.0.0/16' }]), icmp).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: '1' }]), icmp).kind, 'allowed');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'icmpv6' }]), icmp).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp' }]), icmp).kind, 'blocked');
  assert.equal(evaluateAcl(rules([{ action: 'allow', source_ip_address: 'not-a-cidr' }]), inbound).kind, 'unknown');
  assert.equal(evaluateAcl(rules([{ action: 'allow', protocol: 'tcp', destination_port: '80-x' }]), inbound).kind, 'unknown');
  assert.equal(evaluateAcl(rules([{ protocol: 'tcp' }]), inbound).kind, 'unknown', 'no action');
  // ...but not when an earlier rule already decided every address.
  assert.equal(evaluateAcl(rules([{ action: 'allow' }, { action: 'allow', source_ip_address: 'not-a-cidr' }]), inbound).kind, 'allowed');
});
