import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  DidChangeConfigurationNotification,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigCache, loadConfigFor } from '../config/index';
import { claimedBy, readerFor } from '../engine/formats/registry';
import type { FormatReader, InputFile } from '../engine/formats/types';
import { isConfigFile, lintText, type LintResult } from '../engine/lint';
import type { Locale, SeveritySetting } from '../engine/types';
import { FIX_ALL_KIND, codeActions } from './code-actions';
import { completionsAt } from './completion';
import { toDiagnostic } from './convert';
import { hoverAt } from './hover';
import { definitionAt, documentSymbols, referencesAt } from './navigation';
import { DEFAULT_SETTINGS, localeFrom, readSettings, type Settings } from './settings';
import { registerTopology } from './topology';
import { LintWorker, type QueryKind } from './worker';

interface Cached {
  version: number;
  /** Versions of the other open documents of the group when the result was made. */
  stamp: string;
  result: LintResult;
}

export interface ServerOptions {
  /** Delay between the last change and the lint (ms). Small: lints are fast. */
  debounceMs?: number;
  /**
   * Documents of at least this many characters are linted on the lint worker thread, so that a
   * long lint never holds up the requests of other documents (default: $ELB_LINT_WORKER_MIN_CHARS,
   * else 64 Ki; Infinity: never).
   */
  workerMinChars?: number;
}

/** Full lint results kept on the main thread (most recently used); the others are linted again when asked. */
const MAIN_KEEP = 12;

/** The elb-lint language server on a connection (stdio, IPC or a test pipe). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const debounceMs = options.debounceMs ?? 15;
  const fromEnv = Number(process.env.ELB_LINT_WORKER_MIN_CHARS);
  const workerMinChars = options.workerMinChars ?? (process.env.ELB_LINT_WORKER_MIN_CHARS && fromEnv >= 0 ? fromEnv : 64 * 1024);
  const worker = Number.isFinite(workerMinChars) ? new LintWorker(__filename, (m) => connection.console.error(`elb-lint: ${m}`)) : undefined;
  /** Documents linted on the worker: the version last sent to it, and whether a lint is on its way. */
  const onWorker = new Map<string, { sent: number; inFlight: boolean; again: boolean }>();
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Cached>();
  const timers = new Map<string, NodeJS.Timeout>();
  const configCache = new ConfigCache();
  let settings: Settings = DEFAULT_SETTINGS;
  let editorLocale: Locale = 'en';
  let pullConfiguration = false;
  let fileMatcher: ((p: string) => boolean) | undefined;
  /** Limited mode (an untrusted workspace): no workspace configuration files, no custom globs. */
  let trusted = true;
  /** Whether hovers repeat the findings under the cursor (VS Code shows diagnostics in hovers itself). */
  let hoverFindings = true;

  const locale = (): Locale => (settings.locale === 'auto' ? editorLocale : settings.locale);

  function fsPath(uri: string): string | undefined {
    try {
      return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Whether another format (Terraform, API JSON, Kubernetes) claims the document; per version. */
  const claims = new Map<string, { version: number; claimed: boolean }>();
  function isClaimed(doc: TextDocument, p: string): boolean {
    const hit = claims.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.claimed;
    const claimed = claimedBy(p, doc.getText()) !== undefined;
    claims.set(doc.uri, { version: doc.version, claimed });
    return claimed;
  }

  function isOurs(doc: TextDocument): boolean {
    const p = fsPath(doc.uri) ?? doc.uri;
    if (isConfigFile(p)) return true;
    if (isClaimed(doc, p)) return true;
    if (fileMatcher?.(p)) return true;
    // `files:` globs of the workspace's .elb-lint.yaml (not in limited mode).
    if (!trusted || !fsPath(doc.uri)) return false;
    try {
      return loadConfigFor(p, { cache: configCache, locale: locale() }).included;
    } catch {
      return false;
    }
  }

  /** Severities (workspace configuration files, then the `elbLint.rules` setting) and rule options. */
  function configFor(doc: TextDocument): { rules: Record<string, SeveritySetting>; ruleOptions: Record<string, Record<string, number>> } {
    const p = fsPath(doc.uri);
    let fromFile: Record<string, SeveritySetting> = {};
    let ruleOptions: Record<string, Record<string, number>> = {};
    if (p && trusted) {
      try {
        const cfg = loadConfigFor(p, { cache: configCache, locale: locale() });
        fromFile = cfg.rules;
        ruleOptions = cfg.options;
      } catch (err) {
        connection.console.warn(`elb-lint: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { rules: { ...fromFile, ...settings.rules }, ruleOptions };
  }

  /** The reader of a document and, for formats read in groups, the key of its group. */
  function groupOf(doc: TextDocument): { reader: FormatReader; key?: string } {
    const p = fsPath(doc.uri) ?? doc.uri;
    const reader = readerFor(p, doc.getText());
    return { reader, key: reader.groupKey && fsPath(doc.uri) ? `${reader.format}\0${reader.groupKey(p)}` : undefined };
  }

  /** The other open documents of a document's group. */
  function openPeers(doc: TextDocument, key: string | undefined): TextDocument[] {
    if (!key) return [];
    return documents.all().filter((d) => d.uri !== doc.uri && fsPath(d.uri) && groupOf(d).key === key);
  }

  /**
   * The other files of a document's group (a Terraform module's directory): open documents as the
   * editor holds them, the rest as on disk.
   */
  function siblings(doc: TextDocument, reader: FormatReader, peers: readonly TextDocument[]): InputFile[] {
    const p = fsPath(doc.uri)!;
    const dir = path.dirname(p);
    const key = reader.groupKey!(p);
    const open = new Map(peers.map((d) => [fsPath(d.uri)!, d.getText()]));
    const out: InputFile[] = [];
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      // an unsaved or vanished directory: the document alone
    }
    for (const name of names) {
      const file = path.join(dir, name);
      if (file === p || reader.groupKey!(file) !== key) continue;
      let text = open.get(file);
      if (text === undefined) {
        try {
          const st = fs.statSync(file);
          if (!st.isFile() || st.size > 8 * 1024 * 1024) continue;
          text = fs.readFileSync(file, 'utf8');
        } catch {
          continue;
        }
      }
      if (reader.accepts(file, text) || reader.companion?.(file)) out.push({ path: file, text });
    }
    return out;
  }

  /** Lint a document's current text (or reuse the result for this version). */
  function lint(doc: TextDocument): LintResult {
    const { reader, key } = groupOf(doc);
    const peers = openPeers(doc, key);
    const stamp = peers.map((d) => `${d.uri}@${d.version}`).join(' ');
    const hit = cache.get(doc.uri);
    if (hit) cache.delete(doc.uri); // re-inserted below: the map's order is the order of use
    if (hit && hit.version === doc.version && hit.stamp === stamp) {
      cache.set(doc.uri, hit);
      return hit.result;
    }
    const p = fsPath(doc.uri) ?? doc.uri;
    // The previous version's result lets the reader re-parse only the edited part.
    const result = lintText(doc.getText(), { path: p, locale: locale(), ...configFor(doc), siblings: key ? siblings(doc, reader, peers) : undefined, previous: hit?.result });
    cache.set(doc.uri, { version: doc.version, stamp, result });
    // Memory: full results (tree, model) only for the documents used last; the others' diagnostics
    // are published already, and a request about them lints them again.
    while (cache.size > MAIN_KEEP) cache.delete(cache.keys().next().value!);
    return result;
  }

  /** Whether a document is linted on the worker thread. */
  function onWorkerThread(doc: TextDocument): boolean {
    return worker !== undefined && doc.getText().length >= workerMinChars;
  }

  /** Lint on the worker and publish; at most one lint per document on its way, the latest version next. */
  async function publishFromWorker(doc: TextDocument): Promise<void> {
    const uri = doc.uri;
    let st = onWorker.get(uri);
    if (!st) onWorker.set(uri, (st = { sent: -1, inFlight: false, again: false }));
    if (st.inFlight) {
      st.again = true;
      return;
    }
    const { reader, key } = groupOf(doc);
    const peers = openPeers(doc, key);
    const version = doc.version;
    const options = { path: fsPath(uri) ?? uri, locale: locale(), ...configFor(doc), siblings: key ? siblings(doc, reader, peers) : undefined };
    st.inFlight = true;
    st.sent = version;
    const reply = await worker!.request({ type: 'lint', uri, version, text: doc.getText(), options });
    st.inFlight = false;
    const current = documents.get(uri);
    if (current && current.version === version && settings.enable) {
      if (reply.miss || reply.error) {
        st.sent = -1;
        const result = lint(current); // the worker failed: this thread lints it
        void connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map((f) => toDiagnostic(result.source, uri, f, result.sources)) });
      } else void connection.sendDiagnostics({ uri, version, diagnostics: reply.value as Diagnostic[] });
    }
    if (st.again && onWorker.get(uri) === st) {
      st.again = false;
      if (current && onWorkerThread(current)) void publishFromWorker(current);
      else if (current) publish(current);
    }
  }

  /**
   * A request about a document linted on the worker: answered there from the result of the
   * document's current version. A hover never waits for a lint: while the worker lints, it is
   * answered at once, empty. `undefined`: answer it on this thread.
   */
  async function ask(doc: TextDocument, kind: QueryKind, offset: number, extra: { params?: CodeActionParams; includeDeclaration?: boolean } = {}): Promise<{ value: unknown } | undefined> {
    if (!worker || !onWorkerThread(doc)) return undefined;
    const st = onWorker.get(doc.uri);
    if (kind === 'hover' && (worker.busy || !st || st.sent !== doc.version)) return { value: null };
    if (!st || st.sent !== doc.version) {
      // The worker has not been given this version yet (debounce): give it now, unless one is on its way.
      if (settings.run === 'onSave' || st?.inFlight) return undefined;
      const t = timers.get(doc.uri);
      if (t) clearTimeout(t);
      timers.delete(doc.uri);
      void publishFromWorker(doc);
    }
    const reply = await worker.request({ type: 'query', uri: doc.uri, version: doc.version, kind, offset, locale: locale(), hoverFindings, includeDeclaration: extra.includeDeclaration ?? false, params: extra.params });
    return reply.miss || reply.error ? undefined : { value: reply.value };
  }

  function publish(doc: TextDocument): void {
    if (!settings.enable || !isOurs(doc)) {
      void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      return;
    }
    if (onWorkerThread(doc)) {
      void publishFromWorker(doc);
      return;
    }
    const version = doc.version;
    const result = lint(doc);
    // Never publish for an older version than the editor holds.
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: result.findings.map((f) => toDiagnostic(result.source, doc.uri, f, result.sources)) });
  }

  /** A change to one file of a group can change the findings of the others: re-lint them too. */
  function schedulePeers(doc: TextDocument): void {
    const { key } = groupOf(doc);
    for (const d of openPeers(doc, key)) schedule(d);
  }

  function schedule(doc: TextDocument, immediate = false): void {
    const t = timers.get(doc.uri);
    if (t) clearTimeout(t);
    const run = () => {
      timers.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) publish(current);
    };
    if (immediate) run();
    else timers.set(doc.uri, setTimeout(run, debounceMs));
  }

  function relintAll(): void {
    cache.clear();
    if (worker) void worker.request({ type: 'forget' });
    configCache.clear();
    for (const d of documents.all()) schedule(d);
  }

  async function refreshSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      const raw = await connection.workspace.getConfiguration({ section: 'elbLint' });
      applySettings(raw);
    } catch {
      /* the client may not answer; keep the current settings */
    }
  }

  function applySettings(raw: unknown): void {
    settings = readSettings(raw);
    fileMatcher = settings.files.length && trusted ? picomatch(settings.files, { dot: true, basename: false }) : undefined;
  }

  /** Handlers never take the server down: a failure becomes an LSP error for that request. */
  function guard<P, R>(name: string, fn: (p: P) => R | Promise<R>, fallback: R): (p: P, token?: CancellationToken) => R | Promise<R> {
    const failed = (err: unknown): R => {
      if (err instanceof ResponseError) throw err;
      connection.console.error(`elb-lint: ${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    };
    return (p: P, token?: CancellationToken) => {
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      try {
        if (!p || typeof p !== 'object' || typeof (p as { textDocument?: { uri?: unknown } }).textDocument?.uri !== 'string') {
          throw new ResponseError(ErrorCodes.InvalidParams, `${name}: textDocument.uri is required`);
        }
        const r = fn(p);
        return r instanceof Promise ? r.catch(failed) : r;
      } catch (err) {
        return failed(err);
      }
    };
  }

  function docFor(uri: string): TextDocument {
    const d = documents.get(uri);
    if (!d) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}`);
    return d;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    editorLocale = localeFrom(params.locale);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown; trusted?: unknown; hoverFindings?: unknown } | undefined;
    if (init?.trusted === false) trusted = false;
    if (init?.hoverFindings === false) hoverFindings = false;
    if (init?.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'elb-lint', version: require('../../package.json').version as string },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'elbLint' }).catch(() => undefined);
      void refreshSettings().then(relintAll);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void refreshSettings().then(relintAll);
    else {
      const s = (change.settings as { elbLint?: unknown } | undefined)?.elbLint;
      if (s) applySettings(s);
      relintAll();
    }
  });

  connection.onDidChangeWatchedFiles(() => relintAll());

  documents.onDidOpen((e) => schedule(e.document, true));
  documents.onDidChangeContent((e) => {
    if (settings.run === 'onSave') {
      cache.delete(e.document.uri);
      return;
    }
    schedule(e.document);
    schedulePeers(e.document);
  });
  documents.onDidSave((e) => {
    if (path.basename(fsPath(e.document.uri) ?? '').startsWith('.elb-lint.')) relintAll();
    else if (settings.run === 'onSave') schedule(e.document, true);
  });
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    if (onWorker.delete(e.document.uri)) void worker?.request({ type: 'forget', uri: e.document.uri });
    claims.delete(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guard('hover', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc)) return null;
      const offset = doc.offsetAt(p.position);
      const far = await ask(doc, 'hover', offset);
      return far ? (far.value as Hover | null) : hoverAt(lint(doc), offset, locale(), hoverFindings);
    }, null),
  );
  connection.onCompletion(
    guard('completion', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc)) return [];
      const offset = doc.offsetAt(p.position);
      const far = await ask(doc, 'completion', offset);
      return far ? (far.value as CompletionItem[]) : completionsAt(lint(doc), offset, locale());
    }, []),
  );
  connection.onCodeAction(
    guard('codeAction', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc) || !settings.enable) return [];
      const far = await ask(doc, 'codeAction', 0, { params: p });
      return far ? (far.value as CodeAction[]) : codeActions(lint(doc), p, locale());
    }, []),
  );
  connection.onDefinition(
    guard('definition', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc)) return null;
      const offset = doc.offsetAt(p.position);
      const far = await ask(doc, 'definition', offset);
      return far ? (far.value as Location | null) : definitionAt(lint(doc), doc.uri, offset);
    }, null),
  );
  connection.onReferences(
    guard('references', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc)) return [];
      const offset = doc.offsetAt(p.position);
      const far = await ask(doc, 'references', offset, { includeDeclaration: p.context.includeDeclaration });
      return far ? (far.value as Location[]) : referencesAt(lint(doc), doc.uri, offset, p.context.includeDeclaration);
    }, []),
  );
  connection.onDocumentSymbol(
    guard('documentSymbol', async (p) => {
      const doc = docFor(p.textDocument.uri);
      if (!isOurs(doc)) return [];
      const far = await ask(doc, 'documentSymbol', 0);
      return far ? (far.value as DocumentSymbol[]) : documentSymbols(lint(doc));
    }, []),
  );

  // The topology view (`elbLint/topology`): the laid-out graph of a document.
  registerTopology(connection, {
    lint: (uri) => {
      const doc = documents.get(uri);
      return doc && settings.enable && isOurs(doc) ? { result: lint(doc), version: doc.version, options: { locale: locale(), ...configFor(doc) } } : undefined;
    },
    locale,
  });

  documents.listen(connection);
  connection.listen();
}
