import ExcelJS from 'exceljs';

/**
 * Reading and templating .xlsx import sheets: a sheet's columns are data (key, Chinese header,
 * required, width); headers are what people see and what row errors name.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetColumn<K extends string = string> {
  readonly key: K;
  readonly header: string;
  readonly required: boolean;
  readonly width: number;
}
export type SheetRow<K extends string> = { row: number } & Partial<Record<K, string>>;
/** Raised for an unreadable file or missing required headers (the module's own error code). */
export type SheetError = (
  details?: Array<{ row: number; column: string; message: string }>,
  message?: string,
) => Error;

export interface ReadSheetOptions<K extends string> {
  /** The template's sheet name; without it, the fallback below. */
  sheetName: string;
  /** Which sheet to read when the named one is missing: the first, or the first visible one. */
  fallback?: 'first' | 'first_visible';
  /** Rows whose value in this column starts with `examplePrefix` are the template's example. */
  exampleKey: K;
  examplePrefix: string;
  /** How a date cell reads: the date only, or date and time (when the time is not midnight). */
  dates?: 'date' | 'date_time';
}

export function cellText(v: ExcelJS.CellValue, dates: 'date' | 'date_time' = 'date'): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Excel keeps the wall time as typed; ExcelJS reads it as UTC.
  if (v instanceof Date) {
    const iso = v.toISOString();
    if (dates === 'date' || iso.slice(11, 16) === '00:00') return iso.slice(0, 10);
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue, dates);
  }
  return String(v).trim();
}

/**
 * Reads the template's sheet (or the fallback): header row → columns (a trailing * or spaces
 * ignored), then one record per non-empty row keyed by Excel row number; the example row is left
 * out. Unreadable files and missing required headers raise `onError` with Chinese details.
 */
export async function readSheet<K extends string>(
  buffer: Buffer,
  columns: readonly SheetColumn<K>[],
  opts: ReadSheetOptions<K>,
  onError: SheetError,
): Promise<SheetRow<K>[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw onError();
  }
  const fallback =
    opts.fallback === 'first_visible' ? wb.worksheets.find((w) => w.state !== 'hidden') : wb.worksheets[0];
  const ws = wb.getWorksheet(opts.sheetName) ?? fallback;
  if (!ws) throw onError();
  const dates = opts.dates ?? 'date';
  const byCol = new Map<number, K>();
  ws.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value, dates).replace(/[*＊\s]/g, '');
    const c = columns.find((x) => x.header === text);
    if (c) byCol.set(col, c.key);
  });
  const missing = columns.filter((c) => c.required && ![...byCol.values()].includes(c.key));
  if (missing.length > 0) {
    throw onError(
      missing.map((c) => ({ row: 1, column: c.header, message: '缺少此列' })),
      `表头缺少必填列：${missing.map((c) => c.header).join('、')}，请使用下载的模板`,
    );
  }
  const rows: SheetRow<K>[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const rec = { row: rowNumber } as SheetRow<K>;
    const values = rec as Partial<Record<K, string>>;
    let any = false;
    r.eachCell((cell, col) => {
      const key = byCol.get(col);
      const text = key ? cellText(cell.value, dates) : '';
      if (key && text) {
        values[key] = text;
        any = true;
      }
    });
    if (any && !values[opts.exampleKey]?.startsWith(opts.examplePrefix)) rows.push(rec);
  });
  return rows;
}

// ——— templates ———

/** The header row: required headers marked *, bold on a light fill, frozen. */
export function writeHeader(ws: ExcelJS.Worksheet, columns: readonly SheetColumn[]): void {
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5E6E6' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The example row under the header, in grey italics. */
export function writeExampleRow(ws: ExcelJS.Worksheet, values: unknown[]): void {
  ws.addRow(values).font = { italic: true, color: { argb: 'FF888888' } };
}

interface RangeValidations {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
}

/** A drop-down on a column's data rows; `formula` is an inline `"a,b"` list or a range. */
export function addListValidation(
  ws: ExcelJS.Worksheet,
  columns: readonly SheetColumn[],
  key: string,
  formula: string,
  strict: boolean,
): void {
  const col = columns.findIndex((c) => c.key === key) + 1;
  const letter = ws.getColumn(col).letter;
  const header = columns[col - 1]!.header;
  (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}10001`, {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: strict,
    errorStyle: 'stop',
    error: `请从下拉列表中选择${header}`,
  });
}

/** The how-to sheet: one line per topic. */
export function writeHelpSheet(wb: ExcelJS.Workbook, width: number, notes: Array<[string, string]>): void {
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width }];
  for (const n of notes) help.addRow(n);
}
