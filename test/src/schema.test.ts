import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../server/out/engine/parse/yaml';
import { parseJson } from '../../server/out/engine/parse/json';
import { toPlain, type SNode } from '../../server/out/engine/parse/tree';
import {
  enumValueDescription,
  getSchema,
  schemaAt,
  schemaDescription,
  validateLintConfig,
  validateOwnFormat,
  type JsonSchema,
  type SchemaProblem,
} from '../../server/out/engine/schema/validate';
import type { Locale, Span } from '../../server/out/engine/types';

function rootOf(text: string): SNode {
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.problems, [], 'the test document parses');
  const root = parsed.documents[0]?.root;
  assert.ok(root, 'the test document has content');
  return root;
}

function validate(text: string, locale: Locale = 'en'): SchemaProblem[] {
  const root = rootOf(text);
  return validateOwnFormat(root, toPlain(root), locale);
}

/** Span of the `nth` occurrence (0-based) of `needle` in `text`. */
function spanOf(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" occurs ${nth + 1} times`);
  }
  return { start: at, end: at + needle.length };
}

/** The config-format.md example, without the placeholder PEM fields. */
const RICH = `version: 1                      # format version; required
region: cn-north-4              # optional
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets:
      - name: subnet-back
        cidr: 192.168.1.0/24
        ipv6_enable: false
        network_acl: acl-back   # optional, name of a network_acls entry
network_acls:
  - name: acl-back
    inbound_rules:  [{action: allow, protocol: tcp, source_ip_address: 100.125.0.0/16, destination_port: "8080"}]
    outbound_rules: [{action: allow, protocol: any, destination_ip_address: 0.0.0.0/0}]
security_groups:
  - name: sg-web
    rules:
      - direction: ingress      # ingress | egress
        ethertype: IPv4         # IPv4 | IPv6
        protocol: tcp           # tcp | udp | icmp | icmpv6 | any (absent = any)
        port_range_min: 8080    # or multiport: "80,443,8000-8080"
        port_range_max: 8080
        remote_ip_prefix: 100.125.0.0/16   # or remote_group: <security group name>
        action: allow           # allow | deny
        priority: 1             # 1 (highest) .. 100
vpc_peerings:                   # optional; when present, the list is complete (ELB412)
  - {name: peer-core, vpc: vpc-prod, peer_vpc: vpc-core}
servers:
  - name: web-1
    kind: ecs                   # ecs (default) | bms | eni | database
    subnet: subnet-back
    address: 192.168.1.10
    ipv6_address: 2001:db8::10  # optional
    security_groups: [sg-web]
    public_ip: false            # true when an EIP is bound to the server
certificates:
  - name: web-cert
    type: server                # server | client
    domain: www.example.com
ip_groups:
  - name: office
    ip_list: [203.0.113.0/24]
loadbalancers:
  - name: web-lb
    type: dedicated             # dedicated | shared
    vpc: vpc-prod
    vip_subnet: subnet-front    # IPv4 frontend subnet (vip_subnet_cidr_id)
    ipv6_vip_subnet: subnet-front       # optional IPv6 frontend (ipv6_vip_virsubnet_id)
    backend_subnets: [subnet-back]      # elb_virsubnet_ids
    availability_zones: [cn-north-4a]
    l4_flavor: L4_flavor.elb.s1.small   # dedicated only
    l7_flavor: L7_flavor.elb.s1.small
    ip_target_enable: false
    eips: [{address: 1.2.3.4, bandwidth: 100}]
    access_log: {log_group: elb-logs, log_topic: web, retention_days: 7}   # LTS logtank
    listeners:
      - name: https-443
        protocol: HTTPS         # TCP | UDP | TLS | HTTP | HTTPS | QUIC
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: web-cert
        sni_containers: []
        sni_match_algo: wildcard
        tls_ciphers_policy: tls-1-2
        keepalive_timeout: 60
        client_timeout: 60
        member_timeout: 60
        transparent_client_ip_enable: true
        enable_member_retry: true
        insert_headers: {X-Forwarded-ELB-IP: true}
        ipgroup: {ip_group: office, type: white, enable_ipgroup: true}
        fronted_by: [waf]       # linter-only: cdn | waf in front of this listener (ELB417)
        expected: {concurrency: 300000, websocket: true}   # linter-only sizing facts (ELB606/607)
        l7policies:
          - name: api
            action: REDIRECT_TO_POOL
            redirect_pool: api-pool
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api}]
    pools:
      - name: web-pool
        protocol: HTTP          # TCP | UDP | TLS | HTTP | HTTPS | GRPC | QUIC
        lb_algorithm: ROUND_ROBIN       # ROUND_ROBIN | LEAST_CONNECTIONS | SOURCE_IP | QUIC_CID
        session_persistence: {type: HTTP_COOKIE, persistence_timeout: 20}
        healthmonitor:
          type: HTTP            # TCP | UDP_CONNECT | HTTP | HTTPS | GRPC | TLS
          delay: 5
          timeout: 3
          max_retries: 3
          url_path: /health
          expected_codes: "200"
        members:
          - server: web-1       # a server by name, or \`address:\` (+ optional \`subnet:\`) for an IP-type member
            protocol_port: 8080
            weight: 1
`;

/** A small valid document with one listener and one pool; tests change one line of it. */
function small(listenerExtra = '', memberExtra = '    weight: 1'): string {
  return `version: 1
loadbalancers:
  - name: lb
    listeners:
      - name: web
        protocol: HTTP
        protocol_port: 80
${listenerExtra}    pools:
      - name: pool
        protocol: HTTP
        members:
          - server: web-1
            protocol_port: 8080
        ${memberExtra}
`;
}

test('the config-format.md example is valid', () => {
  assert.deepEqual(validate(RICH), []);
  assert.deepEqual(validate(RICH, 'zh-cn'), []);
});

test('a misspelt key is reported on the key, with the closest allowed key', () => {
  const text = small().replace('        protocol: HTTP\n        protocol_port: 80', '        protcol: HTTP\n        protocol_port: 80');
  const problems = validate(text);
  const key = spanOf(text, 'protcol');
  assert.deepEqual(problems, [
    {
      span: key,
      message: 'unknown key `protcol` — did you mean `protocol`?',
      suggestion: { span: key, text: 'protocol' },
      keyword: 'additionalProperties',
      path: ['loadbalancers', 0, 'listeners', 0, 'protcol'],
    },
  ]);
});

test('a misspelt key in JSON keeps its quotes in the suggestion', () => {
  const text = '{"version": 1, "loadbalancers": [{"name": "lb", "pools": [{"name": "p", "protocol": "HTTP", "members": [{"server": "s", "wieght": 1}]}]}]}';
  const parsed = parseJson(text);
  assert.ok(parsed.root);
  const problems = validateOwnFormat(parsed.root, toPlain(parsed.root), 'en');
  const key = spanOf(text, '"wieght"');
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, key);
  assert.equal(problems[0]!.message, 'unknown key `wieght` — did you mean `weight`?');
  assert.deepEqual(problems[0]!.suggestion, { span: key, text: '"weight"' });
});

test('an unknown key with no close match names the object it is in', () => {
  const text = small('        color: blue\n');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(text, 'color'));
  assert.equal(problems[0]!.message, 'unknown key `color`: a listener has no such field');
  assert.equal(problems[0]!.suggestion, undefined);
});

test('an out-of-range weight is reported on the value', () => {
  const text = small('', '    weight: 150');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(text, '150'));
  assert.equal(problems[0]!.message, '`weight` must be at most 100 (got 150)');
});

test('zh-cn messages are Chinese', () => {
  const text = small('', '    weight: 150');
  const problems = validate(text, 'zh-cn');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.message, '`weight` 不能大于 100（当前为 150）');
  assert.match(problems[0]!.message, /[\u4e00-\u9fff]/);

  const typo = validate(small().replace('protocol: HTTP\n        protocol_port', 'protcol: HTTP\n        protocol_port'), 'zh-cn');
  assert.equal(typo[0]!.message, '未知字段 `protcol`，是否应为 `protocol`？');
});

test('a quoted number where an integer is expected is a type error with an unquoting fix', () => {
  const text = small().replace('protocol_port: 80', 'protocol_port: "80"');
  const problems = validate(text);
  const value = spanOf(text, '"80"');
  assert.deepEqual(problems, [
    {
      span: value,
      message: '`protocol_port` must be an integer (got string "80")',
      suggestion: { span: value, text: '80' },
      keyword: 'type',
      path: ['loadbalancers', 0, 'listeners', 0, 'protocol_port'],
    },
  ]);
  assert.equal(validate(text, 'zh-cn')[0]!.message, '`protocol_port` 应为整数（当前为字符串 "80"）');
});

test('a bad enum value gets a case-insensitive suggestion', () => {
  const text = small().replace('        protocol: HTTP\n        members', '        protocol: http\n        members');
  const problems = validate(text);
  const value = spanOf(text, 'http\n');
  value.end -= 1;
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, value);
  assert.equal(problems[0]!.message, '`http` is not a valid `protocol` — did you mean `HTTP`?');
  assert.deepEqual(problems[0]!.suggestion, { span: value, text: 'HTTP' });
});

test('an enum value equally close to several values lists them instead of guessing', () => {
  const text = small('        tls_ciphers_policy: tls-1-3\n');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.suggestion, undefined);
  assert.match(problems[0]!.message, /^`tls-1-3` is not a valid `tls_ciphers_policy`; use one of: tls-1-0-inherit, tls-1-0, /);
});

test('a missing required protocol is reported on the listener\'s first key', () => {
  const text = small().replace('        protocol: HTTP\n        protocol_port: 80\n', '        protocol_port: 80\n');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(text, 'name', 1)); // `- name: web`
  assert.equal(problems[0]!.message, '`protocol` is required here');
  assert.equal(validate(text, 'zh-cn')[0]!.message, '此处缺少必填字段 `protocol`');
});

test('a missing key of a nested object is reported on the key that holds it', () => {
  const text = small().replace('        members:', '        session_persistence: {persistence_timeout: 20}\n        members:');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(text, 'session_persistence'));
  assert.equal(problems[0]!.message, '`type` is required here');
});

test('range checks owned by rules are left to them; their type errors are not', () => {
  const owned = small('        keepalive_timeout: 5000\n        client_timeout: 0\n        member_timeout: 301\n')
    .replace('        members:', '        session_persistence: {type: SOURCE_IP, persistence_timeout: 5000}\n        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: health}\n        members:');
  assert.deepEqual(validate(owned), []);

  const retention = RICH.replace('retention_days: 7', 'retention_days: 400');
  assert.deepEqual(validate(retention), []);

  const typed = small('        keepalive_timeout: soon\n');
  const problems = validate(typed);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(typed, 'soon'));
  assert.equal(problems[0]!.message, '`keepalive_timeout` must be an integer (got string "soon")');
});

test('a member names either a server or an address', () => {
  const both = small('', '    address: 192.168.1.10');
  const p1 = validate(both);
  assert.equal(p1.length, 1);
  assert.deepEqual(p1[0]!.span, spanOf(both, 'address'));
  assert.equal(p1[0]!.message, 'use either `server` or `address`, not both');

  const neither = small('', '').replace('          - server: web-1\n', '          - weight: 1\n');
  const p2 = validate(neither);
  assert.equal(p2.length, 1);
  assert.deepEqual(p2[0]!.span, spanOf(neither, 'weight'));
  assert.equal(p2[0]!.message, 'one of `server` or `address` is required here');
});

test('the version must be 1, with a fix', () => {
  const text = small().replace('version: 1', 'version: 2');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.message, '`version` must be 1 (got 2)');
  assert.deepEqual(problems[0]!.suggestion, { span: spanOf(text, '2'), text: '1' });
});

test('patterns explain themselves with examples', () => {
  const text = small().replace('        members:', '        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, expected_codes: 2xx}\n        members:');
  const problems = validate(text);
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0]!.span, spanOf(text, '2xx'));
  assert.equal(problems[0]!.message, '`expected_codes` has an invalid format: `2xx` (examples: `200`, `200,202`, `200-204`)');
});

test('one span never carries the same message twice, and problems come in document order', () => {
  const text = small('        protcol: HTTP\n        sni_containers: [a, a]\n', '    weight: -3').replace('version: 1', 'version: "1"');
  const problems = validate(text);
  const keys = problems.map((p) => `${p.span.start}:${p.span.end}:${p.message}`);
  assert.equal(new Set(keys).size, keys.length);
  const starts = problems.map((p) => p.span.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  // `"1"` is a type error only (no separate "must be 1" complaint).
  assert.deepEqual(
    problems.filter((p) => p.path?.[0] === 'version').map((p) => p.message),
    ['`version` must be an integer (got string "1")'],
  );
});

test('schemaAt finds the subschema of a path, following $ref', () => {
  const protocol = schemaAt(['loadbalancers', 0, 'listeners', 3, 'protocol']);
  assert.ok(protocol);
  assert.ok(protocol.enum?.includes('TERMINATED_HTTPS'));
  assert.ok(enumValueDescription(protocol, 'QUIC', 'zh-cn'));
  const keepalive = schemaAt(['loadbalancers', 0, 'listeners', 0, 'keepalive_timeout']);
  assert.equal(keepalive?.['x-checked-by'], 'ELB302');
  assert.equal(keepalive?.minimum, 0);
  assert.equal(keepalive?.maximum, 4000);
  const listener = schemaAt(['loadbalancers', 0, 'listeners', 0]);
  assert.equal(listener?.title, 'listener');
  const accessLog = schemaAt(['loadbalancers', 0, 'access_log']);
  assert.ok(accessLog?.properties?.retention_days);
  assert.match(schemaDescription(accessLog!, 'en') ?? '', /FAQ 8\.5/);
  assert.equal(schemaAt(['loadbalancers', 0, 'listeners', 0, 'insert_headers', 'X-Real-IP'])?.type, 'boolean');
  assert.equal(schemaAt(['loadbalancers', 0, 'nonsense']), undefined);
  assert.deepEqual(schemaAt(['rules', 'ELB101'], 'elb-lint-config')?.oneOf?.[0]?.enum, ['off', 'info', 'warning', 'error'], 'a severity, or [severity, options]');
});

test('the linter settings schema validates .elb-lint.yaml', () => {
  const text = 'rules:\n  ELB101: warn\n  ELB9: off\nlocale: zh-cn\n';
  const root = rootOf(text);
  const problems = validateLintConfig(root, toPlain(root), 'en');
  assert.deepEqual(
    problems.map((p) => [text.slice(p.span.start, p.span.end), p.message]),
    [
      ['warn', '`warn` is not a valid `ELB101` — did you mean `warning`?'],
      ['ELB9', 'unknown key `ELB9`: keys here must match `^ELB\\d{3}$`'],
    ],
  );
});

/** Every subschema of a schema, with a readable location. */
function* walk(s: unknown, at: string): Generator<[JsonSchema, string]> {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return;
  const schema = s as JsonSchema;
  yield [schema, at];
  for (const [k, v] of Object.entries(schema.properties ?? {})) yield* walk(v, `${at}.properties.${k}`);
  for (const [k, v] of Object.entries(schema.patternProperties ?? {})) yield* walk(v, `${at}.patternProperties.${k}`);
  for (const [k, v] of Object.entries(schema.definitions ?? {})) yield* walk(v, `${at}.definitions.${k}`);
  if (Array.isArray(schema.items)) for (const [i, v] of schema.items.entries()) yield* walk(v, `${at}.items.${i}`);
  else yield* walk(schema.items, `${at}.items`);
  for (const kw of ['oneOf', 'anyOf', 'allOf'] as const) for (const [i, v] of (schema[kw] ?? []).entries()) yield* walk(v, `${at}.${kw}.${i}`);
  if (typeof schema.additionalProperties === 'object') yield* walk(schema.additionalProperties, `${at}.additionalProperties`);
}

function types(s: JsonSchema): string[] {
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}

test('the format schema: closed objects, bilingual descriptions, applies-to, enum descriptions', () => {
  const schema = getSchema('elb-config');
  assert.ok(schema, 'schemas/elb-config.schema.json loads');
  assert.equal(schema.$id, 'https://elb-lint.dev/schemas/elb-config.schema.json');
  assert.deepEqual(schema.required, ['version']);
  let objects = 0;
  let properties = 0;
  for (const [s, at] of walk(schema, '#')) {
    if (types(s).includes('object')) {
      objects++;
      assert.equal(s.additionalProperties, false, `${at} is closed (additionalProperties: false)`);
    }
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      properties++;
      assert.ok(typeof p.description === 'string' && p.description.length > 5, `${at}.${name} has a description`);
      assert.ok(typeof p['x-description-zh-cn'] === 'string' && /[\u4e00-\u9fff]/.test(p['x-description-zh-cn']), `${at}.${name} has a Chinese description`);
      assert.ok(['shared', 'dedicated', 'both'].includes(String(p['x-applies-to'])), `${at}.${name} has x-applies-to`);
      assert.ok(p.type !== undefined || p.$ref !== undefined, `${at}.${name} has a type`);
    }
    if (Array.isArray(s.enum)) {
      for (const v of s.enum) {
        assert.ok(s['x-enum-descriptions']?.[String(v)], `${at}: enum value ${String(v)} has a description`);
        assert.ok(s['x-enum-descriptions-zh-cn']?.[String(v)], `${at}: enum value ${String(v)} has a Chinese description`);
      }
    }
  }
  assert.ok(objects > 20, `found ${objects} object schemas`);
  assert.ok(properties > 150, `found ${properties} properties`);
});

test('the settings schema: every property is described in both languages', () => {
  const schema = getSchema('elb-lint-config');
  assert.ok(schema);
  for (const [s, at] of walk(schema, '#')) {
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      assert.ok(p.description, `${at}.${name} has a description`);
      assert.ok(p['x-description-zh-cn'], `${at}.${name} has a Chinese description`);
    }
  }
});
