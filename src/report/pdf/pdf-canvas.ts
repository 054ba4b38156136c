// Rendering support (stage 10): the only user of pdfkit. Draws single lines of text, rules and
// shaded boxes on A4 pages with the embedded DejaVu Sans font; output: the PDF's bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKit from 'pdfkit';

/** A4 in PostScript points (ISO 216: 210 x 297 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  /** 0 black .. 1 white. */
  readonly gray?: number;
}

/** What the layout code draws with: no pdfkit type leaks out of this file. */
export interface PdfCanvas {
  /** Width of `text` on one line in points. */
  readonly measure: (text: string, style: TextStyle) => number;
  /** One line of text whose top is at `y` (no wrapping: wrap.ts decides the lines). */
  readonly text: (text: string, x: number, y: number, style: TextStyle) => void;
  readonly rule: (x1: number, x2: number, y: number, width: number, gray: number) => void;
  readonly fillRect: (x: number, y: number, w: number, h: number, gray: number) => void;
  readonly addPage: () => void;
  /** Ends the document and returns its bytes (the canvas is unusable afterwards). */
  readonly finish: () => Uint8Array;
}

/** Document metadata; `date` fixes CreationDate and ModDate (and so the document /ID). */
export interface PdfInfo {
  readonly title: string;
  readonly subject?: string;
  readonly language: string;
  readonly date: Date;
}

// Loaded on the first PDF only (createRequire keeps rendering synchronous, so the monthly run's
// per-contract rendering stays as it is), so `attain validate` and the other commands never pay
// for pdfkit and fontkit at start-up.
const load = createRequire(import.meta.url);
let pdfkit: typeof PDFKit | undefined;

/**
 * The embedded fonts' files, DejaVu Sans (Cyrillic, Serbian Latin, French; licence in the
 * package), read once per process. Each document parses them anew: a parsed font shared between
 * documents loses glyphs from the later documents' subsets.
 */
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function fontBytes(): { regular: Buffer; bold: Buffer } {
  const read = (file: string): Buffer => readFileSync(load.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  fontFiles ??= { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  return fontFiles;
}

/**
 * A new A4 document. Deterministic: fixed dates, an /ID pdfkit derives from the info, fonts
 * subset in glyph order, and no compression (zlib's output can vary with the build and CPU).
 */
export function openPdf(info: PdfInfo): PdfCanvas {
  pdfkit ??= load('pdfkit') as typeof PDFKit;
  const doc = new pdfkit({
    size: 'A4',
    margin: 0,
    compress: false,
    autoFirstPage: true,
    lang: info.language,
    info: { Title: info.title, ...(info.subject === undefined ? {} : { Subject: info.subject }), Producer: 'attain', Creator: 'attain', CreationDate: info.date, ModDate: info.date },
  });
  const files = fontBytes();
  doc.registerFont('regular', files.regular);
  doc.registerFont('bold', files.bold);
  const use = (s: TextStyle): PDFKit.PDFDocument => doc.font(s.bold === true ? 'bold' : 'regular').fontSize(s.size);
  return {
    measure: (text, s) => use(s).widthOfString(text),
    text: (text, x, y, s) => {
      use(s)
        .fillColor(grayHex(s.gray ?? 0))
        .text(text, x, y, { lineBreak: false });
    },
    rule: (x1, x2, y, width, gray) => {
      doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(grayHex(gray)).stroke().restore();
    },
    fillRect: (x, y, w, h, gray) => {
      doc.save().rect(x, y, w, h).fillColor(grayHex(gray)).fill().restore();
    },
    addPage: () => {
      doc.addPage({ size: 'A4', margin: 0 });
    },
    finish: () => {
      doc.end();
      // pdfkit pushes every chunk into its stream buffer synchronously; read them back at once.
      const chunks: Buffer[] = [];
      for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
      return Buffer.concat(chunks);
    },
  };
}

function grayHex(g: number): string {
  const v = Math.round(Math.min(1, Math.max(0, g)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `#${v}${v}${v}`;
}
