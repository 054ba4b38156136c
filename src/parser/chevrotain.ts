// Stage 4 (parseExpressions), support: the one place that loads chevrotain (values and types).
// Loads the package's own single-file ESM bundle (`lib/chevrotain.mjs`) instead of `lib/src/api.js`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Chevrotain = typeof import('chevrotain');

/**
 * Why not `import ... from 'chevrotain'`: the package's `exports` maps it to `lib/src/api.js`, a
 * tree of hundreds of small ES modules (lodash-es) that costs about 250 ms at every CLI start. The
 * same package ships the same version as one bundled file, `lib/chevrotain.mjs` (about 15 ms), but
 * does not export it, so it is located next to the resolved entry. If a future layout lacks it,
 * the exported entry is used. Every module of the project (tests and scripts included) must take
 * chevrotain from here: two copies would not share classes (`instanceof` in generateCstDts).
 */
async function loadChevrotain(): Promise<Chevrotain> {
  try {
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    const bundled = join(dirname(entry), '..', 'chevrotain.mjs');
    if (existsSync(bundled)) return (await import(pathToFileURL(bundled).href)) as Chevrotain;
  } catch {
    // Fall through to the exported entry point.
  }
  return import('chevrotain');
}

const chevrotain = await loadChevrotain();

/** chevrotain's runtime values used by the project (same objects as the package's exports). */
export const { createToken, CstParser, EOF, generateCstDts, Lexer, NotAllInputParsedException } =
  chevrotain;

export type {
  CstNode,
  ICstVisitor,
  IParserErrorMessageProvider,
  IRecognitionException,
  IToken,
  ParserMethod,
  TokenType,
} from 'chevrotain';
