import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';
import { qrMatrix } from './qr';

/**
 * PDF plumbing shared by the contact card and the poster. Chinese comes from the Noto Sans SC
 * files of an npm package (never from the system, so a fresh server prints the same), and pdfkit
 * embeds only the glyphs a document uses (a subset font, e.g. `ABCDEF+NotoSansSC-Regular`).
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const fontCache = new Map<keyof typeof FONT_FILES, Buffer>();

function fontBytes(which: keyof typeof FONT_FILES): Buffer {
  let bytes = fontCache.get(which);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(FONT_FILES[which]));
    fontCache.set(which, bytes);
  }
  return bytes;
}

export const RED = '#c8161d';
export const INK = '#262626';
export const GREY = '#8c8c8c';
export const MM = 72 / 25.4;

export type Doc = PDFKit.PDFDocument;

/** `bufferPages` keeps every page open until the end (to number them "第 i 页 / 共 n 页"). */
export function newDocument(
  size: [number, number],
  title: string,
  author: string,
  opts: { bufferPages?: boolean } = {},
): Doc {
  const doc = new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: opts.bufferPages ?? false,
    info: { Title: title, Author: author, Creator: '连心 Lianxin' },
  });
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  return doc;
}

/** Ends the document and collects its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Sends a PDF inline (the browser's viewer opens it) under a Chinese file name; never cached. */
export function sendPdf(reply: FastifyReply, out: { pdf: Buffer; filename: string }) {
  return reply
    .type('application/pdf')
    .header('cache-control', 'private, no-store')
    .header(
      'content-disposition',
      `inline; filename="lianxin.pdf"; filename*=UTF-8''${encodeURIComponent(out.filename)}`,
    )
    .send(out.pdf);
}

/** The QR code as vector squares (sharp at any print size, a few hundred bytes). */
export function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const { size: n, dark } = qrMatrix(url);
  const cell = size / (n + 4);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (dark(col, row)) doc.rect(x + (col + 2) * cell, y + (row + 2) * cell, cell, cell);
    }
  }
  doc.fill();
  doc.restore();
}

/** Only inline images are drawn (`data:image/png|jpeg;base64,…`): the server never fetches a URL. */
export function photoBytes(photoUrl: string | null): Buffer | null {
  const m = photoUrl?.match(/^data:image\/(png|jpe?g);base64,([A-Za-z0-9+/=]+)$/);
  return m?.[2] ? Buffer.from(m[2], 'base64') : null;
}

/** A photo, or a placeholder with the surname when there is none. */
export function drawPhoto(
  doc: Doc,
  photoUrl: string | null,
  name: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const bytes = photoBytes(photoUrl);
  if (bytes) {
    try {
      doc.image(bytes, x, y, { fit: [w, h], align: 'center', valign: 'center' });
      return;
    } catch {
      // A broken image falls back to the placeholder.
    }
  }
  doc.save().roundedRect(x, y, w, h, 4).fill('#f6e7e7');
  doc
    .font('bold')
    .fontSize(w * 0.45)
    .fillColor(RED)
    .text([...name][0] ?? '', x, y + h / 2 - w * 0.32, { width: w, align: 'center', lineBreak: false });
  doc.restore();
}

/** Text that must fit a box: shrinks nothing, cuts after `lines` lines with an ellipsis. */
export function clampedText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  opts: { width: number; lines: number; size: number; font?: 'regular' | 'bold'; color?: string },
): number {
  doc
    .font(opts.font ?? 'regular')
    .fontSize(opts.size)
    .fillColor(opts.color ?? INK);
  const lineHeight = doc.currentLineHeight(true);
  const height = lineHeight * opts.lines;
  doc.text(text, x, y, { width: opts.width, height, ellipsis: '…', lineGap: 0 });
  return Math.min(doc.heightOfString(text, { width: opts.width }), height);
}
