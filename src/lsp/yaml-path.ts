// Language server, YAML path at the cursor: text + offset -> the keys leading to the position
// (`['kpis', 'quality', 'target']`, `'[]'` for a list item). Read from indentation, line by line,
// so it works on text that does not parse yet (a document being typed).

/** Where the cursor is in the YAML structure. */
export interface YamlPosition {
  /** Keys from the root to the mapping the cursor is in; `[]` marks an item of a list. */
  readonly path: readonly string[];
  /** The key of the current line when the cursor is in its value (after `key:`), else undefined. */
  readonly valueKey?: string;
}

interface LineShape {
  /** Column of the first character after the leading spaces. */
  readonly indent: number;
  /** Whether the line starts with `- ` (a list item). */
  readonly dash: boolean;
  /** Column of the key (after any `- `), or of the content. */
  readonly keyCol: number;
  /** The key, when the line is `key: ...`. */
  readonly key?: string;
  /** Whether the line is blank or a comment. */
  readonly empty: boolean;
}

const KEY = /^([A-Za-z0-9_$.-]+|"[^"]*"|'[^']*')\s*:(\s|$)/;

function shape(line: string): LineShape {
  const indent = line.length - line.trimStart().length;
  let rest = line.slice(indent);
  let keyCol = indent;
  let dash = false;
  while (/^-(\s+|$)/.test(rest)) {
    const m = /^-(\s*)/.exec(rest) as RegExpExecArray;
    dash = true;
    keyCol += m[0].length;
    rest = rest.slice(m[0].length);
  }
  const empty = rest.trim() === '' || rest.startsWith('#');
  const k = KEY.exec(rest);
  const key = k?.[1]?.replace(/^["']|["']$/g, '');
  return { indent, dash, keyCol, empty: empty && !dash, ...(key === undefined ? {} : { key }) };
}

/** The YAML path of the mapping holding `offset`, and the key whose value the cursor is in. */
export function yamlPathAt(text: string, offset: number): YamlPosition {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt).replace(/\r$/, '');
  const cursorCol = offset - lineStart;
  const here = shape(line);
  let valueKey: string | undefined;
  let col: number;
  if (here.empty || line.slice(0, cursorCol).trim() === '') {
    col = Math.min(cursorCol, here.empty ? cursorCol : here.keyCol);
    if (here.dash && cursorCol >= here.keyCol) col = here.keyCol;
  } else {
    col = here.keyCol;
    const colon = here.key === undefined ? -1 : line.indexOf(':', here.keyCol);
    if (here.key !== undefined && colon >= 0 && cursorCol > colon) valueKey = here.key;
  }
  const path: string[] = [];
  // The current line's own dash: the cursor is in a list item.
  let pendingItem = here.dash && cursorCol >= here.keyCol ? here.indent : -1;
  const lines = text.slice(0, lineStart).split('\n').reverse();
  for (const raw of lines) {
    if (col === 0 && pendingItem < 0) break;
    const l = shape(raw.replace(/\r$/, ''));
    if (l.empty) continue;
    if (pendingItem >= 0) {
      // Looking for the key that owns the list whose item starts at column pendingItem.
      if (l.dash && l.indent === pendingItem) continue;
      if (l.dash && l.keyCol === pendingItem) continue;
      if (l.keyCol <= pendingItem && l.key !== undefined) {
        path.unshift('[]');
        pendingItem = -1;
        path.unshift(l.key);
        col = l.keyCol;
        if (l.dash) pendingItem = l.indent;
        continue;
      }
      if (l.keyCol <= pendingItem) {
        path.unshift('[]');
        pendingItem = -1;
        col = l.keyCol;
      }
      continue;
    }
    if (l.keyCol < col && l.key !== undefined) {
      path.unshift(l.key);
      col = l.keyCol;
      if (l.dash) pendingItem = l.indent;
    } else if (l.dash && l.keyCol === col) {
      // A sibling key of the same list item: the item's dash is on that line.
      pendingItem = l.indent;
    } else if (l.keyCol < col) {
      col = l.keyCol;
    }
  }
  if (pendingItem >= 0) path.unshift('[]');
  return valueKey === undefined ? { path } : { path, valueKey };
}
