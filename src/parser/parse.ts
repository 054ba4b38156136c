// Stage 4 (parseExpressions): one expression string + its TextOrigin -> StageResult<Expr>.
// Limits, lexing (E021), literal checks (E022/E024), grammar (E020, every error), CST -> AST.
import {
  NotAllInputParsedException,
  type CstNode,
  type IRecognitionException,
  type IToken,
} from './chevrotain.js';
import { diag } from '../diagnostics/codes.js';
import {
  sortDiagnostics,
  type Diagnostic,
  type Span,
  type StageResult,
} from '../diagnostics/diagnostic.js';
import { originSpan, type TextOrigin } from '../diagnostics/source.js';
import type { Expr } from './ast.js';
import { expressionGrammar, NestingLimitError } from './grammar.js';
import { checkLiterals } from './literals.js';
import { isVirtualToken, startsExpression, strayReason } from './messages.js';
import { toAst } from './to-ast.js';
import { expressionLexer } from './tokens.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Safety limits on one expression (untrusted text); exceeding one is E023. */
export interface ExpressionLimits {
  /** Characters (UTF-16 code units) in the expression text. */
  readonly maxLength: number;
  /** Nesting of parentheses, calls, lists, `if` and prefix `-`/`not`. */
  readonly maxDepth: number;
  /** Tokens in the expression. Also bounds binary-operator chains (at most half of it deep). */
  readonly maxTokens: number;
}

export const DEFAULT_LIMITS: ExpressionLimits = { maxLength: 4000, maxDepth: 64, maxTokens: 1000 };

/** Syntax errors reported per expression at most; past that, more are noise. */
const MAX_SYNTAX_ERRORS = 50;

type SpanOf = (start: number, end: number) => Span;

function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** A token's span; tokens without a real position anchor at the previous real token's end. */
function locate(token: IToken, previous: IToken | undefined, fallback: number, spanOf: SpanOf): Span {
  if (!isVirtualToken(token)) return spanOf(token.startOffset, tokenEnd(token));
  const at = previous !== undefined && !isVirtualToken(previous) ? tokenEnd(previous) : fallback;
  return spanOf(at, at);
}

interface Lexed {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
  /** Whether a syntax error at this token is only a consequence of a bad character before it. */
  readonly followsBadCharacter: (token: IToken) => boolean;
}

function lex(text: string, spanOf: SpanOf): Lexed {
  const lexed = expressionLexer().tokenize(text);
  const errorOffsets = lexed.errors.map((e) => e.offset);
  const lastToken = lexed.tokens[lexed.tokens.length - 1];
  const lastEnd = lastToken === undefined ? 0 : tokenEnd(lastToken);
  const afterError = new Set<number>();
  for (const offset of errorOffsets) {
    const next = lexed.tokens.find((t) => t.startOffset > offset);
    if (next !== undefined) afterError.add(next.startOffset);
  }
  const followsBadCharacter = (token: IToken): boolean =>
    isVirtualToken(token) ? errorOffsets.some((o) => o >= lastEnd) : afterError.has(token.startOffset);
  const diagnostics = lexed.errors.map((e) => {
    const code = text.codePointAt(e.offset) ?? 0;
    const char = String.fromCodePoint(code);
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}" (U+${hex})` : `U+${hex}`;
    return diag('E021', spanOf(e.offset, e.offset + e.length), { char: shown });
  });
  return { tokens: lexed.tokens, diagnostics, followsBadCharacter };
}

interface GrammarRun {
  readonly cst?: CstNode;
  readonly diagnostics: Diagnostic[];
}

function recognitionDiagnostic(e: IRecognitionException, lastEnd: number, spanOf: SpanOf): Diagnostic {
  const previous = (e as { previousToken?: IToken }).previousToken;
  return diag('E020', locate(e.token, previous, lastEnd, spanOf), { reason: e.message });
}

/**
 * Runs the grammar over `tokens`. Input left over after a complete expression is reported and
 * parsing resumes at the next token that can start an expression, so every error is found.
 */
function runGrammar(lexed: Lexed, maxDepth: number, spanOf: SpanOf): GrammarRun {
  const { tokens, followsBadCharacter } = lexed;
  const parser = expressionGrammar();
  const diagnostics: Diagnostic[] = [];
  const last = tokens[tokens.length - 1];
  const lastEnd = last === undefined ? 0 : tokenEnd(last);
  let cst: CstNode | undefined;
  let start = 0;
  while (start < tokens.length && diagnostics.length < MAX_SYNTAX_ERRORS) {
    parser.maxDepth = maxDepth;
    parser.input = tokens.slice(start);
    const result = parser.expression();
    cst ??= result;
    let redundant: IToken | undefined;
    for (const e of parser.errors) {
      if (e instanceof NotAllInputParsedException) redundant = e.token;
      else if (!followsBadCharacter(e.token)) {
        diagnostics.push(recognitionDiagnostic(e, lastEnd, spanOf));
      }
    }
    for (const g of parser.grammarErrors) {
      diagnostics.push(diag('E020', locate(g.token, undefined, lastEnd, spanOf), { reason: g.reason }));
    }
    const at = redundant === undefined ? -1 : tokens.indexOf(redundant, start);
    if (at < 0) break;
    const report = followsBadCharacter(redundant as IToken) ? [] : diagnostics;
    start = Math.max(start + 1, reportStray(tokens, at, report, spanOf));
  }
  parser.input = [];
  return cst === undefined ? { diagnostics } : { cst, diagnostics };
}

/** Reports the stray run starting at `at`; returns where parsing resumes. */
function reportStray(tokens: readonly IToken[], at: number, out: Diagnostic[], spanOf: SpanOf): number {
  const token = tokens[at] as IToken;
  const starts = startsExpression(token);
  let resume = starts ? at : at + 1;
  while (resume < tokens.length && !startsExpression(tokens[resume] as IToken)) resume += 1;
  const lastStray = tokens[Math.max(at, resume - 1)] as IToken;
  const span = spanOf(token.startOffset, starts ? tokenEnd(token) : tokenEnd(lastStray));
  out.push(diag('E020', span, { reason: strayReason(token, tokens[at - 1], starts) }));
  return resume;
}

/** Drops repeats (same code, span and message), which recovery can produce. */
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.span.start}|${d.span.end}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tooComplex(span: Span, reason: string): Diagnostic {
  return diag('E023', span, { reason });
}

function parseChecked(text: string, limits: ExpressionLimits, spanOf: SpanOf): StageResult<CstNode> {
  const lexed = lex(text, spanOf);
  const { tokens, diagnostics } = lexed;
  const extra = tokens[limits.maxTokens];
  if (extra !== undefined) {
    const reason = `the expression has more than ${limits.maxTokens} tokens; split it into defines`;
    return { diagnostics: [...diagnostics, tooComplex(spanOf(extra.startOffset, text.length), reason)] };
  }
  appendAll(diagnostics, checkLiterals(tokens, spanOf));
  if (tokens.length === 0) return { diagnostics };
  try {
    const run = runGrammar(lexed, limits.maxDepth, spanOf);
    appendAll(diagnostics, run.diagnostics);
    const failed = run.cst === undefined || diagnostics.length > 0;
    return failed ? { diagnostics } : { value: run.cst, diagnostics };
  } catch (e) {
    if (!(e instanceof NestingLimitError) && !(e instanceof RangeError)) throw e;
    const token = e instanceof NestingLimitError ? e.token : undefined;
    const at = token === undefined || isVirtualToken(token) ? undefined : token;
    const span = at === undefined ? spanOf(0, text.length) : spanOf(at.startOffset, tokenEnd(at));
    const reason = `the expression is nested more than ${limits.maxDepth} levels deep`;
    return { diagnostics: [...diagnostics, tooComplex(span, reason)] };
  }
}

/**
 * Parses one expression. `origin` says where `text` lives in its file: every span in the result
 * (nodes and diagnostics) is in file coordinates, within [origin.base, origin.base + text.length]
 * when there is no offset map. The value is absent when any error was found; all syntax errors
 * of the text are reported, sorted by position. Never throws for any input string.
 */
export function parseExpression(
  text: string,
  origin: TextOrigin,
  limits: ExpressionLimits = DEFAULT_LIMITS,
): StageResult<Expr> {
  const spanOf: SpanOf = (start, end) => originSpan(origin, start, end);
  if (text.length > limits.maxLength) {
    const reason = `the expression is ${text.length} characters long; the limit is ${limits.maxLength}`;
    return { diagnostics: [tooComplex(spanOf(limits.maxLength, text.length), reason)] };
  }
  if (/^\s*$/.test(text)) return { diagnostics: [diag('E025', spanOf(0, text.length))] };
  const cacheable = limits === DEFAULT_LIMITS;
  const cached = cacheable ? CLEAN_CSTS.get(text) : undefined;
  if (cached !== undefined) return { value: toAst(cached, origin), diagnostics: [] };
  const parsed = parseChecked(text, limits, spanOf);
  const diagnostics = sortDiagnostics(unique(parsed.diagnostics));
  if (parsed.value === undefined) return { diagnostics };
  if (cacheable && diagnostics.length === 0) {
    if (CLEAN_CSTS.size >= CLEAN_CST_LIMIT) CLEAN_CSTS.clear();
    CLEAN_CSTS.set(text, parsed.value);
  }
  return { value: toAst(parsed.value, origin), diagnostics };
}

/**
 * CSTs of expression texts that parsed without any finding (default limits only). A CST holds
 * only offsets into its own text, and toAst maps them through each use's origin, so one CST
 * serves every place the same text appears: contracts made from one template (a directory of
 * client contracts) repeat most of their expressions. Texts with findings are parsed every time,
 * so diagnostics always come from a fresh parse. Bounded: emptied when full.
 */
const CLEAN_CSTS = new Map<string, CstNode>();
const CLEAN_CST_LIMIT = 2048;
