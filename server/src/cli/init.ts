import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../engine/rules/index';
import type { Rule } from '../engine/rules/rule';
import type { Locale } from '../engine/types';
import { CONFIG_FILE_NAMES } from '../config/validate';

/**
 * `elb-lint --init`: a commented `.elb-lint.yaml` in the working directory. Only `root: true`
 * is set; every other key is there commented out with what it does, and `rules` lists every
 * rule with its default severity (and options), so enabling a setting is removing a `#`.
 */

export const INIT_FILE = '.elb-lint.yaml';

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'elb-lint settings, written by `elb-lint --init`.',
    scope: 'They apply to the files in this folder and below it; the nearest settings file wins.',
    schema: 'Every key is optional. The JSON Schema schemas/elb-lint-config.schema.json documents them.',
    root: 'Do not read settings files in parent folders.',
    files: 'More files to lint besides *.elb.yaml|yml|json: globs relative to this folder (a pattern\n# without "/" matches file names at any depth).',
    ignore: 'Files and folders not to lint.',
    locale: 'Language of the messages: en or zh-cn (default: from LC_ALL, LC_MESSAGES or LANG).',
    rules:
      'Severity per rule: off, info, warning or error. Each line shows the rule\'s default;\n# uncomment `rules:` and the lines you change. Rules with options take [severity, {options}].',
    overrides: 'Settings for some files only (later entries win).',
    structure: 'Structure of the file',
    'security-groups': 'Security groups and network ACLs',
    'health-checks': 'Health checks',
    listeners: 'Listeners',
    pools: 'Backend server groups',
    certificates: 'Certificates',
    capacity: 'Capacity and quotas',
  },
  'zh-cn': {
    title: 'elb-lint 检查配置，由 `elb-lint --init` 生成。',
    scope: '对本目录及其子目录中的文件生效；离文件最近的配置文件优先。',
    schema: '所有键都是可选的，说明见 JSON Schema：schemas/elb-lint-config.schema.json。',
    root: '不再读取上级目录中的配置文件。',
    files: '除 *.elb.yaml|yml|json 之外还要检查的文件：相对于本目录的 glob（不含 "/" 的模式\n# 匹配任意层级的文件名）。',
    ignore: '不检查的文件和目录。',
    locale: '提示信息的语言：en 或 zh-cn（默认取自 LC_ALL、LC_MESSAGES 或 LANG）。',
    rules: '按规则设置级别：off、info、warning 或 error。每行显示该规则的默认值；\n# 修改时取消 `rules:` 及相应行的注释。有选项的规则写成 [级别, {选项}]。',
    overrides: '只对部分文件生效的设置（靠后的条目优先）。',
    structure: '文件结构',
    'security-groups': '安全组与网络 ACL',
    'health-checks': '健康检查',
    listeners: '监听器',
    pools: '后端服务器组',
    certificates: '证书',
    capacity: '容量与配额',
  },
};

function ruleLine(rule: Rule, locale: Locale): string {
  const opts = rule.options ? Object.entries(rule.options).map(([k, o]) => `${k}: ${o.default}`) : [];
  const value = opts.length ? `[${rule.severity}, {${opts.join(', ')}}]` : rule.severity;
  const summary = (rule.docs[locale] ?? rule.docs.en).summary.replace(/\s+/g, ' ');
  return `#   ${`${rule.id}: ${value}`.padEnd(36)} # ${summary}`;
}

/** The text of the settings file. */
export function initText(locale: Locale): string {
  const x = TEXT[locale];
  const lines: string[] = [
    `# ${x.title}`,
    `# ${x.scope}`,
    `# ${x.schema}`,
    '',
    `# ${x.root}`,
    'root: true',
    '',
    `# ${x.files}`,
    '# files: ["lb/*.yaml"]',
    '',
    `# ${x.ignore}`,
    '# ignorePatterns: ["generated/**"]',
    '',
    `# ${x.locale}`,
    '# locale: en',
    '',
    `# ${x.rules}`,
    '# rules:',
  ];
  let category = '';
  for (const rule of allRules) {
    if (rule.category !== category) {
      category = rule.category;
      lines.push(`#   ## ${x[category] ?? category}`);
    }
    lines.push(ruleLine(rule, locale));
  }
  lines.push('', `# ${x.overrides}`, '# overrides:', '#   - files: ["legacy/**"]', '#     rules: {ELB202: warning}', '');
  return lines.join('\n');
}

export type InitOutcome = { written: string } | { exists: string } | { error: string; path: string };

/** Write `.elb-lint.yaml` in `dir`; an existing settings file is kept unless `force`. */
export function writeInit(dir: string, locale: Locale, force: boolean): InitOutcome {
  const target = path.join(dir, INIT_FILE);
  if (!force) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = path.join(dir, name);
      if (fs.existsSync(p)) return { exists: p };
    }
  }
  try {
    fs.writeFileSync(target, initText(locale));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { error: e.code ?? e.message, path: target };
  }
  return { written: target };
}

/** `elb-lint --init [--force]`: the exit code (0 written, 2 refused or failed). */
export function initCommand(dir: string, locale: Locale, force: boolean, say: (line: string) => void, msg: (id: string, data: Record<string, string>) => string): number {
  const r = writeInit(dir, locale, force);
  if ('written' in r) {
    say(msg('initWritten', { path: path.relative(dir, r.written) || r.written }));
    return 0;
  }
  if ('exists' in r) {
    say(`elb-lint: ${msg('initExists', { path: path.relative(dir, r.exists) || r.exists })}`);
    return 2;
  }
  say(`elb-lint: ${msg('cannotWrite', { path: r.path, error: r.error })}`);
  return 2;
}
