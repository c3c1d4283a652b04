import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/out/engine/lint';

const base = (memberLine: string, extra = '') => `version: 1
${extra}security_groups:
  - name: sg
    rules: [{direction: ingress, protocol: tcp, port_range_min: 22, port_range_max: 22, remote_ip_prefix: 10.0.0.0/8}]
servers:
  - {name: s, security_groups: [sg]}
loadbalancers:
  - name: lb
    type: shared
    listeners: [{name: l, protocol: TCP, protocol_port: 80, default_pool: p, transparent_client_ip_enable: true}]
    pools:
      - name: p
        protocol: TCP
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
${memberLine}
`;

function ids(text: string) {
  const r = lintText(text, { path: 'x.elb.yaml' });
  return { shown: r.findings.map((f) => f.ruleId), suppressed: r.suppressed };
}

test('disable-line suppresses and keeps the reason', () => {
  const r = ids(base('          - {server: s, protocol_port: 80}  # elb-lint-disable-line ELB101 -- probes go via a sidecar'));
  assert.deepEqual(r.shown, []);
  assert.equal(r.suppressed.length, 1);
  assert.deepEqual(r.suppressed[0]!.suppression, { kind: 'inSource', justification: 'probes go via a sidecar' });
});

test('disable-next-line applies to the next line only', () => {
  const r = ids(base('          # elb-lint-disable-next-line ELB101\n          - {server: s, protocol_port: 80}'));
  assert.deepEqual(r.shown, []);
  const r2 = ids(base('          # elb-lint-disable-next-line ELB101\n\n          - {server: s, protocol_port: 80}'));
  assert.deepEqual(r2.shown.sort(), ['ELB005', 'ELB101']);
});

test('disable-file, several IDs, and no ID at all', () => {
  assert.deepEqual(ids(base('          - {server: s, protocol_port: 80}', '# elb-lint-disable-file ELB101, ELB102\n')).shown, []);
  assert.deepEqual(ids(base('          - {server: s, protocol_port: 80}', '# elb-lint-disable-file\n')).shown, []);
});

test('unknown rule IDs and unused directives are reported, with a removal fix', () => {
  const r = lintText(base('          - {server: s, protocol_port: 80}  # elb-lint-disable-line ELB999', '# elb-lint-disable-file ELB004\n'), { path: 'x.elb.yaml' });
  const dir = r.findings.filter((f) => f.ruleId === 'ELB005');
  assert.equal(dir.length, 2, JSON.stringify(r.findings.map((f) => f.message)));
  assert.ok(dir.some((f) => /ELB999/.test(f.message)));
  const unused = dir.find((f) => /suppresses nothing/.test(f.message))!;
  assert.equal(unused.fixes.length, 1);
  assert.ok(r.findings.some((f) => f.ruleId === 'ELB101'), 'ELB999 suppresses nothing real');
});

test('a directive inside a quoted string is not a directive', () => {
  const r = ids(base('          - {server: "s # elb-lint-disable-line ELB101", protocol_port: 80}'));
  assert.ok(!r.shown.includes('ELB005'));
});
