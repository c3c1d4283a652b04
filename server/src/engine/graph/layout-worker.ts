/**
 * The layout worker: runs ELK (elkjs) off the language server's main thread. Started by
 * `layout-host.ts`; receives `{id, input}`, answers `{id, output}` or `{id, error}`.
 */
import { parentPort } from 'node:worker_threads';
import { runElk } from './layout';

parentPort?.on('message', (m: { id: number; input: unknown }) => {
  runElk(m.input).then(
    (output) => parentPort!.postMessage({ id: m.id, output }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
