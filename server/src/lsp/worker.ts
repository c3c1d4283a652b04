import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { CodeActionParams } from 'vscode-languageserver';
import { lintText, type LintOptions, type LintResult } from '../engine/lint';
import type { Locale } from '../engine/types';
import { codeActions } from './code-actions';
import { completionsAt } from './completion';
import { toDiagnostic } from './convert';
import { hoverAt } from './hover';
import { definitionAt, documentSymbols, referencesAt } from './navigation';

/**
 * The lint worker: a thread of the language server that lints large documents and answers the
 * requests about them, so the server's own thread never waits for a long lint — it stays free to
 * answer other requests (a hover is answered at once, empty, while its document is being linted).
 * Documents the worker lints never get linted on the main thread, and vice versa.
 *
 * The worker keeps the last result of a few documents (the most recently used ones): the next
 * version of a document re-parses only what the edit touched, and requests reuse the result.
 */

export type QueryKind = 'hover' | 'completion' | 'codeAction' | 'definition' | 'references' | 'documentSymbol';

export type WorkerRequest =
  | { type: 'lint'; id: number; uri: string; version: number; text: string; options: Omit<LintOptions, 'previous'> }
  | { type: 'query'; id: number; uri: string; version: number; kind: QueryKind; offset: number; locale: Locale; hoverFindings: boolean; includeDeclaration: boolean; params?: CodeActionParams }
  | { type: 'forget'; id: number; uri?: string };

export interface WorkerReply {
  id: number;
  /** lint: the diagnostics of the version; query: the answer (undefined when the version is not the last linted one). */
  value?: unknown;
  /** The request could not be answered here (unknown version); the caller answers it itself. */
  miss?: boolean;
  error?: string;
}

/** Results the worker keeps (least recently used first out). */
const KEEP = 4;

function serve(port: NonNullable<typeof parentPort>): void {
  const results = new Map<string, { version: number; result: LintResult }>();
  const touch = (uri: string, entry: { version: number; result: LintResult }) => {
    results.delete(uri);
    results.set(uri, entry);
    while (results.size > KEEP) results.delete(results.keys().next().value!);
  };
  port.on('message', (req: WorkerRequest) => {
    const reply: WorkerReply = { id: req.id };
    try {
      if (req.type === 'forget') {
        if (req.uri) results.delete(req.uri);
        else results.clear();
      } else if (req.type === 'lint') {
        const prev = results.get(req.uri);
        const result = lintText(req.text, { ...req.options, previous: prev?.result });
        touch(req.uri, { version: req.version, result });
        reply.value = result.findings.map((f) => toDiagnostic(result.source, req.uri, f, result.sources));
      } else {
        const hit = results.get(req.uri);
        if (!hit || hit.version !== req.version) reply.miss = true;
        else {
          touch(req.uri, hit);
          const r = hit.result;
          switch (req.kind) {
            case 'hover':
              reply.value = hoverAt(r, req.offset, req.locale, req.hoverFindings);
              break;
            case 'completion':
              reply.value = completionsAt(r, req.offset, req.locale);
              break;
            case 'codeAction':
              reply.value = codeActions(r, req.params!, req.locale);
              break;
            case 'definition':
              reply.value = definitionAt(r, req.uri, req.offset);
              break;
            case 'references':
              reply.value = referencesAt(r, req.uri, req.offset, req.includeDeclaration);
              break;
            case 'documentSymbol':
              reply.value = documentSymbols(r);
              break;
          }
        }
      }
    } catch (err) {
      reply.error = err instanceof Error ? err.stack ?? err.message : String(err);
    }
    port.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { elbLintWorker?: boolean } | undefined)?.elbLintWorker && parentPort) serve(parentPort);

/** Distributive `Omit` (keeps the union's members apart). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The main thread's handle on the lint worker: requests in, promises of replies out. */
export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; lint: boolean }>();
  private lints = 0;

  /** `entry`: the script that holds this module (the server's own file, or the bundle). */
  constructor(private readonly entry: string, private readonly onError: (message: string) => void) {}

  /** Lints running or queued on the worker. */
  get busy(): boolean {
    return this.lints > 0;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.entry, { workerData: { elbLintWorker: true } });
    w.unref();
    w.on('message', (r: WorkerReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (p.lint) this.lints--;
      if (r.error) this.onError(r.error);
      p.resolve(r);
    });
    const fail = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.onError(`lint worker stopped: ${why}`);
      // Everything in flight is answered by the caller itself (a miss); the next request restarts the worker.
      for (const [id, p] of this.pending) p.resolve({ id, miss: true });
      this.pending.clear();
      this.lints = 0;
    };
    w.on('error', (err) => fail(err.message));
    w.on('exit', (code) => fail(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  request(req: WithoutId<WorkerRequest>): Promise<WorkerReply> {
    const id = this.nextId++;
    const lint = req.type === 'lint';
    return new Promise((resolve) => {
      let w: Worker;
      try {
        w = this.start();
      } catch (err) {
        resolve({ id, miss: true, error: err instanceof Error ? err.message : String(err) });
        return;
      }
      this.pending.set(id, { resolve, lint });
      if (lint) this.lints++;
      w.postMessage({ ...req, id });
    });
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }
}
