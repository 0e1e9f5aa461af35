import { LEGACY_LAST_ROW } from '../ledger/templateLayout';

/**
 * The validations older templates (versions 1–4) put on each form column from the row under its
 * header down to row 20,001, found and bounded to the table's body by the add-in's Upgrade workbook
 * (upgrade/officeUpgrade.ts); kefu upgrade bounds the same shape in the file
 * (ledger/xlsx/packageState.ts `boundedBottom`).
 */

/** What the probes need of a table as the upgrade read it. */
export interface LegacyTable {
  readonly sheet: string;
  /** 0-based sheet row of the header, and 0-based sheet column of the first column. */
  readonly headerRow: number;
  readonly left: number;
  readonly bodyRows: number;
  readonly readHeaders: readonly string[];
}

/** Rows of a column below its table's body that carry an older template's validation, to clear (0-based sheet row and column, and how many). */
export interface LegacyBelow {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly count: number;
}

interface LegacyProbe {
  readonly state: LegacyTable;
  readonly column: number;
  /** The header cell, the rows under it down to row 20,001 (LEGACY_LAST_ROW), and row 20,002. */
  readonly header: Excel.Range;
  readonly span: Excel.Range;
  readonly after: Excel.Range;
}

/**
 * Where an older template's validation may lie below a form table: each column's validation type
 * over the rows under its header down to row 20,001, and on the header cell and row 20,002 (which
 * the template left without). Types only: a rule cannot be read where cells differ.
 */
export function legacyProbes(context: Excel.RequestContext, tables: readonly LegacyTable[]): LegacyProbe[] {
  const probes: LegacyProbe[] = [];
  for (const state of tables) {
    const rows = LEGACY_LAST_ROW - (state.headerRow + 1);
    // A table already reaching row 20,001 has nothing of it below.
    if (state.headerRow + 1 + state.bodyRows >= LEGACY_LAST_ROW) continue;
    const sheet = context.workbook.worksheets.getItem(state.sheet);
    state.readHeaders.forEach((_, i) => {
      const column = state.left + i;
      const probe = (row: number, count: number) => {
        const range = sheet.getRangeByIndexes(row, column, count, 1);
        range.load('dataValidation/type');
        return range;
      };
      probes.push({ state, column, header: probe(state.headerRow, 1), span: probe(state.headerRow + 1, rows), after: probe(LEGACY_LAST_ROW, 1) });
    });
  }
  return probes;
}

/**
 * The rows below the body to clear where a column has the shape of an older template's
 * validation: one rule over every row from under the header down to row 20,001, none on the header
 * nor on row 20,002 (kefu upgrade bounds the same shape: xlsx/packageState.ts `boundedBottom`). A
 * range a user made or extended differently stays as it is.
 */
export function legacyShaped(p: LegacyProbe): LegacyBelow[] {
  const uniform = !['None', 'MixedCriteria', 'Inconsistent'].includes(p.span.dataValidation.type);
  if (!uniform || p.header.dataValidation.type !== 'None' || p.after.dataValidation.type !== 'None') return [];
  const row = p.state.headerRow + 1 + Math.max(1, p.state.bodyRows);
  return [{ sheet: p.state.sheet, row, column: p.column, count: LEGACY_LAST_ROW - row }];
}
