import ExcelJS from 'exceljs';
import { buildTemplate, type TemplateOptions } from './template';

/**
 * The template's sheets that hold no table (print sheets, the statistics cross-check, the lists
 * behind long validations), as the add-in's Upgrade workbook writes them through Office.js when a
 * ledger lacks one (upgrade/officeUpgrade.ts). They come from the template builder itself — the
 * same declarations (ledger/print.ts, printSheets.ts, crossCheckSheet.ts) — built by exceljs in the
 * pane, which loads this module only then.
 *
 * What is copied is what Office.js can write (ExcelApi ≤ 1.9) and the in-memory host implements:
 * values and formulas, number formats, bold, font and solid fill colours, vertical alignment,
 * wrapping, merged cells, column widths, hidden columns, row heights, frozen panes, validations,
 * the print area and manual page breaks. Left out: borders, font sizes and italics, horizontal
 * alignment, the paper (size, orientation, fit to page, margins, centring), headers and footers,
 * and the tab colour — a restored print sheet shows and prints the record, on one page per copy,
 * without the boxes and titles' sizes of a new template's (`kefu upgrade` copies the sheet whole).
 */

export interface SheetCopyCell {
  /** 0-based. */
  readonly row: number;
  readonly col: number;
  readonly value?: string | number | boolean;
  /** Starts with "=". */
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly bold?: boolean;
  /** "#RRGGBB". */
  readonly fontColor?: string;
  readonly fill?: string;
  readonly vertical?: 'Top' | 'Center' | 'Bottom';
  readonly wrapText?: boolean;
}

export interface SheetCopy {
  readonly name: string;
  readonly hidden: boolean;
  readonly cells: readonly SheetCopyCell[];
  /** A1 addresses. */
  readonly merges: readonly string[];
  /** 0-based columns: width in characters, hidden. */
  readonly columns: readonly { readonly index: number; readonly width?: number; readonly hidden?: boolean }[];
  /** 0-based rows and their heights in points. */
  readonly rowHeights: readonly (readonly [number, number])[];
  readonly frozenRows: number;
  readonly frozenColumns: number;
  /** exceljs' model of each validation, by the address it covers. */
  readonly validations: readonly { readonly address: string; readonly rule: Readonly<Record<string, unknown>> }[];
  /** A1 addresses. */
  readonly printArea: readonly string[];
  /** 0-based rows a new page starts at (manual page breaks). */
  readonly pageBreaksBefore: readonly number[];
}

function htmlColor(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  return typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;
}

const VERTICAL: Readonly<Record<string, SheetCopyCell['vertical']>> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };

function cellOf(cell: ExcelJS.Cell, row: number, col: number): SheetCopyCell | undefined {
  const raw = cell.value as unknown;
  let value: SheetCopyCell['value'];
  let formula: string | undefined;
  if (raw !== null && typeof raw === 'object' && 'formula' in raw) formula = `=${(raw as { formula: string }).formula}`;
  else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') value = raw;
  else if (raw !== null && raw !== undefined) throw new Error(`Template sheet cell ${cell.address}: a value of a kind the copy does not carry`);
  const fill = cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? htmlColor(cell.fill.fgColor) : undefined;
  const out: SheetCopyCell = {
    row,
    col,
    ...(value !== undefined ? { value } : {}),
    ...(formula ? { formula } : {}),
    ...(cell.numFmt && cell.numFmt !== 'General' ? { numberFormat: cell.numFmt } : {}),
    ...(cell.font?.bold ? { bold: true } : {}),
    ...(htmlColor(cell.font?.color) ? { fontColor: htmlColor(cell.font?.color) } : {}),
    ...(fill ? { fill } : {}),
    ...(cell.alignment?.vertical && VERTICAL[cell.alignment.vertical] ? { vertical: VERTICAL[cell.alignment.vertical] } : {}),
    ...(cell.alignment?.wrapText ? { wrapText: true } : {}),
  };
  return Object.keys(out).length > 2 ? out : undefined;
}

/** The template's sheets named `names` (each must be one without tables), as `SheetCopy`s. */
export function templateSheetCopies(names: readonly string[], options: TemplateOptions): SheetCopy[] {
  const workbook = buildTemplate(options);
  return names.map((name) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`The template has no sheet ${name}`);
    if (Object.keys((sheet as unknown as { tables: object }).tables ?? {}).length > 0) throw new Error(`Template sheet ${name} holds a table`);
    const cells: SheetCopyCell[] = [];
    const rowHeights: [number, number][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (typeof row.height === 'number') rowHeights.push([rowNumber - 1, row.height]);
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const copy = cellOf(cell, rowNumber - 1, colNumber - 1);
        if (copy) cells.push(copy);
      });
    });
    const columns = (sheet.columns ?? []).flatMap((column, i) =>
      column && (typeof column.width === 'number' || column.hidden)
        ? [{ index: (column.number ?? i + 1) - 1, ...(typeof column.width === 'number' ? { width: column.width } : {}), ...(column.hidden ? { hidden: true } : {}) }]
        : [],
    );
    const view = sheet.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    const frozen = view?.state === 'frozen';
    const model = (sheet as unknown as { dataValidations: { model: Record<string, Record<string, unknown>> } }).dataValidations.model;
    const merges = Object.values((sheet as unknown as { _merges: Record<string, { range: string }> })._merges ?? {}).map((m) => m.range);
    const printArea = typeof sheet.pageSetup?.printArea === 'string' ? sheet.pageSetup.printArea.split('&&').map((a) => a.replace(/\$/g, '')) : [];
    const breaks = ((sheet as unknown as { rowBreaks?: { id: number }[] }).rowBreaks ?? []).map((b) => b.id);
    return {
      name,
      hidden: sheet.state !== 'visible',
      cells,
      merges,
      columns,
      rowHeights,
      frozenRows: frozen ? (view?.ySplit ?? 0) : 0,
      frozenColumns: frozen ? (view?.xSplit ?? 0) : 0,
      validations: Object.entries(model).map(([address, rule]) => ({ address, rule })),
      printArea,
      pageBreaksBefore: breaks,
    };
  });
}
