/**
 * The formats the fuzzer feeds. Adding a format is one entry: its name, a seed corpus (real files
 * of that format in the repository), optionally a codec for structural mutations, and the lint call
 * (text of one file → the engine's results, one per file it reports on).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { lintGroup, lintText } from '../../../server/out/engine/lint';
import { ensureTerraformParser } from '../../../server/out/engine/parse/hcl';
import type { Finding } from '../../../server/out/engine/types';
import type { DocCodec } from './mutate';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What the properties need of one linted file. */
export interface LintedFile {
  path: string;
  /** The text the spans of this file's findings refer to. */
  text: string;
  findings: Finding[];
  suppressed: Finding[];
}

export interface FuzzFormat {
  /** Stable name: also the folder of its saved failures under test/fuzz-regressions/. */
  name: string;
  /** Seed documents: real files of the format (fixtures, examples). */
  seeds(): string[];
  codec?: DocCodec;
  /** Lint the text as one file of this format (a group of one file for group formats). */
  lint(text: string): LintedFile[];
  /** Cases in the bounded CI run. */
  ciRuns: number;
  /** CPU budget of one lint in the bounded CI run (ms), when the format needs more than the default. */
  ciBudgetMs?: number;
  /** Asynchronous set-up before linting (loading a WebAssembly parser). */
  init?: () => Promise<unknown>;
}

/** Files under `dirs` (relative to the repository root) whose names match `re`, sorted. */
export function corpus(dirs: string[], re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out;
}

function texts(files: string[]): string[] {
  return files.map((f) => fs.readFileSync(f, 'utf8'));
}

function own(path: string) {
  return (text: string): LintedFile[] => {
    const r = lintText(text, { path });
    return [{ path: r.path, text: r.source.text, findings: r.findings, suppressed: r.suppressed }];
  };
}

let yamlSeeds: string[] | undefined;
let jsonSeeds: string[] | undefined;
let apiSeeds: string[] | undefined;

const jsonCodec: DocCodec = {
  parse: (t) => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return undefined;
    }
  },
  print: (d) => JSON.stringify(d, null, 2),
};

/** One file of a format, alone in its group, at a virtual path. */
function single(name: string, format: string) {
  const p = path.join(ROOT, 'test', '.fuzz', name);
  return (text: string): LintedFile[] =>
    lintGroup([{ path: p, text }], { format: format as never }).map((r) => ({ path: r.path, text: r.source.text, findings: r.findings, suppressed: r.suppressed }));
}

const yamlCodec: DocCodec = {
  parse: (t) => {
    try {
      return YAML.parse(t, { maxAliasCount: 100, logLevel: 'silent' }) ?? undefined;
    } catch {
      return undefined;
    }
  },
  print: (d) => YAML.stringify(d, { aliasDuplicateObjects: false }),
};
const cache = new Map<string, string[]>();
const seeds = (dirs: string[], re: RegExp) => () => cache.get(dirs.join() + re.source) ?? (cache.set(dirs.join() + re.source, texts(corpus(dirs, re))), cache.get(dirs.join() + re.source)!);

/**
 * A format read a directory at a time: the fuzzed text is one more file of a real export
 * directory, linted with its (unchanged) siblings, so links across files are exercised too.
 */
function grouped(dir: string, name: string, format: string, re: RegExp) {
  let siblings: { path: string; text: string }[] | undefined;
  return (text: string): LintedFile[] => {
    siblings ??= corpus([dir], re).filter((f) => path.dirname(f) === path.join(ROOT, dir)).map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }));
    const files = [{ path: path.join(ROOT, dir, name), text }, ...siblings];
    return lintGroup(files, { format: format as never }).map((r) => ({ path: r.path, text: r.source.text, findings: r.findings, suppressed: r.suppressed }));
  };
}

export const FORMATS: FuzzFormat[] = [
  {
    name: 'elb-yaml',
    seeds: () => (yamlSeeds ??= texts(corpus(['examples', 'test/fixtures/rules', 'test/fixtures/cli'], /\.elb\.ya?ml$/))),
    codec: {
      parse: (t) => {
        try {
          return YAML.parse(t, { maxAliasCount: 100, logLevel: 'silent' }) ?? undefined;
        } catch {
          return undefined;
        }
      },
      print: (d) => YAML.stringify(d, { aliasDuplicateObjects: false }),
    },
    lint: own('fuzz.elb.yaml'),
    ciRuns: 700,
  },
  {
    name: 'elb-json',
    seeds: () => (jsonSeeds ??= texts(corpus(['examples', 'test/fixtures/rules', 'test/fixtures/cli'], /\.elb\.json$/))),
    codec: jsonCodec,
    lint: own('fuzz.elb.json'),
    ciRuns: 300,
  },
  {
    name: 'api-json',
    seeds: () => (apiSeeds ??= texts(corpus(['test/fixtures/api', 'examples/api'], /^(?!.*\.elb\.json$).*\.json$/))),
    codec: jsonCodec,
    lint: grouped('test/fixtures/api/dedicated', 'fuzzed.json', 'api-json', /\.json$/),
    ciRuns: 300,
  },
  {
    name: 'terraform',
    seeds: seeds(['test/fixtures/terraform', 'examples/terraform'], /\.tf$/),
    init: ensureTerraformParser,
    lint: single('main.tf', 'terraform'),
    // The slowest HCL lints (a mutated module re-evaluated whole) took up to 1.6 s of CPU on a
    // loaded machine, near the 2 s default: the CI run gives HCL more room, `npm run fuzz` keeps 2 s.
    ciRuns: 300,
    ciBudgetMs: 5000,
  },
  {
    name: 'terraform-json',
    seeds: seeds(['test/fixtures/terraform-json', 'test/fixtures/terraform-plan'], /\.json$/),
    codec: jsonCodec,
    init: ensureTerraformParser,
    lint: single('main.tf.json', 'terraform'),
    ciRuns: 200,
  },
  {
    name: 'terraform-plan',
    seeds: seeds(['test/fixtures/terraform-plan', 'test/fixtures/terraform-json'], /\.json$/),
    codec: jsonCodec,
    lint: single('plan.json', 'terraform-plan'),
    ciRuns: 200,
  },
  {
    name: 'kubernetes',
    seeds: seeds(['test/fixtures/kubernetes', 'examples/kubernetes'], /\.ya?ml$/),
    codec: yamlCodec,
    lint: single('manifest.yaml', 'kubernetes'),
    ciRuns: 400,
  },
];

export function formatByName(name: string): FuzzFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}
