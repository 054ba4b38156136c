// Rendering support (stage 10): the page flow of a PDF document: margins, a cursor going down
// the A4 page, page breaks (with a callback that repeats a table header) and the page footer.
import { A4, type PdfCanvas, type TextStyle } from './pdf-canvas.js';
import { wrapText } from './wrap.js';

/** Page margins in points (about 15 mm at the sides, 18 mm top and bottom). */
export const MARGIN = { left: 42, right: 42, top: 50, bottom: 56 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** Line height for a font size (DejaVu's ascent + descent is about 1.17 em). */
export function lineHeight(size: number): number {
  return size * 1.3;
}

/** A cursor over the pages of one document. */
export class PageFlow {
  /** Top of the next thing drawn. */
  y: number = MARGIN.top;
  private page = 1;

  /** `footer` draws the footer of a page (its number is 1-based). */
  constructor(
    readonly canvas: PdfCanvas,
    private readonly footer: (canvas: PdfCanvas, page: number) => void,
  ) {
    footer(canvas, 1);
  }

  /** Points left above the bottom margin. */
  remaining(): number {
    return A4.height - MARGIN.bottom - this.y;
  }

  newPage(): void {
    this.canvas.addPage();
    this.page += 1;
    this.y = MARGIN.top;
    this.footer(this.canvas, this.page);
  }

  /** Starts a new page when fewer than `height` points are left (and the page is not empty). */
  ensure(height: number): boolean {
    if (this.remaining() >= height || this.y === MARGIN.top) return false;
    this.newPage();
    return true;
  }

  /** Wrapped text over the content width (or `width` from `x`), moving the cursor down. */
  paragraph(text: string, style: TextStyle, x: number = MARGIN.left, width: number = CONTENT_WIDTH - (x - MARGIN.left)): void {
    const h = lineHeight(style.size);
    for (const line of wrapText(text, width, (s) => this.canvas.measure(s, style))) {
      this.ensure(h);
      this.canvas.text(line, x, this.y, style);
      this.y += h;
    }
  }

  /** Empty space (never carried over to a new page). */
  gap(points: number): void {
    this.y = Math.min(this.y + points, A4.height - MARGIN.bottom);
  }
}
