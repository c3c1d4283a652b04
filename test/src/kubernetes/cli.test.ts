import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, runJson, workspace } from '../cli/run';

const K8S = path.join(ROOT, 'test', 'fixtures', 'kubernetes');
const copy = (name: string) => fs.readFileSync(path.join(K8S, name), 'utf8');

describe('elb-lint CLI on Kubernetes manifests', () => {
  test('a directory walk finds manifests by content: source-IP affinity (ELB401) and an out-of-range check (ELB002)', () => {
    const dir = workspace([], {
      'k8s/checkout-svc.yaml': copy('fire-source-ip-affinity.yaml'),
      'k8s/api-svc.yaml': copy('fire-health-check-range.yaml'),
      'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
      'k8s/values.yaml': 'service:\n  type: LoadBalancer\n',
    });
    const { r, results } = runJson(['.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const byFile = new Map(results.map((x) => [path.basename(x.filePath), x]));
    assert.ok(!byFile.has('deployment.yaml') || byFile.get('deployment.yaml')!.messages.length === 0, 'other manifests are left alone');
    assert.ok(!byFile.has('values.yaml') || byFile.get('values.yaml')!.messages.length === 0, 'Helm values are left alone');
    const checkout = byFile.get('checkout-svc.yaml')!;
    assert.deepEqual(checkout.messages.map((m) => `${m.ruleId}@${m.line}`), ['ELB401@15']);
    const api = byFile.get('api-svc.yaml')!;
    assert.deepEqual(api.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`).sort(), ['ELB002@10:105', 'ELB002@10:72']);
  });

  test('--fix applies the fixes in the manifest and keeps its comments', () => {
    const dir = workspace([], { 'svc.yaml': copy('fire-source-ip-affinity.yaml') });
    const r = run(['--fix', 'svc.yaml'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = fs.readFileSync(path.join(dir, 'svc.yaml'), 'utf8');
    assert.doesNotMatch(out, /session-affinity/);
    assert.match(out, /# shared load balancer/);
    assert.equal(run(['svc.yaml'], dir).code, 0);
  });

  test('Chinese output', () => {
    const dir = workspace([], { 'svc.yaml': copy('fire-source-ip-affinity.yaml') });
    const r = run(['--locale', 'zh-cn', 'svc.yaml'], dir);
    assert.match(r.stdout, /源IP算法/);
  });

  test('the manifests of a directory are read together: two Services on one load balancer and port, in two files', () => {
    const svc = (name: string, port: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  annotations:\n    kubernetes.io/elb.class: performance\n    kubernetes.io/elb.id: 1a2b3c4d-0000-4000-8000-00000000beef\nspec:\n  type: LoadBalancer\n  ports:\n    - port: ${port}\n`;
    const dir = workspace([], { 'app/a-svc.yaml': svc('alpha', 443), 'app/b-svc.yaml': svc('beta', 443), 'app/c-svc.yaml': svc('gamma', 8443) });
    const { results } = runJson(['app'], dir);
    const b = results.find((x) => x.filePath.endsWith('b-svc.yaml'))!;
    assert.deepEqual(b.messages.map((m) => `${m.ruleId}@${m.line}`), ['ELB013@11']);
    assert.match(b.messages[0]!.message, /Service alpha/);
    const a = results.find((x) => x.filePath.endsWith('a-svc.yaml'))!;
    assert.deepEqual(a.messages, []);
    // Named alone, a file is still read with its directory.
    const one = runJson(['app/b-svc.yaml'], dir).results;
    assert.deepEqual(one.map((x) => x.messages.map((m) => m.ruleId)), [['ELB013']]);
  });
});
