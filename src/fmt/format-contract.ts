// `fmt`, the formatter of one contract file: SourceFile -> new text. Every expression scalar is
// replaced by its canonical form (parse -> printExpression) and nothing else in the file changes:
// only the source range of each expression scalar is rewritten, in the scalar's own style.
import { loadContract } from '../contract/load-contract.js';
import type { ExprText } from '../contract/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InternalError, hasErrors } from '../diagnostics/diagnostic.js';
import { createSourceFile } from '../diagnostics/source.js';
import type { SourceFile } from '../diagnostics/source.js';
import { parseExpression } from '../parser/parse.js';
import { printExpression } from '../parser/print.js';
import { expressionScalars } from './expression-scalars.js';
import { renderScalar } from './yaml-scalar.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface FormatResult {
  /** The formatted text (the input text when nothing changed or the file could not be loaded). */
  readonly text: string;
  readonly changed: boolean;
  /**
   * Why the file or some expressions were left alone: YAML/schema errors (the whole file) or
   * expression syntax errors (that expression only). Any error here means `fmt` exits 1.
   */
  readonly diagnostics: readonly Diagnostic[];
}

interface Edit {
  readonly start: number;
  readonly end: number;
  /** The canonical expression text the scalar must hold after the edit. */
  readonly canonical: string;
}

/** Format one contract file's text. Never throws for bad input; see FormatResult.diagnostics. */
export function formatContract(file: SourceFile): FormatResult {
  const loaded = loadContract(file);
  const contract = loaded.value;
  // Model-level findings (periods, dates, duplicate ids) are `validate`'s business, not fmt's.
  if (contract === undefined) return { text: file.text, changed: false, diagnostics: loaded.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const edits: Edit[] = [];
  for (const et of expressionScalars(contract)) {
    const parsed = parseExpression(et.text, et.origin);
    if (parsed.value === undefined || hasErrors(parsed.diagnostics)) {
      appendAll(diagnostics, parsed.diagnostics);
      continue;
    }
    edits.push({ start: et.span.start, end: et.span.end, canonical: printExpression(parsed.value) });
  }
  const text = applyEdits(file, edits, false) ?? applyEdits(file, edits, true);
  if (text === undefined) throw new InternalError(`fmt: the formatted text of ${file.path} does not read back`);
  return { text, changed: text !== file.text, diagnostics };
}

/**
 * The text with every edit applied, or undefined when the result does not read back as the same
 * contract with the canonical expressions (then the caller retries with plain scalars quoted).
 */
function applyEdits(file: SourceFile, edits: readonly Edit[], forceQuotes: boolean): string | undefined {
  let text = file.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const original = file.text.slice(e.start, e.end);
    const replacement = renderScalar(e.canonical, original, forceQuotes);
    if (replacement !== original) text = text.slice(0, e.start) + replacement + text.slice(e.end);
  }
  return text === file.text || readsBack(file, text, edits) ? text : undefined;
}

/**
 * The new text loads, has the same expression scalars, each edited one parses to its canonical
 * text (a literal block scalar adds a final line break) and the others are unchanged.
 */
function readsBack(file: SourceFile, text: string, edits: readonly Edit[]): boolean {
  const before = expressionTexts(file);
  const after = expressionTexts(createSourceFile(file.path, text));
  if (before === undefined || after === undefined || before.length !== after.length) return false;
  const wanted = new Map(edits.map((e) => [e.start, e.canonical]));
  return before.every((b, i) => {
    const a = after[i];
    const canonical = wanted.get(b.span.start);
    if (a === undefined || canonical === undefined) return a?.text === b.text;
    const parsed = parseExpression(a.text, a.origin);
    return parsed.value !== undefined && !hasErrors(parsed.diagnostics) && printExpression(parsed.value) === canonical;
  });
}

function expressionTexts(file: SourceFile): ExprText[] | undefined {
  const loaded = loadContract(file);
  return loaded.value === undefined ? undefined : expressionScalars(loaded.value);
}
