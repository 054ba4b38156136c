// Text wrapping for the PDF: lines fit, words are never split when they fit a line, long ids
// break after `_`, and no character is lost or added (a property over random texts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../../src/report/pdf/wrap.js';

/** One unit per character: widths are character counts. */
const chars = (s: string): number => [...s].length;

describe('wrapText', () => {
  it('breaks between words only', () => {
    expect(wrapText('Leads from social networks', 12, chars)).toEqual(['Leads from', 'social', 'networks']);
  });

  it('keeps no-break spaces (inside amounts) together', () => {
    expect(wrapText('total 150\u00a0000,00\u00a0₽ due', 12, chars)).toEqual(['total', '150\u00a0000,00\u00a0₽', 'due']);
  });

  it('breaks a long id after its underscores, not inside its parts', () => {
    expect(wrapText('(quality_traffic_from_social)', 16, chars)).toEqual(['(quality_', 'traffic_from_', 'social)']);
    expect(wrapText('quality_traffic_from_social', 16, chars)).toEqual(['quality_traffic_', 'from_social']);
  });

  it('breaks inside a word only when one part is wider than the line', () => {
    expect(wrapText('abcdefghij', 4, chars)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps explicit line breaks', () => {
    expect(wrapText('a b\nc', 10, chars)).toEqual(['a b', 'c']);
  });

  it('every line fits and the words come back in order (property)', () => {
    const word = fc.stringMatching(/^[a-z_.-]{1,14}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 3, max: 30 }), (words, width) => {
        const lines = wrapText(words.join(' '), width, chars);
        for (const l of lines) expect(chars(l)).toBeLessThanOrEqual(width);
        // Removing the spaces loses nothing: the same characters in the same order.
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
        // A word that fits a line is never split over two lines.
        const tokens = lines.flatMap((l) => l.split(' '));
        for (const w of words.filter((x) => chars(x) <= width)) expect(tokens).toContain(w);
      }),
    );
  });
});
