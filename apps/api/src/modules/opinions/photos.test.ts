import { describe, expect, it } from 'vitest';
import { jpegWithExif, tinyPng } from './opinions.fixtures';
import { cleanPhoto, decodeUpload, sniffImage, stripJpeg, stripPng, stripWebp } from './photos';

const has = (buf: Buffer, s: string) => buf.includes(Buffer.from(s, 'latin1'));

describe('photos', () => {
  it('sniffs the real type from magic bytes, whatever the name says', () => {
    expect(sniffImage(tinyPng())).toBe('image/png');
    expect(sniffImage(jpegWithExif())).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a……'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg onload="alert(1)">'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('strips EXIF/GPS and comments from JPEGs by rewriting segments, keeping JFIF and image data', () => {
    const raw = jpegWithExif();
    expect(has(raw, 'GPSLatitude')).toBe(true);
    const out = stripJpeg(raw);
    expect(has(out, 'GPSLatitude')).toBe(false);
    expect(has(out, 'taken at home')).toBe(false);
    expect(has(out, 'JFIF')).toBe(true);
    expect(out.subarray(-15).equals(raw.subarray(-15))).toBe(true);
    expect(out.length).toBeLessThan(raw.length);
  });

  it('drops the eXIf chunk of PNGs and the EXIF chunk of WebPs', () => {
    const png = tinyPng(2, 2, Buffer.from('MM\0*GPS 31.11,121.38', 'latin1'));
    expect(has(png, 'GPS')).toBe(true);
    const clean = stripPng(png);
    expect(has(clean, 'GPS')).toBe(false);
    expect(clean.equals(tinyPng(2, 2))).toBe(true);

    const exif = Buffer.from('MM\0*GPS!', 'latin1');
    const vp8x = Buffer.concat([
      Buffer.from('VP8X', 'latin1'),
      Buffer.from([10, 0, 0, 0, 0x08, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
    ]);
    const img = Buffer.concat([Buffer.from('VP8L', 'latin1'), Buffer.from([2, 0, 0, 0, 0x2f, 0])]);
    const ex = Buffer.concat([Buffer.from('EXIF', 'latin1'), Buffer.from([exif.length, 0, 0, 0]), exif]);
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, img, ex]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
    const out = stripWebp(webp);
    expect(has(out, 'GPS')).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]! & 0x08).toBe(0);
  });

  it('refuses oversize, unknown and truncated files', () => {
    expect(() => cleanPhoto(tinyPng(), 10)).toThrow(
      expect.objectContaining({ code: 'opinions.photo_too_large' }),
    );
    expect(() => cleanPhoto(Buffer.from('GIF89a'), 1e6)).toThrow(
      expect.objectContaining({ code: 'opinions.photo_type' }),
    );
    expect(() => cleanPhoto(tinyPng().subarray(0, 30), 1e6)).toThrow(
      expect.objectContaining({ code: 'opinions.photo_type' }),
    );
    const p = cleanPhoto(tinyPng(), 1e6);
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeUpload(`data:image/png;base64,${tinyPng().toString('base64')}`).equals(tinyPng())).toBe(
      true,
    );
  });
});
