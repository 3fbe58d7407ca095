import QRCode from 'qrcode';

/**
 * QR codes for the portal links printed on cards and posters. Error correction M survives a
 * scuffed sticker; the SVG and the PDF both draw from the same module matrix.
 */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export const deputyLink = (publicBaseUrl: string, code: string) => `${publicBaseUrl}/d/${code}`;
export const stationLink = (publicBaseUrl: string, code: string) => `${publicBaseUrl}/s/${code}`;

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: 512 });
}

/** The dark/light modules (row-major) for drawing the code as vector squares. */
export function qrMatrix(url: string): { size: number; dark: (x: number, y: number) => boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}
