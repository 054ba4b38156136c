// Rendering support (stage 10): a table on the page flow: fixed column widths, cells wrapped
// between words, notes under a cell in small grey text, the header repeated after a page break.
import { lineHeight, MARGIN, type PageFlow } from './layout.js';
import type { TextStyle } from './pdf-canvas.js';
import { wrapText } from './wrap.js';

export interface Column {
  readonly header: string;
  /** Share of the table width (the shares of a table sum to 1). */
  readonly share: number;
  readonly align: 'left' | 'right';
}

export interface TableCell {
  readonly text: string;
  /** Smaller grey lines under the text (details, explanations). */
  readonly notes?: readonly string[];
}

export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly bold?: boolean;
  /** Printed in grey (a line that did not apply). */
  readonly muted?: boolean;
}

const BODY: TextStyle = { size: 8.5 };
const NOTE: TextStyle = { size: 7, gray: 0.4 };
const HEAD: TextStyle = { size: 8, bold: true };
const PAD = 3;

interface Block {
  readonly lines: readonly { readonly text: string; readonly style: TextStyle }[];
  readonly height: number;
}

function cellBlock(flow: PageFlow, cell: TableCell, width: number, style: TextStyle): Block {
  const m = (s: TextStyle) => (t: string) => flow.canvas.measure(t, s);
  const lines = [
    ...wrapText(cell.text, width, m(style)).map((text) => ({ text, style })),
    ...(cell.notes ?? []).filter((n) => n !== '').flatMap((n) => wrapText(n, width, m(NOTE)).map((text) => ({ text, style: NOTE }))),
  ];
  return { lines, height: lines.reduce((h, l) => h + lineHeight(l.style.size), 0) };
}

/** Draws one row of cells at the flow's cursor and moves it down. */
function drawCells(flow: PageFlow, columns: readonly Column[], blocks: readonly Block[], width: number): void {
  let x = MARGIN.left;
  const height = Math.max(...blocks.map((b) => b.height)) + 2 * PAD;
  columns.forEach((col, i) => {
    const w = col.share * width;
    let y = flow.y + PAD;
    for (const line of blocks[i]?.lines ?? []) {
      const tx = col.align === 'right' ? x + w - PAD - flow.canvas.measure(line.text, line.style) : x + PAD;
      flow.canvas.text(line.text, tx, y, line.style);
      y += lineHeight(line.style.size);
    }
    x += w;
  });
  flow.y += height;
}

function drawHeader(flow: PageFlow, columns: readonly Column[], width: number): void {
  const blocks = columns.map((c) => cellBlock(flow, { text: c.header }, c.share * width - 2 * PAD, HEAD));
  const height = Math.max(...blocks.map((b) => b.height)) + 2 * PAD;
  flow.canvas.fillRect(MARGIN.left, flow.y, width, height, 0.92);
  drawCells(flow, columns, blocks, width);
  flow.canvas.rule(MARGIN.left, MARGIN.left + width, flow.y, 0.6, 0.3);
}

/**
 * Draws the table at the cursor across `width` points. A row never splits; when it does not fit
 * the rest of the page, the table continues on a new page under a repeated header.
 */
export function drawTable(flow: PageFlow, columns: readonly Column[], rows: readonly TableRow[], width: number): void {
  const head = columns.map((c) => cellBlock(flow, { text: c.header }, c.share * width - 2 * PAD, HEAD));
  const headHeight = Math.max(...head.map((b) => b.height)) + 2 * PAD;
  const blocksOf = (r: TableRow): Block[] => {
    const style: TextStyle = { ...BODY, ...(r.bold === true ? { bold: true } : {}), ...(r.muted === true ? { gray: 0.45 } : {}) };
    return columns.map((c, i) => cellBlock(flow, r.cells[i] ?? { text: '' }, c.share * width - 2 * PAD, style));
  };
  const first = rows[0] === undefined ? 0 : Math.max(...blocksOf(rows[0]).map((b) => b.height)) + 2 * PAD;
  flow.ensure(headHeight + first);
  drawHeader(flow, columns, width);
  for (const row of rows) {
    const blocks = blocksOf(row);
    const height = Math.max(...blocks.map((b) => b.height)) + 2 * PAD;
    if (flow.remaining() < height) {
      flow.newPage();
      drawHeader(flow, columns, width);
    }
    drawCells(flow, columns, blocks, width);
    flow.canvas.rule(MARGIN.left, MARGIN.left + width, flow.y, 0.3, 0.75);
  }
}
