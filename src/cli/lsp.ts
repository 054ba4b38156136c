// `attain lsp [--stdio]`: the language server (src/lsp) on stdin/stdout, with the contract tests
// runner of `attain test` (code lenses) and validate's sources check injected (src/lsp may not
// import src/pipeline).
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { runContractTests } from '../pipeline/contract-tests/contract-tests.js';
import { validateSourcesFile } from '../pipeline/validate/validate-sources.js';
import { startServer } from '../lsp/server.js';

/** Serve LSP 3.17 over stdio until the client sends `exit` (or closes stdin). */
export async function runLsp(): Promise<number> {
  // Both `attain lsp` and `attain lsp --stdio` speak over stdio: the streams are given explicitly.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection, { runTests: runContractTests, checkSources: validateSourcesFile });
  const closed = new Promise<number>((resolve) => {
    connection.onExit(() => resolve(0));
    process.stdin.on('end', () => resolve(0));
  });
  connection.listen();
  return closed;
}
