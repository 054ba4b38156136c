// Language server, wiring: an LSP connection (stdio in src/cli/lsp.ts, any stream in tests) ->
// the features. Keeps the open documents, analyses each changed one (analysis.ts) once its edits
// have arrived, publishes every document's diagnostics with the version they were computed for,
// and answers hover, completion, names, formatting and code lenses from the analyses.
import { fileURLToPath } from 'node:url';
import {
  CodeLens,
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type Location,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedContract } from '../check/checked-contract.js';
import type { Contract } from '../contract/model.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { analyse, coversUnmappedScalar, exprAt, type Analysis, type NameIndex } from './analysis.js';
import { contractLenses, type Lens, type TestRunner } from './code-lens.js';
import { completeAt } from './completion.js';
import { formatEdit } from './formatting.js';
import { hoverAt } from './hover.js';
import { offsetAt, rangeOf } from './positions.js';
import { builtInKind, symbolAt } from './symbols.js';
import { wordAt } from './words.js';
import { occurrences, workspaceRenameProblem, type HomeSymbol } from './workspace-symbols.js';
import { workspaceDiagnostics, type SourcesChecker } from './workspace-diagnostics.js';

export interface ServerOptions {
  /** Runs a contract's own tests for the code lenses; without it only KPI lenses are shown. */
  readonly runTests?: TestRunner;
  /** Checks sources files (SPEC 9) against the open contracts; without it they get no diagnostics. */
  readonly checkSources?: SourcesChecker;
}

/** The last state of a contract that loaded: hover and completion use it while the text does not. */
interface GoodState {
  readonly contract: Contract;
  readonly index: NameIndex;
  readonly checked?: CheckedContract;
}

/** A request (not LSP) for benches: the server's memory (heapUsed after a full GC when started with --expose-gc) and CPU time so far. */
export const MEMORY_REQUEST = 'attain/memory';

/** The command a lens runs: the tests again, then the lenses are refreshed. */
export const RUN_TESTS_COMMAND = 'attain.runTests';

/** The file path spans name for a document URI (`file:` URIs as paths, others as they are). */
export function pathOfUri(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** Start serving on a connection; returns when the handlers are installed (call `listen` after). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  const uriOf = new Map<string, string>();
  const lastGood = new Map<string, GoodState>();
  const published = new Map<string, string>();
  const lensCache = new Map<string, { version: number; lenses: Lens[] }>();
  const dirty = new Set<string>();
  let scheduled = false;
  let lensRefresh = false;

  const safely = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (error) {
      // A bug in attain must not take the editor's server down: log it and answer nothing.
      connection.console.error(`attain lsp: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };

  const analyseNow = (uri: string): void => {
    const doc = documents.get(uri);
    if (doc === undefined) return;
    const path = pathOfUri(uri);
    const a = safely('analysis', undefined, () => analyse(path, doc.getText()));
    if (a === undefined) return;
    analyses.set(path, a);
    uriOf.set(path, uri);
    if (a.contract !== undefined && a.index !== undefined) {
      lastGood.set(uri, { contract: a.contract, index: a.index, ...(a.checked === undefined ? {} : { checked: a.checked }) });
    }
  };

  /** Analyse every changed document, then publish what changed for every open document. */
  const flush = (): void => {
    scheduled = false;
    if (dirty.size === 0) return;
    for (const uri of dirty) analyseNow(uri);
    dirty.clear();
    const all = safely('diagnostics', new Map<string, Diagnostic[]>(), () => workspaceDiagnostics(analyses, options.checkSources));
    for (const [path, a] of analyses) {
      const uri = uriOf.get(path) ?? path;
      const doc = documents.get(uri);
      if (doc === undefined) continue;
      const diagnostics = (all.get(path) ?? []).filter((d) => d.span.file === path).map((d) => toLsp(a, d));
      const key = `${doc.version}\n${JSON.stringify(diagnostics)}`;
      if (published.get(uri) === key) continue;
      published.set(uri, key);
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    }
    if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  const touch = (uri: string): void => {
    dirty.add(uri);
    if (!scheduled) {
      scheduled = true;
      // Edits arrive one message each while typing: analyse once they have all been read.
      setImmediate(flush);
    }
  };

  /** The analysis of a document as its text is now (pending edits analysed first). */
  const current = (uri: string): Analysis | undefined => {
    if (dirty.size > 0) flush();
    return analyses.get(pathOfUri(uri));
  };

  connection.onInitialize((params): InitializeResult => {
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [RUN_TESTS_COMMAND] },
      },
      serverInfo: { name: 'attain', version: '0.1.0' },
    };
  });

  documents.onDidOpen((e) => touch(e.document.uri));
  documents.onDidChangeContent((e) => touch(e.document.uri));
  documents.onDidClose((e) => {
    const path = pathOfUri(e.document.uri);
    analyses.delete(path);
    lastGood.delete(e.document.uri);
    lensCache.delete(e.document.uri);
    published.delete(e.document.uri);
    dirty.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // Data files bound to the closed contract (and duplicate ids) change with it.
    for (const uri of uriOf.values()) if (uri !== e.document.uri && documents.get(uri) !== undefined) touch(uri);
    uriOf.delete(path);
  });

  connection.onHover(({ textDocument, position }) =>
    safely('hover', null, () => {
      const a = current(textDocument.uri);
      if (a === undefined || a.kind !== 'contract') return null;
      const good = lastGood.get(textDocument.uri);
      if (good === undefined) return null;
      const isCurrent = a.contract !== undefined;
      const offset = offsetAt(a.file, position);
      const info = hoverAt(a.file.text, offset, good.contract, good.index, good.checked, isCurrent);
      return info === undefined ? null : { contents: { kind: 'markdown', value: info.markdown }, range: rangeOf(a.file, info.span) };
    }),
  );

  connection.onCompletion(({ textDocument, position }) =>
    safely('completion', [], () => {
      const a = current(textDocument.uri);
      if (a === undefined || a.kind !== 'contract') return [];
      const good = lastGood.get(textDocument.uri);
      const model = good === undefined ? undefined : { contract: good.contract, index: good.index, current: a.contract !== undefined };
      return completeAt(a.file.text, offsetAt(a.file, position), model);
    }),
  );

  /** The declared name at a position: in a contract, or a metric key of a data file (then its open contract's metric). */
  const symbolFor = (uri: string, position: { line: number; character: number }): (HomeSymbol & { offset: number }) | undefined => {
    const a = current(uri);
    if (a === undefined) return undefined;
    const offset = offsetAt(a.file, position);
    if (a.index !== undefined) {
      const symbol = symbolAt(a.index, offset);
      return symbol === undefined ? undefined : { home: a, symbol, offset };
    }
    if (a.kind !== 'data') return undefined;
    const word = wordAt(a.file.text, offset);
    if (word === undefined) return undefined;
    for (const path of [...analyses.keys()].sort()) {
      const c = analyses.get(path) as Analysis;
      const symbol = c.index?.declared.get(word.text);
      if (symbol?.kind === 'metric' && occurrences(analyses, { home: c, symbol }, false).some((s) => s.file === a.file.path && s.start === word.start)) {
        return { home: c, symbol, offset };
      }
    }
    return undefined;
  };

  const locationOf = (span: Span): Location | undefined => {
    const a = analyses.get(span.file);
    return a === undefined ? undefined : { uri: uriOf.get(span.file) ?? span.file, range: rangeOf(a.file, span) };
  };
  const located = (spans: readonly Span[]): Location[] => spans.flatMap((s) => locationOf(s) ?? []);

  connection.onDefinition(({ textDocument, position }) =>
    safely('definition', null, () => {
      const found = symbolFor(textDocument.uri, position);
      return found === undefined ? null : (locationOf(found.symbol.span) ?? null);
    }),
  );

  connection.onReferences(({ textDocument, position, context }) =>
    safely('references', [], () => {
      const found = symbolFor(textDocument.uri, position);
      if (found === undefined) return [];
      const all = occurrences(analyses, found, context.includeDeclaration);
      // The symbol's own declaration first, as before; the other versions' declarations among the rest.
      const own = all.filter((s) => s === found.symbol.span);
      return located([...own, ...all.filter((s) => s !== found.symbol.span)]);
    }),
  );

  connection.onPrepareRename(({ textDocument, position }) => {
    const found = safely('prepareRename', undefined, () => symbolFor(textDocument.uri, position));
    if (found === undefined) {
      // A keyword or built-in inside an expression gets a reason; any other place just nothing.
      const a = analyses.get(pathOfUri(textDocument.uri));
      const offset = a === undefined ? 0 : offsetAt(a.file, position);
      const inExpr = a?.index !== undefined && exprAt(a.index, offset) !== undefined;
      const word = a === undefined || !inExpr ? undefined : wordAt(a.file.text, offset);
      const builtIn = word === undefined ? undefined : builtInKind(word.text);
      if (builtIn !== undefined) return new ResponseError(ErrorCodes.InvalidRequest, `"${word?.text ?? ''}" is ${builtIn}: it cannot be renamed`);
      return null;
    }
    return safely('prepareRename', null, () => {
      const here = occurrences(analyses, found, true).find((s) => s.file === pathOfUri(textDocument.uri) && s.start <= found.offset && found.offset <= s.end) ?? found.symbol.span;
      const a = analyses.get(here.file);
      return a === undefined ? null : { range: rangeOf(a.file, here), placeholder: found.symbol.name };
    });
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const found = safely('rename', undefined, () => symbolFor(textDocument.uri, position));
    if (found === undefined) return new ResponseError(ErrorCodes.InvalidRequest, 'nothing to rename here: put the cursor on a metric, define or KPI id');
    const problem = workspaceRenameProblem(analyses, found, newName);
    if (problem !== undefined) return new ResponseError(ErrorCodes.InvalidRequest, problem);
    const changes: Record<string, TextEdit[]> = {};
    for (const s of occurrences(analyses, found, true)) {
      const where = locationOf(s);
      if (where !== undefined) (changes[where.uri] ??= []).push({ range: where.range, newText: newName });
    }
    return { changes };
  });

  connection.onDocumentFormatting(({ textDocument }) =>
    safely('formatting', [], () => {
      const a = current(textDocument.uri);
      if (a === undefined || a.kind !== 'contract') return [];
      const edit = formatEdit(a.file);
      return edit === undefined ? [] : [{ range: rangeOf(a.file, { file: a.file.path, start: edit.start, end: edit.end }), newText: edit.text }];
    }),
  );

  connection.onCodeLens(({ textDocument }) =>
    safely('codeLens', [], () => {
      const a = current(textDocument.uri);
      const doc = documents.get(textDocument.uri);
      if (a?.checked === undefined || doc === undefined) return [];
      const cached = lensCache.get(textDocument.uri);
      const lenses = cached?.version === doc.version ? cached.lenses : contractLenses(a.checked, options.runTests);
      lensCache.set(textDocument.uri, { version: doc.version, lenses });
      return lenses.map((l) => CodeLens.create(rangeOf(a.file, l.span), undefined)).map((lens, i) => ({
        ...lens,
        command: { title: lenses[i]?.title ?? '', command: RUN_TESTS_COMMAND, arguments: [textDocument.uri] },
      }));
    }),
  );

  connection.onExecuteCommand(({ command, arguments: args }) => {
    if (command !== RUN_TESTS_COMMAND) return null;
    const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
    if (uri !== undefined) lensCache.delete(uri);
    if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    return null;
  });

  // bench/lsp.mjs: the server's own memory, after a full collection when node runs with --expose-gc.
  connection.onRequest(MEMORY_REQUEST, () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, cpuMicros: cpu.user + cpu.system, collected: typeof (globalThis as { gc?: unknown }).gc === 'function' };
  });

  documents.listen(connection);
}

function toLsp(a: Analysis, d: Diagnostic): LspDiagnostic {
  const hint = d.hint === undefined ? '' : `\nhint: ${d.hint}`;
  const unmapped = coversUnmappedScalar(a.index, d.span) ? '\n(marks the whole scalar: the position inside this folded scalar cannot be mapped exactly)' : '';
  return {
    range: rangeOf(a.file, d.span),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'attain',
    message: d.message + hint + unmapped,
  };
}
