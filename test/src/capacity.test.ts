import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml, where } from './helpers';
import { FLAVOR_BANDWIDTH_MBPS } from '../../server/out/engine/rules/capacity/eip-bandwidth-exceeds-flavor';

/**
 * ELB608 has no fixture folder: no source gives the bandwidth of a flavor, so its table is empty
 * and it never fires on a file. These tests fill the table for a moment to check the comparison.
 */
const config = (bandwidth: number, flavors = 'l4_flavor: L4_flavor.elb.s1.small\n    l7_flavor: L7_flavor.elb.s1.small', type = 'dedicated') => `version: 1
loadbalancers:
  - name: web-lb
    type: ${type}
    ${flavors}
    eips: [{address: 1.2.3.4, bandwidth: ${bandwidth}}]
`;

describe('ELB608 eip-bandwidth-exceeds-flavor', () => {
  afterEach(() => FLAVOR_BANDWIDTH_MBPS.clear());

  test('silent while flavor bandwidths are unknown (the shipped table is empty)', () => {
    assert.equal(FLAVOR_BANDWIDTH_MBPS.size, 0);
    assert.deepEqual(lintYaml(config(2000)).findings.filter((f) => f.ruleId === 'ELB608'), []);
  });

  test('fires above the flavors\' bandwidth added up, on the EIP bandwidth', () => {
    FLAVOR_BANDWIDTH_MBPS.set('L4_flavor.elb.s1.small', 50);
    FLAVOR_BANDWIDTH_MBPS.set('L7_flavor.elb.s1.small', 50);
    const r = lintYaml(config(101));
    const got = r.findings.filter((f) => f.ruleId === 'ELB608');
    assert.deepEqual(got.map((f) => where(r, f)), ['7:42 101']);
    assert.equal(got[0]!.message, 'EIP 1.2.3.4 of load balancer `web-lb` has 101 Mbit/s, above the 100 Mbit/s its flavor(s) (`L4_flavor.elb.s1.small`, `L7_flavor.elb.s1.small`) can carry: the extra bandwidth cannot be used (FAQ 5.7).');
    assert.deepEqual(lintYaml(config(100)).findings.filter((f) => f.ruleId === 'ELB608'), []);
  });

  test('silent when one flavor is unknown, when there is no flavor, and on shared load balancers', () => {
    FLAVOR_BANDWIDTH_MBPS.set('L4_flavor.elb.s1.small', 50);
    assert.deepEqual(lintYaml(config(500)).findings.filter((f) => f.ruleId === 'ELB608'), []);
    assert.deepEqual(lintYaml(config(500, 'l4_flavor: L4_flavor.elb.s1.small', 'shared')).findings.filter((f) => f.ruleId === 'ELB608'), []);
    assert.deepEqual(lintYaml(config(500, 'availability_zones: [cn-north-4a]')).findings.filter((f) => f.ruleId === 'ELB608'), []);
    assert.equal(lintYaml(config(500, 'l4_flavor: L4_flavor.elb.s1.small')).findings.filter((f) => f.ruleId === 'ELB608').length, 1);
  });

  test('Chinese message', () => {
    FLAVOR_BANDWIDTH_MBPS.set('L4_flavor.elb.s1.small', 50);
    const r = lintYaml(config(80, 'l4_flavor: L4_flavor.elb.s1.small'), { locale: 'zh-cn' });
    assert.match(r.findings.find((f) => f.ruleId === 'ELB608')!.message, /^负载均衡器 `web-lb` 的弹性公网IP 1\.2\.3\.4 带宽为 80 Mbit\/s，超过其规格（`L4_flavor\.elb\.s1\.small`）可承载的 50 Mbit\/s.*（FAQ 5\.7）。$/);
  });
});
