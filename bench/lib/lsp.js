'use strict';
// A tiny LSP client over stdio (JSON-RPC with Content-Length framing, via vscode-jsonrpc/node),
// enough to open documents, send edits, time publishDiagnostics and requests, and read the
// server process's RSS and CPU time from /proc.
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { now, rssMiB } = require('./util');

const CLK_TCK = 100; // USER_HZ on Linux

class LspClient {
  /**
   * @param {string} name  label for messages
   * @param {string[]} argv  node arguments (script and flags)
   * @param {(section: string) => unknown} configuration  answers workspace/configuration
   */
  constructor(name, argv, configuration = () => ({})) {
    this.name = name;
    this.proc = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d;
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.publishes = []; // { uri, version, count, at }
    this.waiters = [];
    this.configRequests = 0;
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const ev = { uri: p.uri, version: p.version, count: p.diagnostics.length, diagnostics: p.diagnostics, at: now() };
      this.last = ev;
      this.lastByUri = this.lastByUri || new Map();
      this.lastByUri.set(p.uri, ev);
      this.publishes.push(ev);
      if (this.publishes.length > 1000) this.publishes.splice(0, 500);
      this.waiters = this.waiters.filter((w) => {
        if (w.pred(ev)) {
          clearTimeout(w.timer);
          w.resolve(ev);
          return false;
        }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (p) => {
      this.configRequests++;
      return p.items.map((it) => configuration(it.section ?? '', it.scopeUri));
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('telemetry/event', () => undefined);
    this.conn.onNotification('$/progress', () => undefined);
    this.conn.onUnhandledNotification(() => undefined);
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  get pid() {
    return this.proc.pid;
  }

  async initialize(rootUri, extraCapabilities = {}, initializationOptions) {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      locale: 'en',
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
        ...extraCapabilities,
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolve with the first publishDiagnostics (from now on) that satisfies `pred`. */
  waitPublish(pred, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`${this.name}: no publishDiagnostics within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  open(uri, text, version = 1, languageId = 'yaml') {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  /** Send a request; resolves to { ms, result }. */
  async timed(method, params) {
    const t0 = now();
    const result = await this.conn.sendRequest(method, params);
    return { ms: now() - t0, result };
  }

  rss() {
    return rssMiB(this.proc.pid);
  }

  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs() {
    try {
      const s = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
    } catch {
      return NaN;
    }
  }

  async shutdown() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* gone already */
    }
    await new Promise((r) => {
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        r();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.conn.dispose();
  }
}

module.exports = { LspClient };
