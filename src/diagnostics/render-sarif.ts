// SARIF 2.1.0 rendering of diagnostics (GitHub code scanning, Azure DevOps, IDE viewers), built
// with node-sarif-builder: one run of the tool `attain` (version, information URI), a rule per code
// used (id = code, PascalCase name, title, full description and help from the registry and the
// examples of docs/diagnostics.md, help URI to the code's anchor there), a result per finding with
// a region in 1-based lines and UTF-16 columns (end exclusive, with snippet and context line), a
// partial fingerprint, artifact URIs relative to the root. Deterministic: sorted, no timestamps.
// Checked by Microsoft's SARIF validator (@microsoft/sarif-multitool) in the tests.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { isAbsolute, relative } from 'node:path';
import type { Location, Region } from 'sarif';
import { CODE_EXAMPLES } from './code-docs.generated.js';
import { CODES, type Code, type CodeEntry } from './codes.js';
import { sortDiagnostics, type Diagnostic, type Span } from './diagnostic.js';
import { locate, type RenderOptions, type SourceLookup } from './locate.js';
import { lineText } from './source.js';
import { ATTAIN_HOME, ATTAIN_VERSION, codeHelpUri } from './tool-info.js';

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

/** `unknown-key` -> `UnknownKey` (SARIF rule names are PascalCase identifiers). */
function pascalCase(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** A sentence: ends with a full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The rule of a code: descriptions and help from the registry and docs/diagnostics.md. */
function ruleOf(code: string, entry: CodeEntry | undefined): Record<string, unknown> {
  const title = entry?.title ?? code;
  const example = CODE_EXAMPLES[code];
  const uri = codeHelpUri(code);
  const plainExample = example?.replace(/`/g, '');
  const full = sentence(example === undefined ? title : `${title}, for example: ${plainExample}`);
  const hint = entry?.hint === undefined || /\{\w+\}/.test(entry.hint) ? undefined : sentence(entry.hint);
  return {
    id: code,
    ...(entry === undefined ? {} : { name: pascalCase(entry.name) }),
    shortDescription: { text: sentence(title) },
    fullDescription: { text: full },
    help: {
      text: [full, hint, `See ${uri}`].filter((p) => p !== undefined).join(' '),
      markdown: [`**${code} ${title}**`, example === undefined ? undefined : `Example: ${example}`, hint, `[${code} in the diagnostics reference](${uri})`]
        .filter((p) => p !== undefined)
        .join('\n\n'),
    },
    helpUri: uri,
    ...(entry === undefined ? {} : { defaultConfiguration: { level: entry.severity } }),
  };
}

/**
 * A fingerprint that survives lines moving up or down: code, file, the text of the finding's
 * first line (trimmed) and the message; `attain/v1` names the scheme.
 */
function fingerprint(d: Diagnostic, uri: string, sources: SourceLookup, line: number): string {
  const file = sources(d.span.file);
  const text = file === undefined ? '' : lineText(file, line).trim();
  return createHash('sha256').update([d.code, uri, text, d.message].join('\u0000')).digest('hex').slice(0, 32);
}

/** A SARIF log (pretty-printed JSON) for `attain validate --format sarif`. */
export function renderSarif(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  const root = options.root ?? process.cwd();
  const sorted = sortDiagnostics(diagnostics);
  const { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } = builders();
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA });
  const run = new SarifRunBuilder({ columnKind: 'utf16CodeUnits' });
  run.setToolDriverName('attain');
  run.run.tool.driver.version = ATTAIN_VERSION;
  run.run.tool.driver.semanticVersion = ATTAIN_VERSION;
  run.run.tool.driver.informationUri = ATTAIN_HOME;

  const codes = [...new Set(sorted.map((d) => d.code))].sort();
  for (const code of codes) {
    const entry = (CODES as Record<string, (typeof CODES)[Code] | undefined>)[code];
    const rule = new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: entry?.title ?? code });
    Object.assign(rule.rule, ruleOf(code, entry));
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
    const physical = result.result.locations?.[0]?.physicalLocation;
    const file = sources(d.span.file);
    if (physical?.region !== undefined && file !== undefined) {
      physical.region.snippet = { text: file.text.slice(d.span.start, Math.max(d.span.start, d.span.end)) };
      // The whole lines of the finding (a region without columns is whole lines).
      const lines: string[] = [];
      for (let n = at.line; n <= at.endLine; n++) lines.push(lineText(file, n));
      physical.contextRegion = { startLine: at.line, endLine: at.endLine, snippet: { text: lines.join('\n') } };
    }
    result.result.partialFingerprints = { 'attain/v1': fingerprint(d, sarifUri(d.span.file, root), sources, at.line) };
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
