import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigCache, ConfigError, loadConfigFor } from '../config/load';
import { buildGraph, graphInputOf } from '../engine/graph/build';
import { layoutGraph } from '../engine/graph/layout';
import { renderSvg } from '../engine/graph/svg';
import { renderDot, renderMermaid } from '../engine/graph/text';
import { readerFor } from '../engine/formats/registry';
import type { InputFile } from '../engine/formats/types';
import { lintGroup } from '../engine/lint';
import { decodeText } from '../engine/text/decode';
import type { Locale } from '../engine/types';
import { earlyLocale, envLocale, normalizeLocale } from './args';

/**
 * `elb-lint graph FILE [--format svg|dot|mermaid] [-o OUT]`: the topology of a configuration with
 * its findings painted on (the picture the VS Code view shows), for docs and pull requests.
 * Exit codes: 0 written, 2 usage or I/O error. The picture is written whatever the findings.
 */

export type GraphFormat = 'svg' | 'dot' | 'mermaid';

const T = {
  en: {
    help: `Usage: elb-lint graph FILE [options]

Draw what a configuration builds (load balancers, listeners, forwarding policies, pools,
members, servers, security groups, and ELB's traffic to each member) with its findings on it.

Options:
  -f, --format svg|dot|mermaid  Output format (default: svg; or from the extension of -o)
  -o, --output-file FILE        Write to FILE instead of stdout
      --locale en|zh-cn         Language of messages and labels
  -c, --config FILE             Use this configuration file (severities) instead of looking one up
  -h, --help                    Show this help and exit
`,
    usage: "Run 'elb-lint graph --help' for usage.",
    oneFile: 'graph takes exactly one FILE',
    badFormat: 'unknown graph format "{value}" (svg, dot or mermaid)',
    badLocale: 'unknown locale "{value}" (en or zh-cn)',
    cannotRead: 'cannot read {path}: {error}',
    cannotWrite: 'cannot write {path}: {error}',
    noModel: '{path}: no load balancer could be read ({count} problems); the picture is empty',
  },
  'zh-cn': {
    help: `用法：elb-lint graph 文件 [选项]

绘制配置所构建的拓扑（负载均衡器、监听器、转发策略、后端服务器组、后端服务器、云服务器、安全组，
以及 ELB 发往每台后端服务器的流量），并在对应对象上标出检查结果。

选项：
  -f, --format svg|dot|mermaid  输出格式（默认 svg，或按 -o 的扩展名）
  -o, --output-file 文件        写入文件而非标准输出
      --locale en|zh-cn         消息和标签的语言
  -c, --config 文件             使用此配置文件（严重级别），不再逐级查找
  -h, --help                    显示本帮助并退出
`,
    usage: "运行 'elb-lint graph --help' 查看用法。",
    oneFile: 'graph 只接受一个文件',
    badFormat: '未知的图格式“{value}”（svg、dot 或 mermaid）',
    badLocale: '未知的语言“{value}”（en 或 zh-cn）',
    cannotRead: '无法读取 {path}：{error}',
    cannotWrite: '无法写入 {path}：{error}',
    noModel: '{path}：未能读出任何负载均衡器（{count} 个问题），图为空',
  },
} as const;

type Key = Exclude<keyof (typeof T)['en'], 'help'>;

function msg(locale: Locale, key: Key, data: Record<string, string | number> = {}): string {
  return T[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(data[k] ?? ''));
}

function stderr(s: string): void {
  try {
    process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  } catch {
    // nowhere left to complain
  }
}

function formatFromPath(file: string | undefined): GraphFormat | undefined {
  const ext = file ? path.extname(file).toLowerCase() : '';
  if (ext === '.svg') return 'svg';
  if (ext === '.dot' || ext === '.gv') return 'dot';
  if (ext === '.mmd' || ext === '.mermaid') return 'mermaid';
  return undefined;
}

/** Render the picture of one configuration text (exported for tests and the docs). */
export async function graphOfText(text: string, file: string, format: GraphFormat, options: { locale?: Locale; rules?: Record<string, 'off' | 'info' | 'warning' | 'error'>; ruleOptions?: Record<string, Record<string, number>> } = {}): Promise<{ output: string; hasModel: boolean; problems: number }> {
  const locale = options.locale ?? 'en';
  // A file read in a group (a Terraform module) is drawn with the rest of its group.
  const reader = readerFor(file, text);
  const files: InputFile[] = [{ path: file, text }, ...(reader.groupKey ? groupSiblings(file, reader) : [])];
  const results = lintGroup(files, { locale, rules: options.rules, ruleOptions: options.ruleOptions, format: reader.format });
  const graph = buildGraph(graphInputOf(results, locale));
  const title = path.basename(file);
  let output: string;
  if (format === 'dot') output = renderDot(graph, title);
  else if (format === 'mermaid') output = renderMermaid(graph);
  else {
    // layoutGraph loads the layout library (elkjs) on first use: linting never pays for it.
    output = renderSvg(await layoutGraph(graph), { title, theme: 'light' });
  }
  return { output, hasModel: graph.nodes.length > 0, problems: results.reduce((n, r) => n + r.findings.length, 0) };
}

/**
 * Parsers that load asynchronously (the Terraform reader's WebAssembly HCL parser,
 * `engine/parse/hcl.ts`, on its way to main) must be ready before a group is read. Looked up by
 * name so that this module builds with or without that reader.
 */
async function prepareParsers(file: string): Promise<void> {
  if (!/\.(tf|tfvars|tf\.json)$/i.test(file)) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hcl = require('../engine/parse/hcl') as { ensureTerraformParser?: () => Promise<unknown> };
    await hcl.ensureTerraformParser?.();
  } catch {
    // no Terraform reader in this build: the file is read as the registry decides
  }
}

/** The other files of a file's group: files of its directory with the same group key that the reader reads. */
function groupSiblings(file: string, reader: ReturnType<typeof readerFor>): InputFile[] {
  const key = reader.groupKey!(file);
  const dir = path.dirname(file);
  const out: InputFile[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const other = path.join(dir, name);
    if (other === file || reader.groupKey!(other) !== key) continue;
    try {
      const st = fs.statSync(other);
      if (!st.isFile() || st.size > 8 * 1024 * 1024) continue;
      const decoded = decodeText(fs.readFileSync(other));
      if ('text' in decoded && (reader.accepts(other, decoded.text) || reader.companion?.(other))) out.push({ path: other, text: decoded.text });
    } catch {
      // unreadable: drawn without it
    }
  }
  return out;
}

export async function runGraph(argv: readonly string[]): Promise<number> {
  let locale: Locale = earlyLocale(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        locale: { type: 'string' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    stderr(`elb-lint graph: ${(err as Error).message.split('\n')[0]}\n${msg(locale, 'usage')}`);
    return 2;
  }
  const v = parsed.values;
  if (v.locale !== undefined) {
    const l = normalizeLocale(v.locale);
    if (!l) {
      stderr(`elb-lint graph: ${msg(locale, 'badLocale', { value: v.locale })}\n${msg(locale, 'usage')}`);
      return 2;
    }
    locale = l;
  } else locale = envLocale();
  if (v.help) {
    process.stdout.write(T[locale].help);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    stderr(`elb-lint graph: ${msg(locale, 'oneFile')}\n${msg(locale, 'usage')}`);
    return 2;
  }
  const out = v['output-file'];
  const format = (v.format?.toLowerCase() ?? formatFromPath(out) ?? 'svg') as GraphFormat;
  if (!['svg', 'dot', 'mermaid'].includes(format)) {
    stderr(`elb-lint graph: ${msg(locale, 'badFormat', { value: v.format ?? '' })}\n${msg(locale, 'usage')}`);
    return 2;
  }
  const cwd = process.cwd();
  const file = path.resolve(cwd, parsed.positionals[0]!);
  const shown = parsed.positionals[0]!;
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const decoded = decodeText(fs.readFileSync(file));
    if ('problem' in decoded) throw new Error(decoded.problem.messageId);
    text = decoded.text;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    stderr(`elb-lint graph: ${msg(locale, 'cannotRead', { path: shown, error: e.code ?? e.message })}`);
    return 2;
  }
  let rules: Record<string, 'off' | 'info' | 'warning' | 'error'> = {};
  let ruleOptions: Record<string, Record<string, number>> = {};
  try {
    const cfg = loadConfigFor(file, { cache: new ConfigCache(), locale, ...(v.config ? { configFile: path.resolve(cwd, v.config) } : {}) });
    rules = cfg.rules;
    ruleOptions = cfg.options;
    if (!v.locale && cfg.locale) locale = cfg.locale;
  } catch (err) {
    if (err instanceof ConfigError) {
      stderr(err.problems.map((p) => `${err.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
      return 2;
    }
    throw err;
  }
  await prepareParsers(file);
  const { output, hasModel, problems } = await graphOfText(text, file, format, { locale, rules, ruleOptions });
  if (!hasModel) stderr(`elb-lint graph: ${msg(locale, 'noModel', { path: shown, count: problems })}`);
  if (out) {
    try {
      const target = path.resolve(cwd, out);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, output);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      stderr(`elb-lint graph: ${msg(locale, 'cannotWrite', { path: out, error: e.code ?? e.message })}`);
      return 2;
    }
  } else {
    try {
      process.stdout.write(output);
    } catch {
      // the reader went away
    }
  }
  return 0;
}
