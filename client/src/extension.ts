import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { TopologyView } from './topology';

/**
 * The thin VS Code side of elb-lint: start the language server, forward settings, and offer
 * two commands. Every check, fix, hover and completion comes from the server.
 */

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;

const CONFIG_GLOB = '**/.elb-lint.{yaml,yml,json}';

function isElbDocument(doc: vscode.TextDocument | undefined): boolean {
  return !!doc && /\.elb\.(ya?ml|json)$/i.test(doc.fileName);
}

function updateStatus(): void {
  if (!status) return;
  const doc = vscode.window.activeTextEditor?.document;
  if (!isElbDocument(doc)) {
    status.hide();
    return;
  }
  const diags = vscode.languages.getDiagnostics(doc!.uri).filter((d) => d.source === 'elb-lint');
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const others = diags.length - errors;
  status.text = errors ? `$(error) ELB Lint ${errors}` : others ? `$(warning) ELB Lint ${others}` : '$(check) ELB Lint';
  status.tooltip = vscode.l10n.t('elb-lint: {0} errors, {1} other findings in this file', errors, others);
  status.show();
}

async function showRuleDocumentation(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  let id: string | undefined;
  if (editor) {
    const here = vscode.languages
      .getDiagnostics(editor.document.uri)
      .find((d) => d.source === 'elb-lint' && d.range.contains(editor.selection.active));
    const code = here?.code;
    id = typeof code === 'object' && code ? String(code.value) : code !== undefined ? String(code) : undefined;
  }
  if (!id) {
    const pages = await vscode.workspace.fs.readDirectory(vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules'))));
    const ids = pages.map(([name]) => name).filter((n) => /^ELB\d{3}\.md$/.test(n)).map((n) => n.slice(0, 6)).sort();
    id = await vscode.window.showQuickPick(ids, { placeHolder: vscode.l10n.t('Which rule?') });
  }
  if (!id) return;
  const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ELB Lint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      // Terraform (beside the HashiCorp extension, which owns the language; `.tf` also without it).
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
    ],
    synchronize: {
      configurationSection: 'elbLint',
      fileEvents: vscode.workspace.createFileSystemWatcher(CONFIG_GLOB),
    },
    initializationOptions: {
      settings: vscode.workspace.getConfiguration('elbLint'),
      // Limited mode in untrusted workspaces: no workspace configuration files, no custom globs.
      trusted: vscode.workspace.isTrusted,
      // VS Code shows the diagnostics under the cursor in the hover already.
      hoverFindings: false,
    },
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'elb-lint',
  };
  client = new LanguageClient('elbLint', 'ELB Lint', serverOptions, clientOptions);

  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'elbLint.showOutput';
  context.subscriptions.push(
    status,
    output,
    vscode.commands.registerCommand('elbLint.showRuleDocumentation', () => showRuleDocumentation(context)),
    vscode.commands.registerCommand('elbLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('elbLint.restart', async () => {
      await client?.restart();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    ...topologyCommand(context, clientOptions),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      await activateClient();
    }),
  );

  async function activateClient(): Promise<void> {
    if (!client) return;
    await client.start();
    output.appendLine(vscode.l10n.t('elb-lint language server started ({0})', vscode.workspace.isTrusted ? 'trusted' : 'limited mode'));
    updateStatus();
  }
  await activateClient();
}

/** "ELB Lint: Show Topology" (client/src/topology.ts): documents of the client's selector. */
function topologyCommand(context: vscode.ExtensionContext, options: LanguageClientOptions): vscode.Disposable[] {
  const view = new TopologyView(context, () => client, (doc) => vscode.languages.match((options.documentSelector ?? []) as vscode.DocumentSelector, doc) > 0);
  return [view, vscode.commands.registerCommand('elbLint.showTopology', () => view.show())];
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
