import type { Locale, Text } from '../i18n/locale';
import { LOCALES } from '../i18n/locale';
import { FORMS, findForm } from '../forms';
import { columnsOf, type CellKind } from '../forms/columns';
import type { CodeDecl } from '../forms/types';
import { KefuError } from '../core/problems';
import { formatWrittenWith, fromCell, isBlankRow, toCell, type CellIn, type CellOut, type DomainValue, type RecordValues } from './cells';
import {
  AUDIT_COLUMNS,
  AUDIT_SHEET,
  AUDIT_TABLE,
  CLAIM_COLUMNS,
  COUNTER_COLUMNS,
  COUNTERS_TABLE,
  DICTIONARY_COLUMNS,
  DICTIONARY_SHEET,
  DICTIONARY_TABLE,
  META_COLUMNS,
  META_SHEET,
  META_TABLE,
  type PlainColumn,
} from './layout';
import type { TableLayout } from './types';

/**
 * Whether a row selection looks up numbers this ledger issued (a sequence or derived number, by
 * the table's key): each must be found, else `recordNotFound`. Any other selection — by a key
 * people type in (a gear no., a work-order no.: checking for a duplicate) or by another column (a
 * team's gear, an order's installation sheets) — gives every row that matches, none being no error.
 */
export function mustFindEach(tableKey: string, where: string): boolean {
  const form = findForm(tableKey);
  // The audit log is searched for entries that may not be there (an import's markers).
  if (!form) return tableKey !== AUDIT_TABLE;
  return form.keyField === where && (form.numbering.kind === 'sequence' || form.numbering.kind === 'derived');
}

/** A column of any ledger table, as both backends map it. */
export interface TableColumn {
  readonly key: string;
  readonly label: Text;
  readonly kind: CellKind;
  readonly codes?: readonly CodeDecl[];
}

export interface TableSchema {
  readonly key: string;
  readonly sheet: Text;
  readonly columns: readonly TableColumn[];
}

const fixed = (sheet: string | Text): Text => (typeof sheet === 'string' ? { 'zh-CN': sheet, 'zh-TW': sheet, 'en-US': sheet } : sheet);

/** The tables that are not forms: where they live and their columns. Claims tables are added per series. */
const SYSTEM_TABLES: readonly TableSchema[] = [
  { key: AUDIT_TABLE, sheet: AUDIT_SHEET, columns: AUDIT_COLUMNS },
  { key: DICTIONARY_TABLE, sheet: DICTIONARY_SHEET, columns: DICTIONARY_COLUMNS },
  { key: META_TABLE, sheet: fixed(META_SHEET), columns: META_COLUMNS },
  { key: COUNTERS_TABLE, sheet: fixed(META_SHEET), columns: COUNTER_COLUMNS },
];

/** Every numbering series, e.g. ['TS', 'JD', …], in form order. */
export function numberingSeries(): string[] {
  return FORMS.flatMap((form) => (form.numbering.kind === 'sequence' ? [form.numbering.series] : []));
}

export function schemaOf(tableKey: string): TableSchema {
  const form = findForm(tableKey);
  if (form) return { key: form.key, sheet: form.sheet, columns: columnsOf(form) };
  const system = SYSTEM_TABLES.find((s) => s.key === tableKey);
  if (system) return system;
  if (tableKey.startsWith('kefu_claims_')) return { key: tableKey, sheet: fixed(META_SHEET), columns: CLAIM_COLUMNS };
  throw new Error(`Unknown ledger table: ${tableKey}`);
}

export function columnOfTable(tableKey: string, columnKey: string): TableColumn {
  const column = schemaOf(tableKey).columns.find((c) => c.key === columnKey);
  if (!column) throw new Error(`Table ${tableKey} has no column ${columnKey}`);
  return column;
}

/** The header a column has in a workbook made in `locale`. */
export function headerOf(tableKey: string, columnKey: string, locale: Locale): string {
  return columnOfTable(tableKey, columnKey).label[locale];
}

const HEADER_COLUMNS = new Map<string, TableColumn | null>();

/** Which of our columns a header is: its label in the workbook's locale, in any locale, or its key (remembered: it is asked for every cell of a row). */
export function columnForHeader(tableKey: string, header: unknown, locale: Locale): TableColumn | undefined {
  if (typeof header !== 'string') return undefined;
  const key = `${tableKey}\u0000${locale}\u0000${header}`;
  let found = HEADER_COLUMNS.get(key);
  if (found === undefined) {
    found = findColumnForHeader(tableKey, header, locale) ?? null;
    if (HEADER_COLUMNS.size < 100_000) HEADER_COLUMNS.set(key, found);
  }
  return found ?? undefined;
}

function findColumnForHeader(tableKey: string, header: string, locale: Locale): TableColumn | undefined {
  const columns = schemaOf(tableKey).columns;
  return columns.find((c) => c.label[locale] === header) ?? columns.find((c) => c.key === header) ?? columns.find((c) => LOCALES.some((l) => c.label[l] === header));
}

/** Checks that every column of ours is in the table's header; names the missing one otherwise. */
export function checkLayout(tableKey: string, layout: TableLayout, locale: Locale): void {
  const present = new Set(layout.headers.map((h) => columnForHeader(tableKey, h, locale)?.key));
  const missing = schemaOf(tableKey).columns.find((c) => !present.has(c.key));
  if (missing) {
    throw new KefuError([{ kind: 'missingColumn', form: findForm(tableKey)?.key, params: { table: tableKey, column: missing.label[locale] } }]);
  }
}

/**
 * A record as one worksheet row laid out like the table: a cell for each of our columns, and
 * `undefined` for a user's column (left as it is: its formula or value survives).
 */
export function recordToRow(tableKey: string, layout: TableLayout, record: RecordValues, locale: Locale): (CellOut | undefined)[] {
  const columns = headerColumns(tableKey, layout.headers, locale);
  const cells: (CellOut | undefined)[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    cells[i] = column ? toCell(column, record[column.key], locale) : undefined;
  }
  return cells;
}

const HEADER_ROWS = new WeakMap<readonly unknown[], { tableKey: string; locale: Locale; columns: (TableColumn | undefined)[] }>();

/** Which of our columns each header is (undefined for a user's column), worked out once per header row. */
export function headerColumns(tableKey: string, headers: readonly unknown[], locale: Locale): (TableColumn | undefined)[] {
  const known = HEADER_ROWS.get(headers);
  if (known && known.tableKey === tableKey && known.locale === locale) return known.columns;
  const columns = headers.map((h) => columnForHeader(tableKey, h, locale));
  HEADER_ROWS.set(headers, { tableKey, locale, columns });
  return columns;
}

/**
 * The number format written with each cell of such a row (`formatWrittenWith`): null where the
 * column keeps whatever format its cells have, `undefined` for a user's column, as in `recordToRow`.
 */
export function rowFormats(tableKey: string, layout: TableLayout, locale: Locale): (string | null | undefined)[] {
  return layout.headers.map((header) => {
    const column = columnForHeader(tableKey, header, locale);
    return column ? formatWrittenWith(column.kind) : undefined;
  });
}

/** Runs of consecutive defined cells: [start index, cells] — so user columns are never overwritten. */
export function definedRuns<T>(row: readonly (T | undefined)[]): [number, T[]][] {
  const runs: [number, T[]][] = [];
  row.forEach((cell, i) => {
    if (cell === undefined) return;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1].length === i) last[1].push(cell);
    else runs.push([i, [cell]]);
  });
  return runs;
}

/** A worksheet row of the table → the values of the requested columns (all of ours by default). */
export function rowToRecord(tableKey: string, headers: readonly unknown[], cells: readonly CellIn[], locale: Locale, wanted?: readonly string[]): Record<string, DomainValue> {
  const record: Record<string, DomainValue> = {};
  const columns = headerColumns(tableKey, headers, locale);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column || (wanted && !wanted.includes(column.key))) continue;
    record[column.key] = fromCell(column, cells[i]);
  }
  return record;
}

export { isBlankRow };
export type { PlainColumn };
