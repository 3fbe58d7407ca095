import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploaded photos, shared by every module that takes them (opinions, activities): the real type
 * from the first bytes, a size limit, metadata (EXIF with GPS, XMP, text chunks) stripped, and
 * storage under the data folder by content hash. Each module passes its own errors (codes stay
 * namespaced: `opinions.photo_type`, `activities.photo_type`).
 */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';
export type FileMime = PhotoMime | 'application/pdf';

/** A file whose structure is broken; `cleanImage` turns it into the module's own type error. */
export class MalformedImage extends Error {
  constructor() {
    super('malformed image');
  }
}
const malformed = () => new MalformedImage();

/** The errors a module raises for a refused photo. */
export interface PhotoErrors {
  type: () => Error;
  tooLarge: (maxBytes: number) => Error;
}

/** The real type from the first bytes; the client's name and declared type are never trusted. */
export function sniffImage(buf: Buffer): PhotoMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * Rewrites a JPEG without its metadata segments: APP1 (EXIF with GPS, XMP), APP2–APP15 except
 * Adobe's APP14 (colour transform), and comments. Image data after SOS is copied untouched.
 */
export function stripJpeg(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) throw malformed();
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      out.push(buf.subarray(i));
      return Buffer.concat(out);
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      out.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) throw malformed();
    const metadata = (marker >= 0xe1 && marker <= 0xef && marker !== 0xee) || marker === 0xfe;
    if (!metadata) out.push(buf.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  throw malformed();
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** Drops PNG metadata chunks (eXIf, text); every other chunk is kept with its own CRC. */
export function stripPng(buf: Buffer): Buffer {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > buf.length) throw malformed();
    if (!PNG_DROP.has(type)) out.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw malformed();
}

/** Drops the EXIF and XMP chunks of a WebP and clears their flags in VP8X. */
export function stripWebp(buf: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= buf.length) {
    const type = buf.toString('latin1', i, i + 4);
    const len = buf.readUInt32LE(i + 4);
    const end = i + 8 + len + (len % 2);
    if (i + 8 + len > buf.length) throw malformed();
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(i, Math.min(end, buf.length)));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

export interface CleanPhoto {
  mime: FileMime;
  data: Buffer;
  sha256: string;
}

export const sha256Of = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** Sniffs, size-checks and strips one uploaded photo; refusals are the module's own errors. */
export function cleanImage(raw: Buffer, maxBytes: number, errors: PhotoErrors): CleanPhoto {
  if (raw.length > maxBytes) throw errors.tooLarge(maxBytes);
  const mime = sniffImage(raw);
  if (!mime) throw errors.type();
  try {
    const data =
      mime === 'image/jpeg' ? stripJpeg(raw) : mime === 'image/png' ? stripPng(raw) : stripWebp(raw);
    return { mime, data, sha256: sha256Of(data) };
  } catch (e) {
    if (e instanceof MalformedImage) throw errors.type();
    throw e;
  }
}

/**
 * A photo (as `cleanImage`) or a PDF document, recognised by its `%PDF-` header and `%%EOF`
 * trailer, never by the name or type the client sent. PDFs are kept as they are.
 */
export function cleanImageOrPdf(raw: Buffer, maxBytes: number, errors: PhotoErrors): CleanPhoto {
  if (raw.subarray(0, 5).toString('latin1') !== '%PDF-') return cleanImage(raw, maxBytes, errors);
  if (raw.length > maxBytes) throw errors.tooLarge(maxBytes);
  if (!raw.subarray(-1024).toString('latin1').includes('%%EOF')) throw errors.type();
  return { mime: 'application/pdf', data: raw, sha256: sha256Of(raw) };
}

const EXT: Record<FileMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * Stores by content hash under `uploads/<folder>/<region>/` of the data folder; returns the path
 * relative to it (kept in the module's attachment row).
 */
export async function storeUpload(
  dataDir: string,
  folder: string,
  regionCode: string,
  p: CleanPhoto,
): Promise<string> {
  const rel = path.join('uploads', folder, regionCode, p.sha256.slice(0, 2), `${p.sha256}.${EXT[p.mime]}`);
  const abs = path.join(dataDir, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  await fs.writeFile(abs, p.data, { flag: 'w' });
  return rel;
}

/** Reads a stored upload back; null when the file is gone. */
export async function readUpload(dataDir: string, rel: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path.join(dataDir, rel));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Removes a stored upload (after its last row went); a file already gone is fine. */
export async function removeUpload(dataDir: string, rel: string): Promise<void> {
  await fs.rm(path.join(dataDir, rel), { force: true });
}

/**
 * Removes the stored files among `paths` that no row holds any more (content is shared by hash, so a
 * file goes only with its last row); `held` returns those of the given paths still referenced.
 */
export async function removeUnreferencedUploads(
  dataDir: string,
  paths: string[],
  held: (paths: string[]) => Promise<string[]>,
): Promise<void> {
  const unique = [...new Set(paths)];
  if (unique.length === 0) return;
  const keep = new Set(await held(unique));
  await Promise.all(unique.filter((p) => !keep.has(p)).map((p) => removeUpload(dataDir, p)));
}

/** Decodes a base64 (or data-URL) upload. */
export function decodeUpload(s: string): Buffer {
  const comma = s.startsWith('data:') ? s.indexOf(',') : -1;
  return Buffer.from(comma >= 0 ? s.slice(comma + 1) : s, 'base64');
}
