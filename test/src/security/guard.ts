/**
 * A preload (`node --require guard.js`) that records every way out of the process the engine could
 * take: code generation (eval, Function, vm), child processes, network sockets (net, tls, http,
 * https, dgram, http2), workers and native addons. Each attempt is recorded with its stack and
 * written as JSON to $ELB_GUARD_LOG at exit; process and network attempts also throw.
 *
 * `Function` is wrapped, not forbidden: ajv compiles OUR schema into validation functions (see
 * docs/reliability.md); the tests allow exactly that site and check no input text reaches it.
 */
import * as fs from 'node:fs';
import { Module } from 'node:module';

export interface Attempt {
  kind: string;
  stack: string;
  /** For code generation: the generated source (to check no input reached it). */
  source?: string;
}

const attempts: Attempt[] = [];
const log = process.env.ELB_GUARD_LOG;
const stack = () => (new Error().stack ?? '').split('\n').slice(2).join('\n');

function record(kind: string, source?: string): void {
  attempts.push({ kind, stack: stack(), source });
}

function forbid(mod: Record<string, unknown>, name: string, label: string): void {
  const real = mod[name];
  if (typeof real !== 'function') return;
  Object.defineProperty(mod, name, {
    configurable: true,
    writable: true,
    value: function (this: unknown) {
      record(`${label}.${name}`);
      throw new Error(`elb-lint guard: ${label}.${name} is not allowed`);
    },
  });
}

const cp = require('node:child_process') as Record<string, unknown>;
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) forbid(cp, n, 'child_process');
const net = require('node:net') as Record<string, unknown>;
for (const n of ['connect', 'createConnection', 'createServer']) forbid(net, n, 'net');
const sock = (require('node:net') as { Socket: { prototype: Record<string, unknown> } }).Socket.prototype;
forbid(sock, 'connect', 'net.Socket');
for (const m of ['http', 'https']) {
  const h = require(`node:${m}`) as Record<string, unknown>;
  for (const n of ['request', 'get', 'createServer']) forbid(h, n, m);
}
forbid(require('node:tls') as Record<string, unknown>, 'connect', 'tls');
forbid(require('node:dgram') as Record<string, unknown>, 'createSocket', 'dgram');
forbid(require('node:http2') as Record<string, unknown>, 'connect', 'http2');
const wt = require('node:worker_threads') as Record<string, unknown>;
const RealWorker = wt.Worker as new (...a: unknown[]) => unknown;
Object.defineProperty(wt, 'Worker', {
  configurable: true,
  value: function Worker(...a: unknown[]) {
    record('worker_threads.Worker');
    return new RealWorker(...a);
  },
});
const vm = require('node:vm') as Record<string, unknown>;
for (const n of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) {
  const real = vm[n] as (...a: unknown[]) => unknown;
  vm[n] = function (...a: unknown[]) {
    // Node's own module loader does not go through these exports; anything that does is recorded.
    record(`vm.${n}`, String(a[0]).slice(0, 4000));
    return real.apply(this, a);
  };
}
const realDlopen = process.dlopen;
process.dlopen = function (...a: Parameters<typeof process.dlopen>) {
  record('process.dlopen', String(a[1]));
  return realDlopen.apply(process, a);
};
const realEval = globalThis.eval;
globalThis.eval = function (x: string) {
  record('eval', String(x).slice(0, 4000));
  return realEval(x);
};
const RealFunction = Function;
const GuardedFunction = new Proxy(RealFunction, {
  apply(target, thisArg, args: string[]) {
    record('Function', args.map(String).join('\n').slice(0, 20000));
    return Reflect.apply(target, thisArg, args);
  },
  construct(target, args: string[]) {
    record('Function', args.map(String).join('\n').slice(0, 20000));
    return Reflect.construct(target, args);
  },
});
(globalThis as { Function: unknown }).Function = GuardedFunction;
// `Function.prototype.constructor` reaches the real constructor from any function: guard it too.
Object.defineProperty(RealFunction.prototype, 'constructor', { value: GuardedFunction, configurable: true, writable: true });

if (log) {
  process.on('exit', () => fs.writeFileSync(log, JSON.stringify({ attempts, modules: Object.keys((Module as unknown as { _cache: object })._cache) })));
  // A language server stopped by its client's kill still leaves its record.
  process.on('SIGTERM', () => process.exit(143));
}
