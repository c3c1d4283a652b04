import { isMainThread } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { ensureTerraformParser } from '../engine/parse/hcl';
import { startServer } from './server';

/** `elb-lint-ls --stdio` (or `--node-ipc`, `--socket=N`): the transport comes from the arguments. */
export function main(): void {
  // The bundled server (dist/server.js) is also the script of its lint worker thread: nothing to start there.
  if (!isMainThread) return;
  const argv = process.argv.slice(2);
  if (argv.includes('--version')) {
    process.stdout.write(`${require('../../package.json').version as string}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('Usage: elb-lint-ls --stdio | --node-ipc | --socket=PORT\n\nThe elb-lint language server for Huawei Cloud ELB configurations.\n');
    return;
  }
  if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write('elb-lint-ls: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
    process.exitCode = 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // Errors inside a handler are answered as LSP errors; anything that escapes is logged, not fatal.
  process.on('uncaughtException', (err) => connection.console.error(`elb-lint: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`elb-lint: ${String(err)}`));
  // Terraform files need the HCL parser (WebAssembly, loaded asynchronously) before the first lint.
  void ensureTerraformParser().then(() => startServer(connection));
}


