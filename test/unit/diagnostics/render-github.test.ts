import { describe, expect, it } from 'vitest';
import type { Diagnostic, Span } from '../../../src/diagnostics/diagnostic.js';
import { renderGithub } from '../../../src/diagnostics/render.js';
import { createSourceFile, type SourceFile } from '../../../src/diagnostics/source.js';

const F = createSourceFile('contracts/a,b:c.yaml', 'contract: a\nkpis:\n  k:\n    taget: x\nperiod: monthly\n');
const lookup = (p: string): SourceFile | undefined => (p === F.path ? F : undefined);
// Literal diagnostics: the renderer's shape is under test, not the registry's wording.
const err = (code: string, span: Span, message: string, hint?: string): Diagnostic => ({ code, severity: 'error', message, span, ...(hint === undefined ? {} : { hint }) });
const span = (needle: string) => ({ file: F.path, start: F.text.indexOf(needle), end: F.text.indexOf(needle) + needle.length });

describe('renderGithub', () => {
  it('writes the exact workflow command shape, one line per finding', () => {
    const out = renderGithub([err('E010', span('taget'), 'unknown key "taget"', 'did you mean "target"?')], lookup);
    expect(out).toBe('::error file=contracts/a%2Cb%3Ac.yaml,line=4,col=5,endLine=4,endColumn=10,title=E010::unknown key "taget" (hint: did you mean "target"?)\n');
    expect(out).toMatch(/^::error file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=E0\d\d::.+\n$/);
  });

  it('writes warnings as ::warning', () => {
    const w: Diagnostic = { code: 'W061', severity: 'warning', message: '17.5 is read as 1750%', span: span('monthly'), hint: 'write 17.5%' };
    expect(renderGithub([w], lookup)).toBe('::warning file=contracts/a%2Cb%3Ac.yaml,line=5,col=9,endLine=5,endColumn=16,title=W061::17.5 is read as 1750%25 (hint: write 17.5%25)\n');
  });

  it('escapes %, CR and LF in the message so a finding stays on one line', () => {
    const out = renderGithub([err('E013', span('monthly'), '100% bad\r\nnext line')], lookup);
    expect(out).toContain('::100%25 bad%0D%0Anext line\n');
    expect(out.split('\n')).toHaveLength(2);
  });

  it('shows a span over several lines on its first line (GitHub takes columns on one line only)', () => {
    const out = renderGithub([err('E013', { file: F.path, start: F.text.indexOf('kpis'), end: F.text.indexOf('period') }, 'r')], lookup);
    expect(out).toContain('line=2,col=1,endLine=2,endColumn=6,title=E013::');
  });

  it('sorts findings by file and position', () => {
    const out = renderGithub([err('E013', span('monthly'), 'r'), err('E010', span('taget'), 'k')], lookup);
    expect(out.split('\n').map((l) => /title=(\w+)/.exec(l)?.[1])).toEqual(['E010', 'E013', undefined]);
  });
});
