import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type Traffic } from '../../../server/out/engine/network/security-groups';
import { parseRange } from '../../../server/out/engine/network/cidr';
import { parsePortList } from '../../../server/out/engine/network/ports';
import type { SecurityGroup, SecurityGroupRule } from '../../../server/out/engine/model/types';

function group(name: string, rules: Partial<SecurityGroupRule>[]): SecurityGroup {
  const g = { kind: 'security_group', name, $: {} as never } as SecurityGroup;
  g.rules = rules.map((r) => ({ $: {} as never, group: g, direction: 'ingress', ...r }));
  return g;
}

const shared: Traffic = { direction: 'ingress', protocol: 'tcp', port: 8080, peer: parseRange('100.125.0.0/16')! };

test('a rule must cover the whole range', () => {
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', remote_ip_prefix: '100.125.0.0/16' }])], shared).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', remote_ip_prefix: '0.0.0.0/0' }])], shared).kind, 'allowed');
  const half = evaluate([group('a', [{ protocol: 'tcp', remote_ip_prefix: '100.125.0.0/17' }])], shared);
  assert.deepEqual(half, { kind: 'blocked', deniedBy: undefined, partlyAllowed: true });
  const halves = [group('a', [{ protocol: 'tcp', remote_ip_prefix: '100.125.0.0/17' }, { protocol: 'tcp', remote_ip_prefix: '100.125.128.0/17' }])];
  assert.equal(evaluate(halves, shared).kind, 'allowed');
});

test('ports, multiport, protocol any and IPv6 family', () => {
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', port_range_min: 8000, port_range_max: 9000 }])], shared).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', port_range_min: 80, port_range_max: 80 }])], shared).kind, 'blocked');
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', multiport: '22, 8080' }])], shared).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'any' }])], shared).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'udp' }])], shared).kind, 'blocked');
  assert.equal(evaluate([group('a', [{ ethertype: 'IPv6', remote_ip_prefix: '::/0' }])], shared).kind, 'blocked');
  assert.equal(evaluate([group('a', [{ protocol: '6' }])], shared).kind, 'allowed', 'protocol numbers');
});

test('priority order, deny at equal priority, disabled rules, remote groups', () => {
  const g = group('a', [
    { protocol: 'tcp', action: 'allow', priority: 2 },
    { protocol: 'tcp', action: 'deny', priority: 1, remote_ip_prefix: '100.125.0.0/24' },
  ]);
  const v = evaluate([g], shared);
  assert.equal(v.kind, 'blocked');
  assert.equal(v.kind === 'blocked' && v.deniedBy?.priority, 1);
  const same = group('a', [{ protocol: 'tcp', action: 'allow', priority: 1 }, { protocol: 'tcp', action: 'deny', priority: 1 }]);
  assert.equal(evaluate([same], shared).kind, 'blocked');
  const low = group('a', [{ protocol: 'tcp', action: 'allow', priority: 1 }, { protocol: 'tcp', action: 'deny', priority: 100 }]);
  assert.equal(evaluate([low], shared).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', enabled: false }])], shared).kind, 'blocked');
  const other = group('b', []);
  assert.equal(evaluate([group('a', [{ protocol: 'tcp', remote_group: { name: 'b', span: { start: 0, end: 0 }, target: other } }])], shared).kind, 'blocked');
});

test('groups are evaluated together; unknown rules make the verdict unknown', () => {
  const deny = group('lock', [{ action: 'deny', priority: 1 }]);
  const allow = group('open', [{ protocol: 'tcp', priority: 50 }]);
  assert.equal(evaluate([allow, deny], shared).kind, 'blocked');
  const unknown = { kind: 'security_group', name: 'u', $: {} as never } as SecurityGroup;
  assert.equal(evaluate([allow, unknown], shared).kind, 'unknown');
  assert.equal(evaluate([group('bad', [{ protocol: 'tcp', remote_ip_prefix: 'not-a-cidr' }])], shared).kind, 'unknown');
});

test('ICMP echo and egress', () => {
  const icmp: Traffic = { direction: 'ingress', protocol: 'icmp', peer: parseRange('100.125.0.0/16')! };
  assert.equal(evaluate([group('a', [{ protocol: 'icmp' }])], icmp).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ protocol: 'icmp', port_range_min: 0 }])], icmp).kind, 'blocked', 'echo reply only');
  assert.equal(evaluate([group('a', [{ protocol: 'tcp' }])], icmp).kind, 'blocked');
  const egress: Traffic = { ...shared, direction: 'egress' };
  assert.equal(evaluate([group('a', [{ direction: 'egress' }])], egress).kind, 'allowed');
  assert.equal(evaluate([group('a', [{ direction: 'ingress' }])], egress).kind, 'blocked');
});

test('CIDR and port parsing', () => {
  assert.equal(parseRange('10.0.0.1')!.lo, parseRange('10.0.0.1/32')!.lo);
  assert.equal(parseRange('10.1.2.3/8')!.text, '10.1.2.3/8');
  assert.equal(parseRange('nonsense'), null);
  assert.equal(parseRange('2001:db8::/32')!.family, 6);
  assert.deepEqual(parsePortList('80,443,8000-8080'), [[80, 80], [443, 443], [8000, 8080]]);
  assert.equal(parsePortList('90-80'), undefined);
});
