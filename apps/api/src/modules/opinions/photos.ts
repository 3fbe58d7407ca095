import {
  type CleanPhoto,
  cleanImage,
  cleanImageOrPdf,
  type PhotoErrors,
  storeUpload,
} from '../../kernel/files/photos';
import { opinionErrors } from './opinions.errors';

// The sniffing, stripping and storage shared with other modules (kernel/files/photos.ts).
export {
  type CleanPhoto,
  decodeUpload,
  type FileMime,
  type PhotoMime,
  sniffImage,
  stripJpeg,
  stripPng,
  stripWebp,
} from '../../kernel/files/photos';

export const MAX_PHOTOS = 4;
export const MAX_REPLY_FILES = 6;

const errors: PhotoErrors = {
  type: () => opinionErrors.photo_type(),
  tooLarge: (maxBytes) => opinionErrors.photo_too_large({ maxBytes }),
};

/** Sniffs, size-checks and strips one uploaded photo. */
export function cleanPhoto(raw: Buffer, maxBytes: number): CleanPhoto {
  return cleanImage(raw, maxBytes, errors);
}

/**
 * A reply attachment: a photo (as `cleanPhoto`) or a PDF letter (答复函), recognised by its
 * header and trailer, never by the name or type the client sent.
 */
export function cleanReplyFile(raw: Buffer, maxBytes: number): CleanPhoto {
  return cleanImageOrPdf(raw, maxBytes, errors);
}

/** Stores by content hash under the data folder (`uploads/opinions/…`); returns the path relative to it. */
export function storePhoto(dataDir: string, regionCode: string, p: CleanPhoto): Promise<string> {
  return storeUpload(dataDir, 'opinions', regionCode, p);
}
