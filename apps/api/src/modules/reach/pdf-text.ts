import zlib from 'node:zlib';

/**
 * Just enough of a PDF reader for tests: reads the objects of an uncompressed-xref PDF (pdfkit's
 * output), inflates streams, maps each font's glyph ids back to Unicode through its ToUnicode CMap
 * and returns the text of every TJ/Tj operator, one per line. Not a general parser.
 */
export interface PdfFacts {
  text: string;
  /** BaseFont names of embedded fonts, e.g. 'ABCDEF+NotoSansSC-Regular'. */
  baseFonts: string[];
  pages: number;
}

export function readPdf(pdf: Buffer): PdfFacts {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    let stream: string | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      const start = body[s + 6] === '\r' ? s + 8 : s + 7;
      const bytes = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      try {
        stream = (/FlateDecode/.test(dict) ? zlib.inflateSync(bytes) : bytes).toString('latin1');
      } catch {
        stream = null;
      }
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const cmaps = new Map<string, Map<number, string>>();
  const baseFonts: string[] = [];
  for (const [, o] of objects) {
    const bf = /\/BaseFont\s*\/([^\s/<>]+)/.exec(o.dict);
    if (bf && /\/Type0/.test(o.dict)) baseFonts.push(bf[1]!);
  }
  // Font resource names (/F1 12 0 R) → ToUnicode map of that font object.
  for (const [, o] of objects) {
    for (const f of o.dict.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(f[2]));
      const tu = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
      const cmap = tu ? objects.get(Number(tu[1]))?.stream : null;
      if (cmap) cmaps.set(f[1]!, parseCmap(cmap));
    }
  }
  const lines: string[] = [];
  let pages = 0;
  for (const [, o] of objects) {
    if (/\/Type\s*\/Page[^s]/.test(o.dict)) pages++;
    if (!o.stream || !/\bT[Jj]\b/.test(o.stream)) continue;
    let current = new Map<number, string>();
    for (const op of o.stream.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) current = cmaps.get(op[1]) ?? new Map();
      else {
        const hexes =
          op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
        lines.push(hexes.map((h) => decode(h, current)).join(''));
      }
    }
  }
  return { text: lines.join('\n'), baseFonts, pages };
}

function decode(hex: string, cmap: Map<number, string>): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += cmap.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '?';
  return out;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const lo = Number.parseInt(r[1]!, 16);
      const hi = Number.parseInt(r[2]!, 16);
      const dst = r[3]!;
      if (dst.startsWith('[')) {
        let code = lo;
        for (const d of dst.matchAll(/<([0-9a-fA-F]+)>/g)) map.set(code++, utf16(d[1]!));
      } else {
        const first = Number.parseInt(dst.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(Number.parseInt(r[1]!, 16), utf16(r[2]!));
    }
  }
  return map;
}
