import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * "ELB Lint: Show Topology": a webview beside the editor with the picture of the active
 * configuration (from the server's `elbLint/topology`), redrawn as the user types. Clicking a node
 * reveals the object in the editor; a node's findings offer their quick fixes, which are the
 * server's own code actions for that range.
 *
 * The webview follows VS Code's rules: a Content-Security-Policy that allows only the extension's
 * stylesheet and one script with a nonce, no remote resources, colours from the theme.
 */

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface TopologyFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixes: string[];
  location?: Loc;
}
interface TopologyNode {
  id: string;
  kind: string;
  label: string[];
  severity?: string;
  relatedSeverity?: string;
  location?: Loc;
  findings: TopologyFinding[];
  related: TopologyFinding[];
}
interface TopologyResult {
  uri: string;
  version: number;
  svg: string;
  width: number;
  height: number;
  nodes: TopologyNode[];
  unplaced: TopologyFinding[];
  counts: { errors: number; warnings: number; infos: number };
}

type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; nodeId: string }
  | { type: 'revealFinding'; nodeId: string; list: 'findings' | 'related' | 'unplaced'; index: number }
  | { type: 'fix'; nodeId: string; list: 'findings' | 'related' | 'unplaced'; index: number; title: string };

const REFRESH_MS = 300;

function strings(): Record<string, string> {
  return {
    empty: vscode.l10n.t('Open an ELB configuration to see its topology.'),
    notOurs: vscode.l10n.t('This file is not an ELB configuration elb-lint reads.'),
    failed: vscode.l10n.t('The topology could not be drawn: {0}'),
    loading: vscode.l10n.t('Drawing…'),
    findings: vscode.l10n.t('Findings'),
    related: vscode.l10n.t('Findings elsewhere that concern this object'),
    unplaced: vscode.l10n.t('Findings on objects not drawn'),
    noFindings: vscode.l10n.t('No findings on this object.'),
    fit: vscode.l10n.t('Fit'),
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    counts: vscode.l10n.t('errors {0} · warnings {1} · info {2}'),
    reveal: vscode.l10n.t('Go to'),
    hint: vscode.l10n.t('Click an object to go to it in the editor and see its findings.'),
  };
}

export class TopologyView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: vscode.Uri | undefined;
  private last: TopologyResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly accepts: (doc: vscode.TextDocument) => boolean,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && this.panel && this.accepts(e.document) && e.document.uri.toString() !== this.current?.toString()) {
          this.current = e.document.uri;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document.uri.toString() === this.current?.toString()) this.schedule(REFRESH_MS);
      }),
      // Diagnostics change without an edit too (settings, .elb-lint.yaml, another file of a group):
      // redraw unless the picture already shows this version with as many findings.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const cur = this.current;
        if (!this.panel || !cur || !e.uris.some((u) => u.toString() === cur.toString())) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === cur.toString());
        const shown = this.last ? this.last.counts.errors + this.last.counts.warnings + this.last.counts.infos : -1;
        const now = vscode.languages.getDiagnostics(cur).filter((d) => d.source === 'elb-lint').length;
        if (this.last && doc && this.last.version === doc.version && shown === now) return;
        this.schedule(REFRESH_MS);
      }),
    );
  }

  /** The command: open (or bring forward) the view beside the active editor. */
  show(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && this.accepts(editor.document)) this.current = editor.document.uri;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.schedule(0);
      return;
    }
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'media');
    this.panel = vscode.window.createWebviewPanel('elbLint.topology', vscode.l10n.t('ELB Topology'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'topology-icon.svg');
    this.panel.webview.html = this.html(this.panel.webview, media);
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      this.last = undefined;
    }, null, this.disposables);
    this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m), null, this.disposables);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'topology.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'topology.js'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${css}">
<title>ELB Topology</title>
</head>
<body>
<header class="bar">
  <span class="file" id="file"></span>
  <span class="counts" id="counts"></span>
  <span class="spacer"></span>
  <button id="zoom-out" type="button">−</button>
  <button id="zoom-fit" type="button"></button>
  <button id="zoom-in" type="button">+</button>
</header>
<div class="layout">
  <main id="canvas" class="canvas" tabindex="-1"><p class="message" id="message"></p></main>
  <aside id="details" class="details"></aside>
</div>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }

  private post(message: unknown): void {
    void this.panel?.webview.postMessage(message);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private async refresh(): Promise<void> {
    if (!this.panel) return;
    const uri = this.current;
    if (!uri) {
      this.post({ type: 'message', text: strings().empty });
      return;
    }
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.schedule(500);
      return;
    }
    const seq = ++this.seq;
    try {
      const result = await client.sendRequest<TopologyResult | null>('elbLint/topology', { textDocument: { uri: uri.toString() } });
      if (seq !== this.seq || !this.panel) return; // a newer request is on its way
      this.last = result ?? undefined;
      const name = uri.path.split('/').pop() ?? uri.toString();
      if (!result) {
        this.post({ type: 'message', file: name, text: strings().notOurs });
        return;
      }
      this.panel.title = vscode.l10n.t('ELB Topology: {0}', name);
      this.post({ type: 'update', file: name, result: { ...result, uri: undefined } });
    } catch (err) {
      if (seq !== this.seq) return;
      this.post({ type: 'message', text: strings().failed.replace('{0}', err instanceof Error ? err.message : String(err)) });
    }
  }

  private findingOf(m: { nodeId: string; list: 'findings' | 'related' | 'unplaced'; index: number }): TopologyFinding | undefined {
    if (!this.last) return undefined;
    if (m.list === 'unplaced') return this.last.unplaced[m.index];
    return this.last.nodes.find((n) => n.id === m.nodeId)?.[m.list][m.index];
  }

  private async onMessage(m: FromWebview): Promise<void> {
    if (m.type === 'ready') {
      this.post({ type: 'strings', strings: strings() });
      this.schedule(0);
    } else if (m.type === 'reveal') {
      const node = this.last?.nodes.find((n) => n.id === m.nodeId);
      if (node?.location) await this.reveal(node.location);
    } else if (m.type === 'revealFinding') {
      const f = this.findingOf(m);
      if (f?.location) await this.reveal(f.location);
    } else if (m.type === 'fix') {
      const f = this.findingOf(m);
      if (f?.location) await this.applyFix(f.location, m.title);
    }
  }

  /** Show the object in the editor the view follows (never in the view's own column). */
  private async reveal(loc: Loc): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.parse(loc.uri);
    const range = new vscode.Range(loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character);
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = open?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** Apply the quick fix of this title that the language server offers at the finding. */
  private async applyFix(loc: Loc, title: string): Promise<void> {
    const editor = await this.reveal(loc);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      editor.selection,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions?.find((a) => a.title === title);
    if (!action) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The fix "{0}" is no longer offered here.', title));
      return;
    }
    if (typeof (action as vscode.Command).command === 'string') {
      const c = action as vscode.Command;
      await vscode.commands.executeCommand(c.command, ...(c.arguments ?? []));
    } else {
      const a = action as vscode.CodeAction;
      if (a.edit) await vscode.workspace.applyEdit(a.edit);
      if (a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
    }
    this.schedule(0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
