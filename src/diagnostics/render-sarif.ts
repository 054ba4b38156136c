// SARIF 2.1.0 rendering of diagnostics (GitHub code scanning, Azure DevOps, IDE viewers), built
// with node-sarif-builder: one run of the tool `attain`, a rule per code used (id = code, name and
// title from the registry), a result per finding with a region in 1-based lines and UTF-16 columns
// (end exclusive), artifact URIs relative to the root. Deterministic: sorted, no timestamps.
import { createRequire } from 'node:module';
import { isAbsolute, relative } from 'node:path';
import type { Location, Region } from 'sarif';
import { CODES, type Code } from './codes.js';
import { sortDiagnostics, type Diagnostic, type Span } from './diagnostic.js';
import { locate, type RenderOptions, type SourceLookup } from './render.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * node-sarif-builder (CommonJS, with fs-extra and graceful-fs: about 15-25 ms to load) is loaded on
 * the first SARIF rendering, not with this module: render.ts imports this one, and every other
 * format and command would pay for it at start-up.
 */
let sarifBuilder: typeof import('node-sarif-builder') | undefined;
function builders(): typeof import('node-sarif-builder') {
  return (sarifBuilder ??= createRequire(import.meta.url)('node-sarif-builder') as typeof import('node-sarif-builder'));
}

/** A relative URI reference for a path: forward slashes, each segment percent-encoded. */
export function sarifUri(path: string, root: string = process.cwd()): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  return rel
    .replace(/\\/g, '/')
    .split('/')
    .filter((s, i) => !(s === '.' && i === 0) && s !== '')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function regionOf(span: Span, sources: SourceLookup): Region {
  const at = locate({ code: '', severity: 'error', message: '', span }, sources);
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

/** A SARIF log (pretty-printed JSON) for `attain validate --format sarif`. */
export function renderSarif(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  const root = options.root ?? process.cwd();
  const sorted = sortDiagnostics(diagnostics);
  const { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } = builders();
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA });
  const run = new SarifRunBuilder({ columnKind: 'utf16CodeUnits' });
  run.setToolDriverName('attain');

  const codes = [...new Set(sorted.map((d) => d.code))].sort();
  for (const code of codes) {
    const entry = (CODES as Record<string, (typeof CODES)[Code] | undefined>)[code];
    const rule = new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: entry?.title ?? code });
    if (entry !== undefined) {
      rule.rule.name = entry.name;
      rule.rule.defaultConfiguration = { level: entry.severity };
    }
    run.addRule(rule);
  }

  for (const d of sorted) {
    const at = locate(d, sources);
    const result = new SarifResultBuilder().initSimple({
      ruleId: d.code,
      level: d.severity,
      messageText: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`,
      fileUri: sarifUri(d.span.file, root),
      startLine: at.line,
      startColumn: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
    });
    if (d.labels !== undefined && d.labels.length > 0) {
      result.result.relatedLocations = d.labels.map(
        (l, i): Location => ({
          id: i + 1,
          message: { text: l.message },
          physicalLocation: { artifactLocation: { uri: sarifUri(l.span.file, root) }, region: regionOf(l.span, sources) },
        }),
      );
    }
    run.addResult(result);
  }
  builder.addRun(run);
  return JSON.stringify(builder.buildSarifOutput(), null, 2) + '\n';
}
