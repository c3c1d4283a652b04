import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runElk } from './layout';

/**
 * One worker thread for layouts, started on the first picture and kept (unref'd: it never keeps
 * the process alive). The worker's script is `layout-worker.js` beside this module (compiled
 * tree) or `graph-layout-worker.js` beside the bundle (dist/, built by scripts/build-extension.js).
 * When neither can be started, layouts run in this thread.
 */

let worker: Worker | undefined;
let broken = false;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

function workerScript(): string | undefined {
  for (const name of ['layout-worker.js', 'graph-layout-worker.js']) {
    const p = path.join(__dirname, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = undefined;
}

function getWorker(): Worker | undefined {
  if (worker || broken) return worker;
  const script = workerScript();
  if (!script) {
    broken = true;
    return undefined;
  }
  try {
    worker = new Worker(script);
  } catch {
    broken = true;
    return undefined;
  }
  worker.unref();
  worker.on('message', (m: { id: number; output?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.output);
  });
  worker.on('error', (err) => failAll(err instanceof Error ? err : new Error(String(err))));
  worker.on('exit', () => failAll(new Error('the layout worker stopped')));
  return worker;
}

export function layoutInWorker(input: unknown): Promise<unknown> {
  const w = getWorker();
  if (!w) return runElk(input);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (pending.size === 1) w.ref();
    w.postMessage({ id, input });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
}

/** Stop the worker (tests, shutdown). */
export async function stopLayoutWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
