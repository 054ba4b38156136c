// Rendering support (stage 10): text -> lines that fit a width, broken between words; a word
// wider than the line (a long id) breaks after `_ - / . ,` first and mid-word only as a last resort.

/** The width of a piece of text in the caller's units. */
export type Measure = (text: string) => number;

/** Where a long word may break: after these characters. */
const SOFT_BREAK = /(?<=[_\-/.,:;])/;

/**
 * The lines of `text` fitting `width`. Explicit line breaks are kept; spaces between words are
 * collapsed at line ends; no-break spaces (inside amounts) never break.
 */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(/ +/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') out.push(line);
      line = '';
      for (const piece of splitWord(word, width, measure)) {
        const joined = line + piece;
        if (line !== '' && measure(joined) > width) {
          out.push(line);
          line = piece;
        } else line = joined;
      }
    }
    out.push(line);
  }
  return out;
}

/** A word as pieces that each fit (at soft breaks, else at characters). */
function splitWord(word: string, width: number, measure: Measure): string[] {
  if (measure(word) <= width) return [word];
  const pieces: string[] = [];
  for (const part of word.split(SOFT_BREAK)) {
    if (measure(part) <= width) {
      pieces.push(part);
      continue;
    }
    let rest = '';
    for (const ch of part) {
      if (rest !== '' && measure(rest + ch) > width) {
        pieces.push(rest);
        rest = '';
      }
      rest += ch;
    }
    if (rest !== '') pieces.push(rest);
  }
  return pieces;
}
