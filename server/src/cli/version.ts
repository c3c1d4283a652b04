import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The version of the package the code runs from: server/package.json (out/cli/ →
 * ../../package.json), or the root package.json when it runs bundled (dist/ → ../package.json).
 */
export function packageVersion(): string {
  if (cached === undefined) {
    cached = '0.0.0';
    for (const p of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
      try {
        const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: unknown; version?: unknown };
        if (typeof pkg.version === 'string' && typeof pkg.name === 'string' && pkg.name.startsWith('elb-lint')) {
          cached = pkg.version;
          break;
        }
      } catch {
        // not there: try the next place
      }
    }
  }
  return cached;
}
