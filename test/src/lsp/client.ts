import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers';

export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string; message: string; source?: string; severity?: number; codeDescription?: { href: string }; relatedInformation?: unknown[] }[];
}

/** A real LSP client over stdio against the built `elb-lint-ls`, as an editor would run it. */
export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, PublishParams>();
  private waiters: { uri: string; pred: (p: PublishParams) => boolean; resolve: (p: PublishParams) => void }[] = [];
  stderr = '';
  settings: Record<string, unknown> = {};
  /** Called on every publishDiagnostics (tests that watch the sequence of versions). */
  onPublish?: (p: PublishParams) => void;

  /** `script`: another server entry (test/out/robustness/server-entry.js); `execArgv`: node flags such as --expose-gc. */
  constructor(opts: { script?: string; execArgv?: string[] } = {}) {
    const script = opts.script ?? path.join(ROOT, 'server/bin/elb-lint-ls.js');
    this.proc = spawn(process.execPath, [...(opts.execArgv ?? []), script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
      this.diagnostics.set(p.uri, p);
      this.onPublish?.(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  async initialize(locale = 'en', configuration = true): Promise<Record<string, unknown>> {
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      locale,
      capabilities: { workspace: { configuration }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    await this.conn.sendNotification('initialized', {});
    return r as Record<string, unknown>;
  }

  waitDiagnostics(uri: string, pred: (p: PublishParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishParams> {
    const have = this.diagnostics.get(uri);
    if (have && pred(have)) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (p) => (clearTimeout(t), resolve(p)) });
    });
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    this.diagnostics.delete(uri);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Apply LSP text edits (line/character) to a text. */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
