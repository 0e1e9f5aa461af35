import { sha256Hex } from '../core/sha256';
import type { DomainValue, RecordValues } from './cells';
import { CLAIM_WINDOW } from './layout';
import type { Locale } from '../i18n/locale';
import type { AuditEntry, TableLayout } from './types';
import { columnForHeader } from './schema';

/**
 * The audit log as a hash chain (DESIGN principle 7: the log can be trusted). Each row's `chain`
 * is the first 16 hex digits of SHA-256 over the previous row's chain and the row's own fields,
 * so a row removed, moved or edited breaks the chain at the row after it (or at itself), and
 * `kefu check` names the first row where it breaks.
 *
 * It is a seal against accidents and casual edits, not a signature: anyone can recompute a whole
 * chain (there is no secret), and removing the last rows leaves no trace in it.
 *
 * Co-authoring: two clerks writing audit rows at the same moment both chain to the row each of
 * them read last, so the second row written chains to the one before its neighbour. A row may
 * therefore chain to any of the CLAIM_WINDOW rows before it (the same window that keeps numbers
 * unique), which `firstBreak` accepts.
 */

/** The fields a chain covers, in order (every audit column but the chain itself). */
export const CHAINED_FIELDS = ['at', 'who', 'action', 'table', 'record', 'field', 'old_value', 'new_value'] as const;

const UTF8 = new TextEncoder();

function text(value: DomainValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The chain of a row whose fields are `values`, after a row whose chain is `previous` ('' for the first row). */
export function chainOf(previous: string, values: RecordValues): string {
  const content = [previous, ...CHAINED_FIELDS.map((key) => text(values[key]))].join('\u001f');
  return sha256Hex(UTF8.encode(content)).slice(0, 16);
}

/** Audit entries as records to write, each chained to the one before, starting after `previous`. */
export function chainedAuditRecords(previous: string, entries: readonly AuditEntry[]): RecordValues[] {
  let chain = previous;
  return entries.map((entry) => {
    const values: Record<string, DomainValue> = {
      at: entry.at,
      who: entry.who,
      action: entry.action,
      table: entry.table,
      record: entry.record,
      field: entry.field,
      old_value: entry.oldValue,
      new_value: entry.newValue,
    };
    chain = chainOf(chain, values);
    values.chain = chain;
    if (entry.op) values.op = entry.op;
    return values;
  });
}

/** The first row (its index in `rows`) whose chain does not follow from a row within the window before it, or -1. */
export function firstBreak(rows: readonly RecordValues[]): number {
  for (let i = 0; i < rows.length; i++) {
    const stored = text(rows[i].chain);
    if (!stored) return i;
    if (stored === chainOf(i === 0 ? '' : text(rows[i - 1].chain), rows[i])) continue;
    let forked = false;
    for (let j = i - 2; j >= Math.max(0, i - CLAIM_WINDOW) && !forked; j--) forked = stored === chainOf(text(rows[j].chain), rows[i]);
    if (!forked) return i;
  }
  return -1;
}

/** The chain of the audit log's last row as its layout read it ('' when the log has none yet, or no chain column). */
export function previousChain(layout: TableLayout | undefined, locale: Locale): string {
  if (!layout?.lastValues || layout.lastRowBlank) return '';
  const index = layout.headers.findIndex((h) => columnForHeader('audit_log', h, locale)?.key === 'chain');
  return index < 0 ? '' : text(layout.lastValues[index]);
}
