// Language server, formatting: a contract's text -> the edit `attain fmt` makes (src/fmt), as one
// replacement of the region between the unchanged start and end of the file (a small edit keeps
// the editor's cursor and undo history where they were).
import type { SourceFile } from '../diagnostics/source.js';
import { formatContract } from '../fmt/format-contract.js';

/** One replacement of [start, end) of the old text by `text`, or undefined when nothing changes. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The formatting edit of a contract file; none when fmt changes nothing or cannot load the file. */
export function formatEdit(file: SourceFile): TextReplacement | undefined {
  const result = formatContract(file);
  if (!result.changed) return undefined;
  const before = file.text;
  const after = result.text;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair between the kept and the replaced text.
  while (start > 0 && /[\uDC00-\uDFFF]/.test(before[start] ?? '')) start--;
  while (endBefore < before.length && /[\uDC00-\uDFFF]/.test(before[endBefore] ?? '')) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}
