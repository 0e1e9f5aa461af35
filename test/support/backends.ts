import type { Locale } from '../../addin/src/i18n/locale';
import { fixedClock, type Clock } from '../../addin/src/core/clock';
import { hostWorkbookFromXlsx, hostWorkbookToXlsx, type HostClient, type HostWorkbook, hostClient } from '../../addin/src/host';
import { excelRun, openOfficeLedger } from '../../addin/src/ledger/office/officeLedger';
import type { Ledger } from '../../addin/src/ledger/types';
import { buildTemplateBuffer } from '../../addin/src/workbooks/template';
import { XlsxLedger } from '../../addin/src/ledger/xlsx/xlsxLedger';
import { PackageLedger } from '../../addin/src/ledger/xlsx/packageLedger';
import ExcelJS from 'exceljs';

/**
 * The two backends behind one face, for the conformance suite: open a ledger on workbook bytes,
 * work on it, and hand the bytes back (so the other backend can continue the same workbook).
 */
export interface BackendSession {
  readonly ledger: Ledger;
  /** The workbook as .xlsx bytes, as it is now. */
  bytes(): Promise<Uint8Array>;
  /** Reads a worksheet cell's raw content for assertions: value, and formula if it holds one. */
  cell(sheet: string, row: number, column: number): Promise<{ value: unknown; formula?: string }>;
}

export interface Backend {
  readonly name: string;
  open(bytes: Uint8Array, options?: { clock?: Clock; station?: string }): Promise<BackendSession>;
}

const templates = new Map<Locale, Uint8Array>();

export async function templateBytes(locale: Locale = 'zh-CN'): Promise<Uint8Array> {
  let bytes = templates.get(locale);
  if (!bytes) {
    bytes = await buildTemplateBuffer({ locale, createdAt: '2026-01-01 00:00:00', site: '测试医院' });
    templates.set(locale, bytes);
  }
  return bytes;
}

export const defaultClock = (): Clock => fixedClock('2026-03-15 10:00:00', 1);

export const xlsxBackend: Backend = {
  name: 'exceljs backend',
  async open(bytes, options = {}) {
    const ledger = await XlsxLedger.fromBuffer(bytes, { station: options.station ?? 'xlsx-test', clock: options.clock ?? defaultClock() });
    return {
      ledger,
      bytes: () => ledger.toBuffer(),
      async cell(sheet, row, column) {
        const value = ledger.workbook
          .getWorksheet(sheet)!
          .getRow(row + 1)
          .getCell(column + 1).value;
        if (value && typeof value === 'object' && 'formula' in value) return { value: value.result, formula: `=${value.formula}` };
        return { value };
      },
    };
  },
};

/**
 * The command line's backend for existing ledgers: edits the file part by part. Each session keeps
 * its edits in memory; `bytes()` writes the package (and the session goes on from those bytes, so
 * a long test exercises many writes of the same file, as successive kefu runs do).
 */
export const packageBackend: Backend = {
  name: 'part-level .xlsx backend',
  async open(bytes, options = {}) {
    const make = (from: Uint8Array) => PackageLedger.fromBuffer(from, { station: options.station ?? 'package-test', clock: options.clock ?? defaultClock() });
    let current = await make(bytes);
    const ledger: Ledger = {
      get locale() {
        return current.locale;
      },
      read: (request) => current.read(request),
      apply: (changes, basis) => current.apply(changes, basis),
    };
    const bytesNow = async () => {
      const written = await current.toBuffer();
      current = await make(written);
      return written;
    };
    return {
      ledger,
      bytes: bytesNow,
      async cell(sheet, row, column) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await bytesNow()) as unknown as ArrayBuffer);
        const value = workbook
          .getWorksheet(sheet)!
          .getRow(row + 1)
          .getCell(column + 1).value;
        if (value && typeof value === 'object' && 'formula' in value) return { value: value.result, formula: `=${value.formula}` };
        if (value && typeof value === 'object' && 'richText' in value) return { value: value.richText.map((r) => r.text).join('') };
        return { value };
      },
    };
  },
};

export interface OfficeSession extends BackendSession {
  readonly workbook: HostWorkbook;
  readonly client: HostClient;
}

export async function openOnHost(workbook: HostWorkbook, options: { clock?: Clock; station?: string; maxRequestBytes?: number } = {}): Promise<OfficeSession> {
  const client = hostClient(workbook);
  const ledger = await openOfficeLedger(excelRun(client), {
    station: options.station ?? 'office-test',
    clock: options.clock ?? defaultClock(),
    maxRequestBytes: options.maxRequestBytes,
  });
  return {
    ledger,
    workbook,
    client,
    bytes: () => hostWorkbookToXlsx(workbook),
    async cell(sheet, row, column) {
      // The model itself: Office.js `formulas` returns a constant's text too, so it cannot tell.
      const cell = workbook.worksheet(sheet).cell(row, column);
      return cell?.formula ? { value: cell.value, formula: cell.formula } : { value: cell?.value ?? null };
    },
  };
}

export const officeBackend: Backend = {
  name: 'Office.js backend (in-memory host)',
  async open(bytes, options = {}) {
    return openOnHost(await hostWorkbookFromXlsx(bytes), options);
  },
};

export const BACKENDS: readonly Backend[] = [xlsxBackend, officeBackend, packageBackend];
