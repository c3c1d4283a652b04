import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type LintResult } from '../../../server/out/engine/lint';
import { applyEdits } from '../../../server/out/engine/fix/apply';
import { parseYaml } from '../../../server/out/engine/parse/yaml';
import type { SNode, SScalar } from '../../../server/out/engine/parse/tree';
import { decodeScalar } from '../../../server/out/engine/adapters/kubernetes/scalar';
import { looksLikeKubernetes } from '../../../server/out/engine/adapters/kubernetes/reader';

const PATH = '/work/k8s/svc.yaml';

function service(annotations: string, spec = '  type: LoadBalancer\n  ports:\n    - port: 80\n      targetPort: 8080\n'): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    kubernetes.io/elb.class: union\n${annotations}spec:\n${spec}`;
}

function lint(text: string): LintResult {
  return lintText(text, { path: PATH });
}

function only(r: LintResult, ruleId: string) {
  const f = r.findings.filter((x) => x.ruleId === ruleId);
  assert.equal(f.length, 1, `${ruleId}: ${r.findings.map((x) => `${x.ruleId} ${x.message}`).join('\n')}`);
  return { f: f[0]!, text: r.source.slice(f[0]!.span), line: r.source.positionAt(f[0]!.span.start).line + 1 };
}

function scalars(n: SNode | null, out: SScalar[] = []): SScalar[] {
  if (!n) return out;
  if (n.kind === 'scalar') out.push(n);
  else if (n.kind === 'seq') n.items.forEach((i) => scalars(i, out));
  else n.entries.forEach((e) => scalars(e.value, out));
  return out;
}

describe('Kubernetes: YAML scalars decoded with a map to the source', () => {
  const styles = [
    `a: '{"delay": "5",\n  "timeout": "it''s"}'\n`,
    `a: "{\\"delay\\": \\"5\\", \\u0041\\n  \\"x\\": 1}"\n`,
    `a: |\n  {"delay": "5",\n   "timeout": "3"}\n`,
    `a: |-\n  {"delay": "5"}\n\n`,
    `a: >\n  {"delay": "5",\n  "timeout": "3"}\n\n  next\n`,
    `a: plain text\n  continued here\n`,
    `a: "line one\n\n  line two \\\n  joined"\n`,
  ];
  for (const text of styles) {
    test(JSON.stringify(text), () => {
      const root = parseYaml(text).documents[0]!.root;
      for (const s of scalars(root)) {
        if (typeof s.value !== 'string') continue;
        const d = decodeScalar(text, s);
        assert.equal(d.value, s.value);
        assert.ok(d.exact, 'decoding agrees with the YAML parser');
        for (let i = 0; i < d.value.length; i++) if (d.literal[i]) assert.equal(text[d.offsets[i]!], d.value[i], `char ${i}`);
      }
    });
  }
});

describe('Kubernetes: diagnostics inside JSON strings land on the wrong value', () => {
  test('single-quoted, folded over lines (health-check-options as the CCE manual writes it)', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-options: '[\n      {\n        "protocol": "TCP",\n        "delay": "5",\n        "timeout": "3",\n        "max_retries": "30",\n        "target_service_port": "TCP:80"\n      }\n      ]'\n`));
    const { text, line } = only(r, 'ELB002');
    assert.equal(text, '30');
    assert.equal(line, 12);
  });
  test('JSON continued at the indentation of its key, as the CCE manual writes it (go-yaml accepts it): read, positions exact', () => {
    const text = service(`    kubernetes.io/elb.health-check-option: '{\n      "protocol":"TCP",\n      "delay":"5",\n      "timeout":"3",\n      "max_retries":"11"\n    }'\n    kubernetes.io/elb.lb-algorithm: ROUND_ROBIN\n`);
    const r = lint(text);
    assert.ok(!r.findings.some((f) => f.ruleId === 'ELB001'), r.findings.map((f) => f.message).join('\n'));
    const { text: at, line } = only(r, 'ELB002');
    assert.equal(at, '11');
    assert.equal(line, 11);
    // A fix inside that value keeps the file as it is written.
    const t2 = text.replace('"timeout":"3"', '"timeout":"9"');
    const r2 = lint(t2);
    const f = only(r2, 'ELB206').f;
    const out = applyEdits(t2, f.fixes[0]!.edits);
    assert.ok(out.includes('"timeout":"5"') && out.includes("\n    }'\n"), out);
  });
  test('double-quoted with escapes', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-option: "{\\"delay\\": \\"70\\", \\"timeout\\": \\"3\\"}"\n`));
    assert.equal(only(r, 'ELB002').text, '70');
  });
  test('block literal', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-option: |\n      {\n        "delay": "5",\n        "max_retries": "0"\n      }\n`));
    const { text, line } = only(r, 'ELB002');
    assert.equal(text, '0');
    assert.equal(line, 10);
  });
  test('a JSON syntax error points at the character', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-option: '{"delay": "5" "timeout": "3"}'\n`));
    const { f, text } = only(r, 'ELB011');
    assert.equal(text, '"timeout"');
    assert.match(f.message, /JSON/);
  });
  test('an empty JSON annotation', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-option: ''\n`));
    assert.match(only(r, 'ELB011').f.message, /JSON/);
  });
  test('JSON written without quotes is a YAML mapping: quoted by the fix', () => {
    const r = lint(service(`    kubernetes.io/elb.health-check-option: {"delay": "5", "timeout": "3"}\n`));
    const { f } = only(r, 'ELB011');
    const out = applyEdits(r.source.text, f.fixes[0]!.edits);
    assert.match(out, /kubernetes\.io\/elb\.health-check-option: '\{"delay": "5", "timeout": "3"\}'/);
    assert.equal(lint(out).findings.length, 0, lint(out).findings.map((x) => x.message).join('\n'));
  });
});

describe('Kubernetes: fixes edit inside the string and keep the rest', () => {
  test('ELB206 sets the timeout inside single-quoted JSON, other keys and comments untouched', () => {
    const text = service(`    # checks tuned for the slow start of the JVM\n    kubernetes.io/elb.health-check-option: '{"protocol": "TCP", "delay": "3", "timeout": "9", "max_retries": "3"}' # keep\n`);
    const r = lint(text);
    const { f, text: at } = only(r, 'ELB206');
    assert.equal(at, '9');
    const out = applyEdits(text, f.fixes[0]!.edits);
    assert.ok(out.includes(`'{"protocol": "TCP", "delay": "3", "timeout": "3", "max_retries": "3"}' # keep`), out);
    assert.ok(out.includes('# checks tuned'));
    assert.equal(lint(out).findings.length, 0);
  });
  test('ELB206 inside a double-quoted JSON with escapes re-renders the value', () => {
    const text = service(`    kubernetes.io/elb.health-check-option: "{\\"delay\\": \\"3\\", \\"timeout\\": \\"9\\"}"\n`);
    const r = lint(text);
    const { f } = only(r, 'ELB206');
    const out = applyEdits(text, f.fixes[0]!.edits);
    assert.equal(lint(out).findings.length, 0, out);
  });
  test('ELB202 turns the health check back on; ELB401 removes both affinity annotations', () => {
    const text = service(`    kubernetes.io/elb.lb-algorithm: SOURCE_IP\n    kubernetes.io/elb.session-affinity-mode: SOURCE_IP\n    kubernetes.io/elb.session-affinity-option: '{"persistence_timeout": "30"}'\n    kubernetes.io/elb.health-check-flag: 'off'\n`);
    const r = lint(text);
    const out202 = applyEdits(text, only(r, 'ELB202').f.fixes[0]!.edits);
    assert.match(out202, /health-check-flag: 'on'/);
    const out401 = applyEdits(text, only(r, 'ELB401').f.fixes[0]!.edits);
    assert.doesNotMatch(out401, /session-affinity/);
    assert.match(out401, /lb-algorithm: SOURCE_IP/);
  });
  test('ELB601 removes a flavor from the autocreate JSON of a shared load balancer', () => {
    const text = service(`    kubernetes.io/elb.autocreate: '{"type": "inner", "name": "web", "l7_flavor_name": "L7_flavor.elb.s1.small"}'\n`);
    const r = lint(text);
    const { f, text: at } = only(r, 'ELB601');
    assert.equal(at, 'L7_flavor.elb.s1.small');
    const out = applyEdits(text, f.fixes[0]!.edits);
    assert.ok(out.includes(`'{"type": "inner", "name": "web"}'`), out);
  });
});

describe('Kubernetes: which files are read', () => {
  const svc = service('');
  test('manifests with ELB annotations or a LoadBalancer Service', () => {
    assert.ok(looksLikeKubernetes('deploy/svc.yaml', svc));
    assert.ok(looksLikeKubernetes('svc.yml', 'apiVersion: v1\nkind: Service\nspec:\n  type: LoadBalancer\n'));
  });
  test('not our own format, not other manifests, not JSON', () => {
    assert.ok(!looksLikeKubernetes('lb.elb.yaml', svc));
    assert.ok(!looksLikeKubernetes('svc.json', svc));
    assert.ok(!looksLikeKubernetes('deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'));
    assert.ok(!looksLikeKubernetes('values.yaml', 'service:\n  type: LoadBalancer\n'));
    assert.ok(!looksLikeKubernetes('templates/service.yaml', svc.replace('name: web', 'name: {{ include "shop.fullname" . }}')), 'an unrendered Helm template');
    assert.ok(!looksLikeKubernetes('templates/service.yaml', '{{- if .Values.service.enabled }}\n' + svc + '{{- end }}\n'));
    assert.ok(looksLikeKubernetes('rendered.yaml', svc + '---\napiVersion: v1\nkind: ConfigMap\ndata:\n  alert: "{{ $labels.instance }} is down"\n'), 'rendered output with alert templates in data');
  });
  test('zh-cn messages', () => {
    const r = lintText(service(`    kubernetes.io/elb.lb-algorithm: SOURCE_IP\n    kubernetes.io/elb.session-affinity-mode: SOURCE_IP\n`), { path: PATH, locale: 'zh-cn' });
    assert.match(only(r, 'ELB401').f.message, /源IP算法/);
  });
});
