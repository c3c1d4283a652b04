import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintYaml, where } from './helpers';
import type { LintResult } from '../../server/out/engine/lint';
import type { Finding } from '../../server/out/engine/types';

/**
 * Certificate rules on real PEM texts, created with the `openssl` CLI when the tests run: a
 * certificate committed as a fixture would expire and change the results later. Dates are
 * relative to now (ELB503 warns 30 days ahead), except the expired one, dated 2019–2020.
 */

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const OPENSSL = hasOpenssl();
let dir = '';

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function read(file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function ecKey(name: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', `${name}.key`]);
}

/** A self-signed certificate valid from now for `days`. */
function selfSigned(name: string, cn: string, days: number, san?: string): void {
  ecKey(name);
  const args = ['req', '-x509', '-key', `${name}.key`, '-days', String(days), '-subj', `/CN=${cn}`, '-out', `${name}.pem`];
  if (san) args.push('-addext', `subjectAltName=${san}`);
  openssl(args);
}

/** A certificate for `cn` signed by `issuer`, valid for `days`; a CA when `ca`. */
function signed(name: string, cn: string, issuer: string, days: number, opts: { ca?: boolean; san?: string } = {}): void {
  ecKey(name);
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`]);
  const ext: string[] = [];
  if (opts.ca) ext.push('basicConstraints=critical,CA:TRUE');
  if (opts.san) ext.push(`subjectAltName=${opts.san}`);
  const args = ['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-days', String(days), '-out', `${name}.pem`];
  if (ext.length) {
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext.join('\n') + '\n');
    args.push('-extfile', `${name}.ext`);
  }
  openssl(args);
}

/** A self-signed certificate with fixed past dates: `openssl ca` takes -startdate/-enddate on OpenSSL 3.0. */
function expired(name: string, cn: string, start: string, end: string): void {
  ecKey(name);
  const ca = path.join(dir, `${name}-ca`);
  fs.mkdirSync(ca);
  fs.writeFileSync(path.join(ca, 'index.txt'), '');
  fs.writeFileSync(path.join(ca, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(ca, 'ca.cnf'),
    ['[ca]', 'default_ca = d', '[d]', `dir = ${ca}`, `database = ${ca}/index.txt`, `serial = ${ca}/serial`, `new_certs_dir = ${ca}`, 'default_md = sha256', 'policy = p', 'unique_subject = no', 'copy_extensions = copy', '[p]', 'commonName = supplied', ''].join('\n'),
  );
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}`, '-out', `${name}.csr`]);
  openssl(['ca', '-batch', '-config', path.join(ca, 'ca.cnf'), '-selfsign', '-keyfile', `${name}.key`, '-in', `${name}.csr`, '-startdate', start, '-enddate', end, '-notext', '-out', `${name}.pem`]);
}

/** PEM text as the body of a YAML literal block at `indent`. */
function block(pem: string, indent = 6): string {
  return pem.trimEnd().split('\n').map((l) => ' '.repeat(indent) + l).join('\n');
}

interface CertSpec {
  name: string;
  domain?: string;
  pem?: string;
  key?: string;
  type?: string;
}

function certificatesYaml(certs: CertSpec[]): string {
  const out = ['certificates:'];
  for (const c of certs) {
    out.push(`  - name: ${c.name}`, `    type: ${c.type ?? 'server'}`);
    if (c.domain) out.push(`    domain: '${c.domain}'`);
    if (c.pem !== undefined) out.push('    certificate: |', block(c.pem));
    if (c.key !== undefined) out.push('    private_key: |', block(c.key));
  }
  return out.join('\n');
}

/** A dedicated load balancer with one HTTPS listener bound to `cert` (plus SNI certificates) and HOST_NAME rules. */
function httpsConfig(certs: CertSpec[], listener: { cert: string; sni?: string[]; hosts?: string[]; algo?: string }): string {
  const lines = [
    'version: 1',
    certificatesYaml(certs),
    'loadbalancers:',
    '  - name: web-lb',
    '    type: dedicated',
    '    l7_flavor: L7_flavor.elb.s1.small',
    '    listeners:',
    '      - name: https-443',
    '        protocol: HTTPS',
    '        protocol_port: 443',
    '        default_pool: web-pool',
    `        default_tls_container: ${listener.cert}`,
  ];
  if (listener.sni) lines.push(`        sni_containers: [${listener.sni.join(', ')}]`);
  if (listener.algo) lines.push(`        sni_match_algo: ${listener.algo}`);
  if (listener.hosts?.length) {
    lines.push('        l7policies:');
    listener.hosts.forEach((h, i) => {
      lines.push(`          - {name: host-${i}, action: REDIRECT_TO_POOL, redirect_pool: web-pool, rules: [{type: HOST_NAME, compare_type: EQUAL_TO, value: '${h}'}]}`);
    });
  }
  lines.push('    pools:', '      - {name: web-pool, protocol: HTTP, lb_algorithm: ROUND_ROBIN}', '');
  return lines.join('\n');
}

function findings(r: LintResult, id: string): Finding[] {
  return r.findings.filter((f) => f.ruleId === id);
}

function lineOf(r: LintResult, f: Finding): number {
  return r.source.positionAt(f.span.start).line + 1;
}

/** 1-based line of the first line containing `text`. */
function lineWith(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('certificate rules on generated PEM', { skip: OPENSSL ? false : 'openssl CLI not installed' }, () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-certs-'));
    selfSigned('long', 'www.example.com', 400, 'DNS:www.example.com,DNS:*.example.com');
    selfSigned('in10', 'soon.example.com', 10, 'DNS:soon.example.com');
    selfSigned('in29', 'edge.example.com', 29, 'DNS:edge.example.com');
    selfSigned('in31', 'edge.example.com', 31, 'DNS:edge.example.com');
    expired('old', 'old.example.com', '20190101000000Z', '20200101000000Z');
    selfSigned('cnonly', 'shop.example.com', 400);
    // A chain: root → intermediate → leaf, and an intermediate that expires soon.
    selfSigned('root', 'Example Root CA', 3650);
    signed('inter', 'Example Intermediate CA', 'root', 1000, { ca: true });
    signed('leaf', 'leaf.example.com', 'inter', 300, { san: 'DNS:leaf.example.com' });
    signed('inter5', 'Short Intermediate CA', 'root', 5, { ca: true });
    signed('leaf5', 'short.example.com', 'inter5', 300, { san: 'DNS:short.example.com' });
    ecKey('stranger');
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('ELB503 certificate-expired', () => {
    test('an expired certificate is an error on its `certificate` value, with the date', () => {
      const text = httpsConfig([{ name: 'old-cert', domain: 'old.example.com', pem: read('old.pem') }], { cert: 'old-cert' });
      const r = lintYaml(text);
      const got = findings(r, 'ELB503');
      assert.equal(got.length, 1, got.map((f) => where(r, f)).join('\n'));
      assert.equal(got[0]!.severity, 'error');
      assert.equal(lineOf(r, got[0]!), lineWith(text, 'certificate: |'));
      assert.match(got[0]!.message, /^Certificate `old-cert` expired on 2020-01-01 \(\d+ days ago\).*\(FAQ 8\.2, 8\.3\)\.$/);
      assert.equal(got[0]!.related[0]?.message, 'used by listener `https-443`');
    });

    test('a certificate that expires within 30 days is a warning; 31 days is silent', () => {
      for (const [file, days] of [['in10.pem', 10], ['in29.pem', 29]] as const) {
        const r = lintYaml(certificatesYaml([{ name: 'c', pem: read(file) }]) + '\nversion: 1\n');
        const got = findings(r, 'ELB503');
        assert.equal(got.length, 1, file);
        assert.equal(got[0]!.severity, 'warning');
        const m = /in (\d+) days \(warning window: 30 days, the linter's choice, not from the FAQ\)/.exec(got[0]!.message);
        assert.ok(m, got[0]!.message);
        assert.ok(Number(m[1]) === days || Number(m[1]) === days - 1 || Number(m[1]) === days + 1, got[0]!.message);
      }
      const r31 = lintYaml(certificatesYaml([{ name: 'c', pem: read('in31.pem') }]) + '\nversion: 1\n');
      assert.deepEqual(findings(r31, 'ELB503'), []);
    });

    test('a long-lived certificate, a domain-only one and an undecodable one are silent', () => {
      const broken = read('long.pem').split('\n').slice(0, 3).join('\n') + '\n-----END CERTIFICATE-----\n';
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'a', pem: read('long.pem') }, { name: 'b', domain: 'x.example.com' }, { name: 'c', pem: broken }]));
      assert.deepEqual(findings(r, 'ELB503').map((f) => f.message), []);
    });

    test('a chain certificate that expires first is named', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'short-chain', pem: read('leaf5.pem') + read('inter5.pem') }]));
      const got = findings(r, 'ELB503');
      assert.equal(got.length, 1);
      assert.equal(got[0]!.severity, 'warning');
      assert.match(got[0]!.message, /^Chain certificate `Short Intermediate CA` in `short-chain` expires on \d{4}-\d\d-\d\d, in [4-6] days/);
    });

    test('Chinese messages', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'old-cert', pem: read('old.pem') }]), { locale: 'zh-cn' });
      assert.match(findings(r, 'ELB503')[0]!.message, /^证书 `old-cert` 已于 2020-01-01 过期（\d+ 天前）.*（FAQ 8\.2、8\.3）。$/);
    });
  });

  describe('ELB504 certificate-domain-mismatch with PEM', () => {
    test('the PEM decides coverage: a `domain` its SANs do not name is reported', () => {
      const text = httpsConfig([{ name: 'web-cert', domain: 'www.example.com,api.other.com', pem: read('long.pem') }], { cert: 'web-cert' });
      const r = lintYaml(text);
      const got = findings(r, 'ELB504');
      assert.equal(got.length, 1, got.map((f) => where(r, f)).join('\n'));
      assert.equal(r.source.slice(got[0]!.span), "'www.example.com,api.other.com'");
      assert.match(got[0]!.message, /^Domain `api\.other\.com` of certificate `web-cert` .* its names \(SANs of its PEM\): `www\.example\.com`, `\*\.example\.com`\./);
    });

    test('a wildcard SAN covers one label: a deeper host rule is a level mismatch', () => {
      const text = httpsConfig([{ name: 'web-cert', pem: read('long.pem') }], { cert: 'web-cert', hosts: ['api.example.com', 'a.b.example.com'] });
      const r = lintYaml(text);
      const got = findings(r, 'ELB504');
      assert.equal(got.length, 1, got.map((f) => where(r, f)).join('\n'));
      assert.equal(r.source.slice(got[0]!.span), "'a.b.example.com'");
      assert.match(got[0]!.message, /one level deeper than `\*\.example\.com` in certificate `web-cert`/);
    });

    test('the PEM wins over `domain`: SANs cover a host the domain field does not list', () => {
      const text = httpsConfig([{ name: 'web-cert', domain: 'www.example.com', pem: read('long.pem') }], { cert: 'web-cert', hosts: ['img.example.com'] });
      assert.deepEqual(findings(lintYaml(text), 'ELB504'), []);
    });

    test('without SANs the CN counts', () => {
      const ok = httpsConfig([{ name: 'shop-cert', pem: read('cnonly.pem') }], { cert: 'shop-cert', hosts: ['shop.example.com'] });
      assert.deepEqual(findings(lintYaml(ok), 'ELB504'), []);
      const bad = httpsConfig([{ name: 'shop-cert', pem: read('cnonly.pem') }], { cert: 'shop-cert', hosts: ['www.shop.example.com'] });
      const got = findings(lintYaml(bad), 'ELB504');
      assert.equal(got.length, 1);
      assert.match(got[0]!.message, /its names \(SANs of its PEM\): `shop\.example\.com`/);
    });

    test('an SNI certificate is picked by its `domain` and judged by its PEM', () => {
      const text = httpsConfig(
        [{ name: 'web-cert', pem: read('long.pem') }, { name: 'shop-cert', domain: 'shop.example.com,pay.example.com', pem: read('cnonly.pem') }],
        { cert: 'web-cert', sni: ['shop-cert'], hosts: ['pay.example.com'] },
      );
      const r = lintYaml(text);
      const got = findings(r, 'ELB504');
      // pay.example.com: ELB picks shop-cert (exact domain), whose PEM names only shop.example.com.
      assert.deepEqual(got.map((f) => r.source.slice(f.span)).sort(), ["'pay.example.com'", "'shop.example.com,pay.example.com'"]);
      assert.ok(got.every((f) => /SNI certificate, matched with wildcard/.test(f.message)));
    });
  });

  describe('ELB505 certificate-pem-malformed with PEM', () => {
    test('a chain in order, and a server certificate alone, are silent', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([
        { name: 'chain', pem: read('leaf.pem') + read('inter.pem') + read('root.pem'), key: read('leaf.key') },
        { name: 'alone', pem: read('leaf.pem') },
      ]));
      assert.deepEqual(findings(r, 'ELB505').map((f) => f.message), []);
    });

    test('a chain out of order gives the order it needs', () => {
      const text = 'version: 1\n' + certificatesYaml([{ name: 'chain', pem: read('root.pem') + read('inter.pem') + read('leaf.pem') }]);
      const r = lintYaml(text);
      const got = findings(r, 'ELB505');
      assert.equal(got.length, 1);
      assert.equal(lineOf(r, got[0]!), lineWith(text, 'certificate: |'));
      assert.match(got[0]!.message, /needs the order 3 `leaf\.example\.com` → 2 `Example Intermediate CA` → 1 `Example Root CA` \(FAQ 8\.2, 2\.13\)\.$/);
    });

    test('a chain with a missing link is incomplete', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'gap', pem: read('leaf.pem') + read('root.pem') }]));
      const got = findings(r, 'ELB505');
      assert.equal(got.length, 1);
      assert.match(got[0]!.message, /incomplete or holds an unrelated certificate: `leaf\.example\.com` \(certificate 1\) was issued by `CN=Example Intermediate CA`, but certificate 2 is `Example Root CA`/);
    });

    test('a CA bundle (type client) is not a chain', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'cas', type: 'client', pem: read('root.pem') + read('long.pem') }]));
      assert.deepEqual(findings(r, 'ELB505'), []);
    });

    test('a private key of another certificate is reported on `private_key` (not in the FAQ)', () => {
      const text = 'version: 1\n' + certificatesYaml([{ name: 'leaf-cert', pem: read('leaf.pem'), key: read('stranger.key') }]);
      const r = lintYaml(text);
      const got = findings(r, 'ELB505');
      assert.equal(got.length, 1);
      assert.equal(lineOf(r, got[0]!), lineWith(text, 'private_key: |'));
      assert.match(got[0]!.message, /does not belong to its server certificate `leaf\.example\.com`.*\(API fact, not in the FAQ\)\.$/);
    });

    test('spaces at line ends of a valid certificate are whitespace only', () => {
      const pem = read('long.pem').replace(/\n/g, '  \n');
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'c', pem }]));
      const got = findings(r, 'ELB505');
      assert.equal(got.length, 1, got.map((f) => f.message).join('\n'));
      assert.match(got[0]!.message, /has spaces at the start or end of \d+ line\(s\) and spaces or blank lines after the END line|has spaces at the start or end of \d+ line\(s\):/);
    });

    test('Chinese messages', () => {
      const r = lintYaml('version: 1\n' + certificatesYaml([{ name: 'gap', pem: read('leaf.pem') + read('root.pem') }]), { locale: 'zh-cn' });
      assert.match(findings(r, 'ELB505')[0]!.message, /^证书 `gap` 的证书链不完整或包含无关证书/);
    });
  });
});
