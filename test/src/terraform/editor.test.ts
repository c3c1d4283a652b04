import assert from 'node:assert/strict';
import test from 'node:test';
import { lintGroup } from '../../../server/out/engine/lint';
import { hoverAt } from '../../../server/out/lsp/hover';
import { completionsAt } from '../../../server/out/lsp/completion';
import { ready } from './harness';

const TF = `resource "huaweicloud_elb_listener" "web" {
  loadbalancer_id = huaweicloud_elb_loadbalancer.web.id
  protocol        = "HTTP"
  protocol_port   = 80
  idle_timeout    = 60
}

resource "huaweicloud_elb_pool" "web" {
  listener_id = huaweicloud_elb_listener.web.id
  protocol    = "HTTP"
  lb_method   = "ROUND_ROBIN"

  persistence {
    type = "HTTP_COOKIE"
  }
}

resource "huaweicloud_elb_loadbalancer" "web" {
  availability_zone = ["cn-north-4a"]
}
`;

function lint(text: string) {
  return lintGroup([{ path: '/m/main.tf', text }], {})[0]!;
}

test('hover on a Terraform argument explains the API field it maps to', async () => {
  await ready;
  const r = lint(TF);
  const at = TF.indexOf('idle_timeout');
  const h = hoverAt(r, at + 2, 'en', false);
  const md = (h?.contents as { value: string }).value;
  assert.match(md, /idle_timeout/);
  assert.match(md, /keepalive_timeout/);
  const v = hoverAt(r, TF.indexOf('"ROUND_ROBIN"') + 3, 'zh-cn', false);
  assert.ok(v, 'hover on an enum value');
  const p = hoverAt(r, TF.indexOf('"HTTP_COOKIE"') + 3, 'en', false);
  assert.match((p?.contents as { value: string }).value, /HTTP_COOKIE/);
  // A reference shows the object it names.
  const ref = hoverAt(r, TF.indexOf('huaweicloud_elb_listener.web.id') + 3, 'en', false);
  assert.match((ref?.contents as { value: string }).value, /listener/);
});

test('completion offers enum values of our resources, quoted, also while the value is being typed', async () => {
  await ready;
  const text = TF.replace('lb_method   = "ROUND_ROBIN"', 'lb_method   = "');
  const r = lint(text);
  const offset = text.indexOf('lb_method   = "') + 'lb_method   = "'.length;
  const items = completionsAt(r, offset, 'en');
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('ROUND_ROBIN') && labels.includes('SOURCE_IP'), labels.join(','));
  assert.equal((items[0]!.textEdit as { newText: string }).newText.startsWith('"'), true);
  // In a nested block.
  const t2 = TF.replace('type = "HTTP_COOKIE"', 'type = ');
  const r2 = lint(t2);
  const o2 = t2.indexOf('type = ') + 'type = '.length;
  assert.ok(completionsAt(r2, o2, 'en').some((i) => i.label === 'APP_COOKIE'));
  // Arguments of other providers' resources get nothing.
  const t3 = 'resource "aws_lb" "x" {\n  load_balancer_type = \n}\n';
  assert.deepEqual(completionsAt(lint(t3), t3.indexOf('= ') + 2, 'en'), []);
});
