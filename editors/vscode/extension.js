// The VS Code extension for attain contracts: starts `attain lsp --stdio` (the command is the
// `attain.command` setting) as the language server for YAML, CSV and JSON files of the workspace.
// Bundled with vscode-languageclient into dist/extension.js by scripts/package-vscode.mjs.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** Start the server when VS Code activates the extension. */
function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('attain').get('command') ?? ['attain', 'lsp', '--stdio'];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const run = { command, args, transport: TransportKind.stdio, options: folder === undefined ? {} : { cwd: folder, shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'attain',
    'attain',
    { run, debug: run },
    {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', pattern: '**/*.csv' },
        { scheme: 'file', pattern: '**/*.json' },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

/** Stop the server with the extension. */
function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
