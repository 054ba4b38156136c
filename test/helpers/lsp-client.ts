// Drives the real `attain lsp --stdio` (bin/attain.js, the compiled dist/) over stdio with
// vscode-jsonrpc, as an editor would: initialize, open/change/close documents, requests, and the
// diagnostics the server publishes, waited for by document version (never by time).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

export interface Position {
  readonly line: number;
  readonly character: number;
}
export interface Range {
  readonly start: Position;
  readonly end: Position;
}
export interface LspDiagnostic {
  readonly range: Range;
  readonly code?: string | number;
  readonly message: string;
  readonly severity?: number;
}
interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly LspDiagnostic[];
}

export interface LspClient {
  readonly connection: MessageConnection;
  /** Open a document (version 1); resolves to its first diagnostics. */
  open(path: string, text: string): Promise<readonly LspDiagnostic[]>;
  /** Open without waiting (many documents whose diagnostics depend on each other). */
  openOnly(path: string, text: string): void;
  /** Replace [start, end) with text; returns the new version. */
  edit(path: string, range: Range, text: string): number;
  /** Replace the whole text; returns the new version. */
  replace(path: string, text: string): number;
  close(path: string): void;
  /** The diagnostics published for a version of a document (or later). */
  diagnostics(path: string, version?: number): Promise<readonly LspDiagnostic[]>;
  /** The last diagnostics published for a document, whatever their version. */
  latest(path: string): readonly LspDiagnostic[] | undefined;
  request<R>(method: string, params: object): Promise<R>;
  readonly exited: () => boolean;
  stop(): Promise<void>;
}

export const uriOf = (path: string): string => pathToFileURL(resolve(path)).href;

/** Start the server (`attain lsp --stdio`, or `attain lsp` when `stdioFlag` is false) and initialize it. */
export async function startLsp(stdioFlag = true): Promise<LspClient> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [resolve('bin/attain.js'), 'lsp', ...(stdioFlag ? ['--stdio'] : [])], {
    stdio: 'pipe',
  });
  let exited = false;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.on('exit', () => {
    exited = true;
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const versions = new Map<string, number>();
  const published = new Map<string, Published>();
  const waiters: { uri: string; version: number; done: (p: Published) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && (p.version ?? 0) >= w.version) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(p);
      }
    }
  });
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onNotification('window/logMessage', (m: { message: string }) => {
    stderr += `${m.message}\n`;
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf('.'),
    capabilities: { workspace: { codeLens: { refreshSupport: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification('initialized', {});

  const diagnostics = (path: string, version?: number): Promise<readonly LspDiagnostic[]> => {
    const uri = uriOf(path);
    const want = version ?? versions.get(uri) ?? 1;
    const have = published.get(uri);
    if (have !== undefined && (have.version ?? 0) >= want) return Promise.resolve(have.diagnostics);
    return new Promise((done, fail) => {
      if (exited) fail(new Error(`server exited: ${stderr}`));
      waiters.push({ uri, version: want, done: (p) => done(p.diagnostics) });
    });
  };
  const send = (path: string, changes: object[]): number => {
    const uri = uriOf(path);
    const version = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, version);
    void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  };
  const openOnly = (path: string, text: string): void => {
    const uri = uriOf(path);
    versions.set(uri, 1);
    void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  };
  return {
    connection,
    openOnly,
    open(path, text) {
      openOnly(path, text);
      return diagnostics(path, 1);
    },
    edit: (path, range, text) => send(path, [{ range, text }]),
    replace: (path, text) => send(path, [{ text }]),
    close(path) {
      const uri = uriOf(path);
      versions.delete(uri);
      published.delete(uri);
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics,
    latest: (path) => published.get(uriOf(path))?.diagnostics,
    request: <R>(method: string, params: object) => connection.sendRequest<R>(method, params),
    exited: () => exited,
    async stop() {
      if (!exited) {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      }
      connection.dispose();
      await new Promise<void>((done) => (exited ? done() : child.on('exit', () => done())));
    },
  };
}
