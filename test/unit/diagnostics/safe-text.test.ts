// Output safety (safe-text.ts): user strings cannot inject terminal sequences, CI workflow
// commands, spreadsheet formulas or HTML into the human outputs.
import { describe, expect, it } from 'vitest';
import { csvCell, displayLine, displayText, guardCommandLines, markdownCode, markdownText } from '../../../src/diagnostics/safe-text.js';

describe('displayText', () => {
  it('shows line breaks, ESC, other controls, line separators and bidi overrides as escapes', () => {
    expect(displayText('a\nb\r\nc')).toBe('a\\nb\\r\\nc');
    expect(displayText('\u001b[31mred\u001b]8;;https://x\u0007')).toBe('\\e[31mred\\e]8;;https://x\\u0007');
    expect(displayText('x\u0000\u007f\u0085\u009b')).toBe('x\\u0000\\u007F\\u0085\\u009B');
    expect(displayText('\u202eevil\u2066\u2028')).toBe('\\u202Eevil\\u2066\\u2028');
  });
  it('keeps tabs and ordinary text, Cyrillic and emoji included', () => {
    expect(displayText('a\tb Привет 🙂 <x> "q"')).toBe('a\tb Привет 🙂 <x> "q"');
  });
});

describe('guardCommandLines', () => {
  it('puts a backslash before a line a CI runner would read as a command', () => {
    expect(guardCommandLines('ok\n::error file=a::x\n  ::warning::y\n##[error]z\n##vso[task]w')).toBe('ok\n\\::error file=a::x\n  \\::warning::y\n\\##[error]z\n\\##vso[task]w');
  });
  it('leaves other lines alone', () => {
    expect(guardCommandLines('a::b\nfile.yaml:1:2: error')).toBe('a::b\nfile.yaml:1:2: error');
  });
  it('displayLine: a test name with a newline and a workflow command stays on one harmless line', () => {
    const out = `PASS c > ${displayLine('x\n::error file=a.yaml::pwned')}\n`;
    expect(out.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
    expect(displayLine('::error::x')).toBe('\\::error::x');
  });
});

describe('csvCell (OWASP CSV injection)', () => {
  it.each([['=1+1'], ['+1'], ['-2+3+cmd|\' /C calc\'!A0'], ['@SUM(A1)'], ['\t=1'], ['\r=1'], ['-'], ['-1e3'], ['-0x1']])('guards %j', (v) => {
    expect(csvCell(v).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('keeps plain decimal numbers, negative amounts included', () => {
    expect(csvCell('-2.50')).toBe('-2.50');
    expect(csvCell('12')).toBe('12');
    expect(csvCell('0.85')).toBe('0.85');
  });
  it('quotes per RFC 4180', () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });
});

describe('markdownText', () => {
  it('escapes raw HTML, links and autolinks but keeps comparisons readable', () => {
    expect(markdownText('<script>alert(1)</script>')).toBe('&lt;script>alert(1)&lt;/script>');
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)>');
    expect(markdownText('&#60;b&#62;')).toBe('&amp;#60;b&amp;#62;');
    expect(markdownText('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(markdownText('a <= 20% & b >= 2')).toBe('a <= 20% & b >= 2');
  });
  it('keeps a table row whole: pipes escaped, any line break (a bare CR too) becomes a space', () => {
    expect(markdownText('a|b\rc\nd\r\ne')).toBe('a\\|b c d e');
  });
  it('a backslash cannot undo an escape', () => {
    expect(markdownText('\\[x]')).toBe('\\\\\\[x\\]');
  });
  it('code spans: no backtick, no line break, no pipe', () => {
    expect(markdownCode('a`b|c\nd')).toBe("`a'b\\|c d`");
  });
});
