// Stage 4 (parseExpressions), syntax: tokens -> concrete syntax tree (chevrotain CstParser).
// Rules only, no semantics; error recovery on. Precedence, lowest first:
//   ?? | or | and | not (prefix) | comparisons, between, in (non-associative) | + - | * / | unary -
import { CstParser, type CstNode, type IToken, type ParserMethod } from './chevrotain.js';
import { CHAINED_COMPARISON_REASON, IN_WITHOUT_LIST_REASON, SYNTAX_MESSAGES } from './messages.js';
import * as T from './tokens.js';

/** A syntax error found by the grammar's own checks rather than by chevrotain. */
export interface GrammarError {
  readonly token: IToken;
  readonly reason: string;
}

/** Thrown out of the parser (not a recognition error, so chevrotain does not recover). */
export class NestingLimitError extends Error {
  constructor(readonly token: IToken) {
    super('nesting limit');
  }
}

/**
 * The expression grammar. One instance is built at module load (self-analysis is expensive) and
 * reused: set `input`, call `expression()`, read `errors` and `grammarErrors`.
 */
export class ExpressionGrammar extends CstParser {
  /** Deepest allowed nesting of parentheses, calls, lists, `if`, prefix `-` and `not`. */
  maxDepth = 64;
  private depth = 0;
  /** Errors the grammar accepts in order to report them well (`a < b < c`, `x in y`). */
  grammarErrors: GrammarError[] = [];

  /**
   * `validate`: run chevrotain's grammar validations (ambiguities, left recursion, ...) during
   * self-analysis. They find bugs in this file, never in user input, and cost about 5 ms of every
   * CLI start: the shared instance skips them, and a test builds one with them on.
   */
  constructor({ validate = false }: { validate?: boolean } = {}) {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 2,
      errorMessageProvider: SYNTAX_MESSAGES,
      skipValidations: !validate,
    });
    // Chevrotain's in-repetition recovery skips leftover input silently (`a b and and c` loses
    // the second error); without it, leftover input ends the rule and parse.ts resumes after it.
    Object.assign(this, { attemptInRepetitionRecovery: () => undefined });
    this.performSelfAnalysis();
  }

  override reset(): void {
    super.reset();
    this.depth = 0;
    this.grammarErrors = [];
  }

  /**
   * Runs `body` one nesting level deeper (the token just consumed opened the level). The limit
   * keeps hostile input (`((((...`, `- - - ...`) from overflowing the stack here and in every
   * later recursive stage.
   */
  private nest(body: () => void): void {
    if (!this.RECORDING_PHASE) {
      this.depth += 1;
      if (this.depth > this.maxDepth) throw new NestingLimitError(this.LA(0));
    }
    try {
      body();
    } finally {
      if (!this.RECORDING_PHASE) this.depth -= 1;
    }
  }

  readonly expression: ParserMethod<[], CstNode> = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
    this.MANY(() => {
      this.CONSUME(T.Coalesce);
      this.SUBRULE2(this.orExpr);
    });
  });

  readonly orExpr: ParserMethod<[], CstNode> = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  readonly andExpr: ParserMethod<[], CstNode> = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  readonly notExpr: ParserMethod<[], CstNode> = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.nest(() => this.SUBRULE(this.notExpr));
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  /** Accepts a chain of comparisons so that the second operator can be reported precisely. */
  readonly comparison: ParserMethod<[], CstNode> = this.RULE('comparison', () => {
    this.SUBRULE(this.additive);
    let tails = 0;
    this.MANY(() => {
      this.ACTION(() => {
        tails += 1;
        if (tails > 1) {
          this.grammarErrors.push({ token: this.LA(1), reason: CHAINED_COMPARISON_REASON });
        }
      });
      this.SUBRULE(this.comparisonTail);
    });
  });

  readonly comparisonTail: ParserMethod<[], CstNode> = this.RULE('comparisonTail', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.ComparisonOperator);
          this.SUBRULE(this.additive);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Between);
          this.SUBRULE2(this.additive);
          this.CONSUME(T.And);
          this.SUBRULE3(this.additive);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.In);
          this.OR2([
            { ALT: () => this.SUBRULE(this.list) },
            {
              ALT: () => {
                this.ACTION(() => {
                  this.grammarErrors.push({ token: this.LA(1), reason: IN_WITHOUT_LIST_REASON });
                });
                this.SUBRULE4(this.additive);
              },
            },
          ]);
        },
      },
    ]);
  });

  readonly additive: ParserMethod<[], CstNode> = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.multiplicative);
    });
  });

  readonly multiplicative: ParserMethod<[], CstNode> = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }]);
      this.SUBRULE2(this.unary);
    });
  });

  readonly unary: ParserMethod<[], CstNode> = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.nest(() => this.SUBRULE(this.unary));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  readonly primary: ParserMethod<[], CstNode> = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.SUBRULE(this.reference) },
      { ALT: () => this.SUBRULE(this.parenthesised) },
      { ALT: () => this.SUBRULE(this.ifExpr) },
    ]);
  });

  /** `12.5`, `20%`, `500 RUB`, `2 min 15 s`. Units are checked by the literal checks. */
  readonly quantity: ParserMethod<[], CstNode> = this.RULE('quantity', () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Percent) },
        {
          ALT: () => {
            this.CONSUME(T.Identifier);
            this.MANY(() => {
              this.CONSUME2(T.NumberLiteral);
              this.CONSUME2(T.Identifier);
            });
          },
        },
      ]);
    });
  });

  /** A name, a dotted name, or a call `f(a, b)`. */
  readonly reference: ParserMethod<[], CstNode> = this.RULE('reference', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.DottedName) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            this.nest(() => this.OPTION2(() => this.SUBRULE(this.argumentList)));
            this.CONSUME(T.RParen);
          });
        },
      },
    ]);
  });

  readonly argumentList: ParserMethod<[], CstNode> = this.RULE('argumentList', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression);
    });
  });

  readonly parenthesised: ParserMethod<[], CstNode> = this.RULE('parenthesised', () => {
    this.CONSUME(T.LParen);
    this.nest(() => this.SUBRULE(this.expression));
    this.CONSUME(T.RParen);
  });

  /** `if c then a else b`; the else branch extends as far right as possible. */
  readonly ifExpr: ParserMethod<[], CstNode> = this.RULE('ifExpr', () => {
    this.CONSUME(T.If);
    this.nest(() => {
      this.SUBRULE(this.expression);
      this.CONSUME(T.Then);
      this.SUBRULE2(this.expression);
      this.CONSUME(T.Else);
      this.SUBRULE3(this.expression);
    });
  });

  /** `[a, b, c]`, only after `in`. */
  readonly list: ParserMethod<[], CstNode> = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.nest(() => this.OPTION(() => this.SUBRULE(this.argumentList)));
    this.CONSUME(T.RBracket);
  });
}

let grammar: ExpressionGrammar | undefined;

/**
 * The one parser instance (chevrotain parsers are built once and reset per input), built on
 * first use: its self-analysis is most of what importing the parser costs (lazy for `import('attain')`).
 */
export function expressionGrammar(): ExpressionGrammar {
  return (grammar ??= new ExpressionGrammar());
}
