// The language reference's table of built-in functions (docs/language.md section 6) and the built-in
// catalogue (src/language/builtins.ts, which hover and the checker read) list the same functions
// with the same signatures: a built-in added, renamed or given another argument list fails here
// until the reference says so too.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../src/language/builtins.js';

const LANGUAGE = readFileSync(resolve(import.meta.dirname, '../../docs/language.md'), 'utf8');
const SECTION = LANGUAGE.slice(LANGUAGE.indexOf('## 6. Built-in functions'), LANGUAGE.indexOf('\n## 7.'));

/** The first cell of every table row of section 6: `name(args)`. */
function documentedSignatures(): string[] {
  return [...SECTION.matchAll(/^\| `([a-z_]+\([^`]*\))` \|/gm)].map((m) => m[1] ?? '');
}

describe('docs/language.md built-in table', () => {
  it('has one row per catalogue entry, with the signature of its doc line', () => {
    const catalogue = [...BUILTINS.values()].map((b) => b.doc.slice(0, b.doc.indexOf(')') + 1)).sort();
    expect(documentedSignatures().sort()).toEqual(catalogue);
  });
});
