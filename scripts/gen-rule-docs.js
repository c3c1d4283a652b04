#!/usr/bin/env node
'use strict';
/**
 * Generates docs/rules/<ID>.md for every rule and docs/rules/README.md (the index of the FAQ
 * catalogue, docs/catalogue.json) from the rules' own metadata. `--check` fails when the committed
 * pages differ from what the metadata generates (CI runs it).
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { allRules } = require(path.join(root, 'server/out/engine/index.js'));
const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'docs/catalogue.json'), 'utf8'));
const outDir = path.join(root, 'docs/rules');
const check = process.argv.includes('--check');

const SEVERITY = { error: 'error', warning: 'warning', info: 'info' };
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' };
const CATEGORY = {
  structure: 'Structure (reading the file)',
  'security-groups': 'Security groups and network ACLs',
  'health-checks': 'Health checks',
  listeners: 'Listeners',
  pools: 'Backend server groups, members, session persistence',
  certificates: 'Certificates and TLS',
  capacity: 'Addresses, IPv6 and capacity',
};

function faqList(rule) {
  return rule.faq.length ? rule.faq.map((s) => `FAQ ${s}`).join(', ') : '—';
}

function page(rule) {
  const en = rule.docs.en;
  const zh = rule.docs['zh-cn'];
  const lines = [
    `# ${rule.id}: ${rule.name}`,
    '',
    `> ${en.summary}`,
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${SEVERITY[rule.severity]} |`,
    `| Category | ${CATEGORY[rule.category] || rule.category} |`,
    `| FAQ sections | ${faqList(rule)} |`,
    `| Quick fix | ${rule.fixable ? 'yes' : 'no'} |`,
    '',
    '## What it checks',
    '',
    en.details,
    '',
  ];
  if (rule.notInFaq) {
    lines.push('## Not from the FAQ', '', rule.notInFaq.en, '');
  }
  if (rule.examples) {
    lines.push('## Example that fires', '', '```yaml', rule.examples.bad.trimEnd(), '```', '');
    lines.push('## Example that passes', '', '```yaml', rule.examples.good.trimEnd(), '```', '');
  }
  lines.push('## Configuration', '', 'Change the severity or turn the rule off in `.elb-lint.yaml`:', '', '```yaml', 'rules:', `  ${rule.id}: warning   # off | info | warning | error`, '```', '');
  if (rule.options) {
    const opts = Object.entries(rule.options);
    lines.push('### Options', '', '| option | default | range | meaning |', '|---|---|---|---|');
    for (const [k, o] of opts) lines.push(`| \`${k}\` | ${o.default} | ${o.min ?? '…'}–${o.max ?? '…'} | ${o.description.en} |`);
    lines.push('', '```yaml', 'rules:', `  ${rule.id}: [${rule.severity}, {${opts.map(([k, o]) => `${k}: ${o.default}`).join(', ')}}]`, '```', '');
  }
  lines.push(
    `or on the command line with \`--rule ${rule.id}:off\`; suppress one finding in YAML with \`# elb-lint-disable-next-line ${rule.id} -- reason\`.`,
    '',
    '## 中文说明',
    '',
    `> ${zh.summary}`,
    '',
    `默认级别：${SEVERITY_ZH[rule.severity]}；FAQ 章节：${rule.faq.length ? rule.faq.join('、') : '—'}；快速修复：${rule.fixable ? '有' : '无'}。`,
    '',
    zh.details,
    '',
  );
  if (rule.notInFaq) lines.push('**非 FAQ 内容：**' + rule.notInFaq['zh-cn'], '');
  if (rule.options) {
    lines.push('可配置选项：' + Object.entries(rule.options).map(([k, o]) => `\`${k}\`（默认 ${o.default}）：${o.description['zh-cn']}`).join('；'), '');
  }
  return lines.join('\n');
}

function index() {
  const byId = new Map(allRules.map((r) => [r.id, r]));
  const lines = [
    '# elb-lint rules',
    '',
    'Generated from the rules\' metadata by `npm run docs`; do not edit by hand.',
    '',
    '## Structure',
    '',
    '| ID | name | severity | fix | summary |',
    '|---|---|---|---|---|',
  ];
  for (const r of allRules.filter((x) => x.category === 'structure')) {
    lines.push(`| [${r.id}](${r.id}.md) | ${r.name} | ${r.severity} | ${r.fixable ? 'yes' : '—'} | ${r.docs.en.summary} |`);
  }
  lines.push('', '## The FAQ catalogue', '', '| ID | name | severity | FAQ sections | fix | status |', '|---|---|---|---|---|---|');
  let implemented = 0;
  for (const c of catalogue) {
    const r = byId.get(c.id);
    if (r) implemented++;
    const link = r ? `[${c.id}](${c.id}.md)` : c.id;
    const sev = r ? r.severity : c.severity;
    const faq = (r ? r.faq : c.faq).join(', ');
    const fix = r ? (r.fixable ? 'yes' : '—') : c.fix ? 'planned' : '—';
    lines.push(`| ${link} | ${c.name} | ${sev} | ${faq} | ${fix} | ${r ? 'implemented' : '**missing**'} |`);
  }
  lines.push('', `${implemented} of ${catalogue.length} catalogue rules implemented.`, '');
  return lines.join('\n');
}

const wanted = new Map();
for (const r of allRules) wanted.set(`${r.id}.md`, page(r));
wanted.set('README.md', index());

if (check) {
  const stale = [];
  for (const [name, text] of wanted) {
    const file = path.join(outDir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(name);
  }
  const extra = fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => f.endsWith('.md') && !wanted.has(f)) : [];
  if (stale.length || extra.length) {
    console.error(`docs/rules is out of date (${[...stale, ...extra].join(', ')}): run \`npm run docs\` and commit the result.`);
    process.exit(1);
  }
  console.log(`docs/rules is up to date (${wanted.size} pages).`);
} else {
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(outDir)) if (f.endsWith('.md') && !wanted.has(f)) fs.unlinkSync(path.join(outDir, f));
  for (const [name, text] of wanted) fs.writeFileSync(path.join(outDir, name), text);
  console.log(`wrote ${wanted.size} pages to docs/rules/`);
}
