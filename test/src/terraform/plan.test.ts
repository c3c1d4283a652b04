import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import test from 'node:test';
import { lintGroup } from '../../../server/out/engine/lint';
import { claimedBy } from '../../../server/out/engine/formats/registry';
import { FIXTURES } from '../helpers';

const PLAN = path.join(FIXTURES, 'terraform-plan', 'plan.json');

function lint(text: string, p = PLAN) {
  const [r] = lintGroup([{ path: p, text }], {});
  return r!;
}

test('plan JSON is claimed by the plan reader, other JSON is not', () => {
  const text = fs.readFileSync(PLAN, 'utf8');
  assert.equal(claimedBy(PLAN, text)?.format, 'terraform-plan');
  assert.equal(claimedBy('x.json', '{"format_version": "1.0"}'), undefined);
  assert.equal(claimedBy('x.elb.json', '{"version": 1}'), undefined);
});

test('plan JSON: resolved values, references from the configuration, child modules', () => {
  const r = lint(fs.readFileSync(PLAN, 'utf8'));
  const got = r.findings.map((f) => `${f.ruleId} ${r.source.slice(f.span).slice(0, 40)}`);
  assert.deepEqual(got, [
    // The configuration names the subnet by `.id` where the IPv4 subnet ID is wanted.
    'ELB007 "huaweicloud_elb_loadbalancer.web"',
    'ELB302 3',
    'ELB401 "persistence"',
  ]);
  // Plan JSON is output, not source: no fix edits it.
  assert.ok(r.findings.every((f) => f.fixes.length === 0));
  // The child module's group is in the model with its rule.
  const sg = r.model!.securityGroups.find((g) => g.name === 'module.backend.huaweicloud_networking_secgroup.app');
  assert.equal(sg?.rules?.length, 1);
  // Arguments the configuration does not write (provider defaults such as forward_host) are not read.
  assert.equal(r.model!.listeners[0]!.insert_headers, undefined);
});

test('state JSON (`values` instead of `planned_values`): IDs link resources that exist', () => {
  const state = {
    format_version: '1.0',
    values: {
      root_module: {
        resources: [
          { address: 'huaweicloud_lb_loadbalancer.web', mode: 'managed', type: 'huaweicloud_lb_loadbalancer', name: 'web', values: { id: 'lb-1', vip_subnet_id: 'sub-1' } },
          { address: 'huaweicloud_lb_listener.udp', mode: 'managed', type: 'huaweicloud_lb_listener', name: 'udp', values: { id: 'l-1', loadbalancer_id: 'lb-1', protocol: 'UDP', protocol_port: 53, default_pool_id: 'p-1' } },
          { address: 'huaweicloud_lb_pool.udp', mode: 'managed', type: 'huaweicloud_lb_pool', name: 'udp', values: { id: 'p-1', loadbalancer_id: 'lb-1', protocol: 'TCP', lb_method: 'ROUND_ROBIN', persistence: [] } },
        ],
      },
    },
  };
  const r = lint(JSON.stringify(state, null, 2), '/tmp/state.json');
  assert.deepEqual(r.findings.map((f) => f.ruleId).filter((id) => id === 'ELB301'), ['ELB301']);
  assert.equal(r.model!.listeners[0]!.lb.type, 'shared');
});
