import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { claimedBy, mayBeClaimed } from '../engine/formats/registry';
import { isConfigFile } from '../engine/lint';

/** A file to lint and how it was found. */
export interface Target {
  file: string;
  /** Named on the command line (an ignored explicit file gets a warning instead of silence). */
  explicit: boolean;
}

/** A problem with a command-line path: message id in the CLI table and its data. Exit code 2. */
export class PathError extends Error {
  constructor(readonly messageId: string, readonly data: Record<string, string>) {
    super(messageId);
  }
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform']);

/** Files larger than this are not read to find out whether another format claims them. */
const SNIFF_LIMIT = 8 * 1024 * 1024;

/**
 * Whether a file found in a directory is one another format reader claims (a Terraform module
 * file, an API export, a Kubernetes manifest with ELB annotations). Unreadable files are not.
 */
export function isClaimed(file: string): boolean {
  if (!mayBeClaimed(file)) return false;
  try {
    const st = fs.statSync(file);
    if (st.size > SNIFF_LIMIT) return false;
    return claimedBy(file, fs.readFileSync(file, 'utf8')) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Every `*.elb.yaml|yml|json` under `dir`, every file `files:` globs include, and every file another
 * format claims by content (`.tf`, API JSON, Kubernetes manifests); sorted, skipping
 * node_modules, .git and .terraform.
 */
export function walk(dir: string, isIncluded: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (d: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(d);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
      } else if (isFile && (isConfigFile(e.name) || isIncluded(p) || isClaimed(p))) out.push(p);
    }
  };
  visit(dir);
  return out;
}

function isGlob(arg: string): boolean {
  return picomatch.scan(arg).isGlob;
}

/**
 * Expand command-line arguments into files: files as given, directories recursively, globs with
 * tinyglobby. `isIgnored` tells whether a file is matched by an ignore pattern: such files are
 * dropped when found through a directory or a glob, and kept (flagged explicit) when named.
 * Throws {@link PathError}.
 */
export function expandTargets(
  args: readonly string[],
  cwd: string,
  isIgnored: (file: string) => boolean,
  isIncluded: (file: string) => boolean = () => false,
): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    targets.push({ file, explicit });
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        // Exists but cannot be examined: reading it reports the error.
        add(abs, true);
        continue;
      }
      st = undefined;
    }
    if (st?.isDirectory()) {
      const files = walk(abs, isIncluded);
      const shown = arg === '.' ? '.' : arg;
      if (files.length === 0) throw new PathError('noFilesInDir', { dir: shown });
      const kept = files.filter((f) => !isIgnored(f));
      if (kept.length === 0) throw new PathError('allIgnored', { pattern: shown });
      for (const f of kept) add(f, false);
    } else if (st) {
      add(abs, true);
    } else if (isGlob(arg)) {
      const pattern = path.sep === '\\' ? arg.replace(/\\/g, '/') : arg;
      const files = globSync(pattern, {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        expandDirectories: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
      })
        .map((f) => path.resolve(f))
        .sort();
      if (files.length === 0) throw new PathError('noFilesMatching', { pattern: arg });
      const kept = files.filter((f) => !isIgnored(f));
      if (kept.length === 0) throw new PathError('allIgnored', { pattern: arg });
      for (const f of kept) add(f, false);
    } else {
      throw new PathError('noSuchPath', { path: arg });
    }
  }
  return targets;
}
