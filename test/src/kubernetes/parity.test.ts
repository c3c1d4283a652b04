import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT } from '../helpers';
import { TestClient } from '../lsp/client';
import { lintText } from '../../../server/out/engine/lint';

const dirs = [path.join(FIXTURES, 'kubernetes'), path.join(ROOT, 'examples', 'kubernetes')];
const manifests = dirs.filter((d) => fs.existsSync(d)).flatMap((d) => fs.readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(d, f))).sort();

test('Kubernetes manifests: the editor and the CLI agree on every finding', { timeout: 120_000 }, async () => {
  assert.ok(manifests.length >= 10);
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'server/bin/elb-lint.js'), '--format', 'json', '--locale', 'en', '--no-config-lookup', ...manifests], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  const fromCli = new Map<string, string[]>();
  for (const r of JSON.parse(cli.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[]) {
    fromCli.set(path.resolve(r.filePath), r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`).sort());
  }
  const c = new TestClient();
  try {
    c.settings = { locale: 'en' };
    await c.initialize('en');
    for (const file of manifests) {
      const uri = pathToFileURL(file).href;
      await c.open(uri, fs.readFileSync(file, 'utf8'), 'yaml');
      const p = await c.waitDiagnostics(uri);
      const fromServer = p.diagnostics
        .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`)
        .sort();
      assert.deepEqual(fromServer, fromCli.get(file) ?? [], path.relative(ROOT, file));
    }
  } finally {
    await c.close();
  }
});

/** The "done when" of issue 7: what the annotations ask for gets the rule IDs our own format gets. */
test('a Service and the equivalent own-format configuration get the same FAQ rule IDs', () => {
  const own = `version: 1
loadbalancers:
  - name: shop
    type: shared
    listeners:
      - {name: http, protocol: TCP, protocol_port: 80, default_pool: pool, keepalive_timeout: 5000}
    pools:
      - name: pool
        protocol: TCP
        lb_algorithm: SOURCE_IP
        session_persistence: {type: SOURCE_IP, persistence_timeout: 30}
        healthmonitor: {type: TCP, delay: 60, timeout: 70, max_retries: 3}
`;
  const k8s = `apiVersion: v1
kind: Service
metadata:
  name: shop
  annotations:
    kubernetes.io/elb.class: union
    kubernetes.io/elb.id: 0d5e1c2b-3a4f-4e6d-8c7b-9a0f1e2d3c4b
    kubernetes.io/elb.lb-algorithm: SOURCE_IP
    kubernetes.io/elb.session-affinity-mode: SOURCE_IP
    kubernetes.io/elb.session-affinity-option: '{"persistence_timeout": "30"}'
    kubernetes.io/elb.health-check-option: '{"protocol": "TCP", "delay": "60", "timeout": "70", "max_retries": "3"}'
    kubernetes.io/elb.keepalive_timeout: "5000"
spec:
  type: LoadBalancer
  ports:
    - port: 80
      targetPort: 8080
`;
  const ids = (text: string, p: string) => [...new Set(lintText(text, { path: p }).findings.map((f) => f.ruleId))].sort();
  const a = ids(own, 'shop.elb.yaml');
  const b = ids(k8s, 'shop-svc.yaml');
  assert.deepEqual(b, a);
  for (const id of ['ELB401', 'ELB002', 'ELB302']) assert.ok(b.includes(id), `${id} in ${b.join(',')}`);
});
