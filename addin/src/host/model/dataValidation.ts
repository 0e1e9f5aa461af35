/**
 * Data validation of a sheet's cells (`range.dataValidation`, ExcelApi 1.8), kept as exceljs'
 * model by the address each validation covers (`HostWorksheet.dataValidations`), which the xlsx
 * bridge reads and writes.
 */

import { type Rect, parseAddress, rect, rectAddress, rectIntersection, rectsOverlap } from '../address';
import { HostNotImplemented, invalidArgument } from '../errors';
import type { HostWorksheet } from './worksheet';

/** The sheet's validation areas that share a cell with `area`, with their rules (exceljs' model). */
export function validationsOver(ws: HostWorksheet, area: Rect): { key: string; rect: Rect; rule: Record<string, unknown> }[] {
  const found: { key: string; rect: Rect; rule: Record<string, unknown> }[] = [];
  for (const [key, rule] of Object.entries(ws.dataValidations)) {
    const r = parseAddress(key)?.rect;
    if (!r) throw new HostNotImplemented('a data validation over several areas', key);
    if (rectsOverlap(r, area)) found.push({ key, rect: r, rule: rule as Record<string, unknown> });
  }
  return found;
}

/**
 * `dataValidation.rule = …`: a new validation over `area`, or a new rule for the validation that
 * covers exactly `area` (its alert and blanks setting stay). Where `area` shares cells with
 * another validation the host refuses (InvalidArgument), as Excel on the web does for some such
 * ranges (office-js issue 2594): `dataValidation.clear()` first.
 */
export function setValidationRule(ws: HostWorksheet, area: Rect, rule: Record<string, unknown>): void {
  const over = validationsOver(ws, area);
  const key = rectAddress(area);
  if (over.length === 1 && over[0].key === key) {
    const { type: _t, operator: _o, formulae: _f, ...kept } = over[0].rule;
    ws.dataValidations[key] = { ...kept, ...rule };
    return;
  }
  if (over.length > 0) throw invalidArgument(`The range ${key} already has data validation (${over.map((o) => o.key).join(', ')}); clear it first.`);
  ws.dataValidations[key] = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', ...rule };
}

/** `dataValidation.errorAlert` / `ignoreBlanks`: a setting of the validation that covers exactly `area`. */
export function setValidationSettings(ws: HostWorksheet, area: Rect, settings: Record<string, unknown>): void {
  const key = rectAddress(area);
  const over = validationsOver(ws, area);
  if (over.length !== 1 || over[0].key !== key) {
    throw new HostNotImplemented('Excel.DataValidation settings', `on ${key}, which is not exactly one validation's range (set the rule first)`);
  }
  ws.dataValidations[key] = { ...over[0].rule, ...settings };
}

/** `dataValidation.clear()`: cells of `area` lose their validation; the rest of each area keeps it. */
export function clearValidation(ws: HostWorksheet, area: Rect): void {
  for (const { key, rect: r, rule } of validationsOver(ws, area)) {
    delete ws.dataValidations[key];
    const cut = rectIntersection(r, area)!;
    const rest = [
      r.top < cut.top ? rect(r.top, r.left, cut.top - 1, r.right) : null,
      cut.bottom < r.bottom ? rect(cut.bottom + 1, r.left, r.bottom, r.right) : null,
      r.left < cut.left ? rect(cut.top, r.left, cut.bottom, cut.left - 1) : null,
      cut.right < r.right ? rect(cut.top, cut.right + 1, cut.bottom, r.right) : null,
    ];
    for (const part of rest) if (part) ws.dataValidations[rectAddress(part)] = rule;
  }
}
