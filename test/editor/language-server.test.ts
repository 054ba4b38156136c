// The shipped JSON Schema in a real editor backend: yaml-language-server over stdio (the server
// VS Code, Neovim, Helix and others run), driven with vscode-jsonrpc as a client would. The schema
// is associated with the contract by the `yaml.schemas` setting (a file: URI, no network, no
// schema store). The server must report the misspelled key and the wrong enum value where
// `attain validate` reports them, and complete the keys of a KPI.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { lineColAt } from '../../src/diagnostics/source.js';
import { validatePaths } from '../../src/pipeline/validate/validate.js';

const SERVER = resolve('node_modules/yaml-language-server/bin/yaml-language-server');
const SCHEMA_URI = pathToFileURL(resolve('schema/contract.schema.json')).href;
const FIXTURE = 'test/editor/fixtures/typos.yaml';
const FIXTURE_URI = pathToFileURL(resolve(FIXTURE)).href;
const COMPLETION_URI = pathToFileURL(resolve('test/editor/fixtures/completion.yaml')).href;
const TEXT = readFileSync(FIXTURE, 'utf8');
const STEP_MS = 8_000;

interface Position {
  readonly line: number;
  readonly character: number;
}
interface LspDiagnostic {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly message: string;
  readonly severity?: number;
}
interface CompletionItem {
  readonly label: string;
  readonly documentation?: string | { readonly value: string };
}

const SETTINGS = {
  validate: true,
  completion: true,
  hover: true,
  schemas: { [SCHEMA_URI]: ['test/editor/fixtures/*.yaml'] },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};

function within<T>(promise: Promise<T>, what: string, ms = STEP_MS): Promise<T> {
  return new Promise<T>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        ok(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        fail(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** 0-based position of the first occurrence of `needle` (LSP coordinates). */
function find(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in the fixture`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 };
}

describe('yaml-language-server with the shipped contract schema', () => {
  let server: ChildProcessWithoutNullStreams | undefined;
  let connection: MessageConnection | undefined;
  const published = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  const stderr: string[] = [];

  const rpc = (): MessageConnection => {
    if (connection === undefined) throw new Error('the language server is not running');
    return connection;
  };

  /** Open a document and resolve with the first non-empty diagnostics published for it. */
  const openAndWait = (uri: string, text: string): Promise<LspDiagnostic[]> => {
    const diagnostics = new Promise<LspDiagnostic[]>((ok) => published.set(uri, ok));
    void rpc().sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return within(diagnostics, `diagnostics for ${uri} (server stderr: ${stderr.join('').slice(-500)})`);
  };

  beforeAll(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    server.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    server.on('error', (e) => stderr.push(`spawn failed: ${e.message}`)); // surfaces through the timeouts below
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const configured = new Promise<void>((ok) => {
      connection?.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
        ok();
        return params.items.map((item) => (item.section === 'yaml' ? SETTINGS : {}));
      });
    });
    connection.onRequest(() => null); // any other server -> client request (progress, registration)
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: LspDiagnostic[] }) => {
      if (p.diagnostics.length === 0) return;
      published.get(p.uri)?.(p.diagnostics);
    });
    connection.onNotification(() => undefined); // telemetry, logs
    connection.listen();
    await within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(resolve('.')).href,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            publishDiagnostics: { relatedInformation: false },
            completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext', 'markdown'] } },
            hover: { contentFormat: ['plaintext', 'markdown'] },
          },
        },
        workspaceFolders: null,
      }),
      'initialize',
    );
    await connection.sendNotification('initialized', {});
    await within(configured, 'the server to pull its configuration');
  }, 15_000);

  afterAll(async () => {
    const c = connection;
    const s = server;
    connection = undefined;
    server = undefined;
    if (c !== undefined) {
      try {
        await within(c.sendRequest('shutdown'), 'shutdown', 2_000);
        await c.sendNotification('exit');
      } catch {
        // the server is killed below either way
      }
      c.dispose();
    }
    if (s !== undefined && s.exitCode === null) s.kill('SIGKILL');
  });

  it('reports the misspelled key and the wrong enum value where attain validate does', async () => {
    const diagnostics = await openAndWait(FIXTURE_URI, TEXT);
    const at = (d: LspDiagnostic): string => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

    const taget = find(TEXT, 'taget');
    const unknownKey = diagnostics.find((d) => /taget/.test(d.message));
    expect(unknownKey, JSON.stringify(diagnostics)).toBeDefined();
    expect(at(unknownKey!)).toBe(`${taget.line}:${taget.character}-${taget.line}:${taget.character + 'taget'.length}`);

    const monthly = find(TEXT, 'monthly');
    const enumValue = diagnostics.find((d) => d.range.start.line === monthly.line);
    expect(enumValue, JSON.stringify(diagnostics)).toBeDefined();
    expect(enumValue!.message).toMatch(/month|quarter/);
    expect(at(enumValue!)).toBe(`${monthly.line}:${monthly.character}-${monthly.line}:${monthly.character + 'monthly'.length}`);

    // The command line reports the same two mistakes at the same places (1-based there).
    const run = await validatePaths([FIXTURE]);
    const file = run.sources.get(FIXTURE)!;
    const cli = run.diagnostics.map((d) => {
      const p = lineColAt(file, d.span.start);
      return `${d.code} ${p.line - 1}:${p.column - 1}`;
    });
    expect(cli).toEqual(expect.arrayContaining([`E010 ${taget.line}:${taget.character}`, `E013 ${monthly.line}:${monthly.character}`]));
  });

  it('completes the keys of a KPI, with their descriptions', async () => {
    // A blank line inside the KPI `many_leads`, indented like its keys, with the cursor at its end.
    const weight = find(TEXT, '    weight: 100%');
    const lines = TEXT.split('\n');
    lines.splice(weight.line + 1, 0, '    ');
    const text = lines.join('\n');
    await openAndWait(COMPLETION_URI, text);
    const result = await within(
      rpc().sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: COMPLETION_URI },
        position: { line: weight.line + 1, character: 4 },
      }),
      'completion',
    );
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['target', 'description', 'from_period', 'until_period', 'on_no_data', 'attainment', 'cap']));
    expect(labels).not.toContain('weight'); // already present
    expect(labels).not.toContain('contract'); // a top-level key, not a KPI key
    const target = items.find((i) => i.label === 'target');
    const doc = typeof target?.documentation === 'string' ? target.documentation : (target?.documentation?.value ?? '');
    expect(doc).toMatch(/boolean/i);
  });

  it('explains a key on hover with its title and description', async () => {
    const weight = find(TEXT, 'weight:');
    const hover = await within(
      rpc().sendRequest<{ contents: { value: string } | string } | null>('textDocument/hover', {
        textDocument: { uri: FIXTURE_URI },
        position: { line: weight.line, character: weight.character + 2 },
      }),
      'hover',
    );
    const contents = hover === null ? '' : typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
    expect(contents).toMatch(/Weight/);
    expect(contents).toMatch(/100%/);
  });
});
