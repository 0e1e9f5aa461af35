/** `range.dataValidation` (`Excel.DataValidation`, ExcelApi 1.8 subset). */

import { rectColumns, rectIntersection, rectRows } from '../address';
import { HostNotImplemented, invalidArgument } from '../errors';
import { clearValidation, setValidationRule, setValidationSettings, validationsOver } from '../model/dataValidation';
import { HostClientObject, type LoadArgument } from './proxy';
import { checkBoolean, type RangeTarget } from './targets';

/** Office.js operators ↔ exceljs' (the file's) operators. */
const VALIDATION_OPERATORS: Readonly<Record<string, string>> = {
  Between: 'between',
  NotBetween: 'notBetween',
  EqualTo: 'equal',
  NotEqualTo: 'notEqual',
  GreaterThan: 'greaterThan',
  LessThan: 'lessThan',
  GreaterThanOrEqualTo: 'greaterThanOrEqual',
  LessThanOrEqualTo: 'lessThanOrEqual',
};

const VALIDATION_TYPES: Readonly<Record<string, string>> = {
  list: 'List',
  whole: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  custom: 'Custom',
  any: 'None',
};

const ALERT_STYLES: Readonly<Record<string, string>> = { Stop: 'stop', Warning: 'warning', Information: 'information' };

/** Excel's limit of an inline list's formula ("a,b,c" in quotes). */
const INLINE_LIST_LIMIT = 255;

function validationOperand(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new HostNotImplemented(`Excel.DataValidation ${what} = ${JSON.stringify(v)}`, 'the host takes numbers only');
  return n;
}

/** An Office.js rule → exceljs' model of it (type, operator, formulae). */
function ruleModel(rule: unknown): Record<string, unknown> {
  if (!rule || typeof rule !== 'object') throw invalidArgument('A data validation rule must be an object.');
  const kinds = Object.entries(rule as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (kinds.length !== 1) throw invalidArgument('A data validation rule has exactly one kind (list, wholeNumber, …).');
  const [kind, criteria] = kinds[0] as [string, Record<string, unknown>];
  if (kind === 'list') {
    const { inCellDropDown, source } = criteria as Partial<Excel.ListDataValidation>;
    if (inCellDropDown === false) throw new HostNotImplemented('Excel.ListDataValidation.inCellDropDown = false');
    if (typeof source !== 'string') throw new HostNotImplemented('Excel.ListDataValidation.source as a Range', 'pass "=name" or "a,b,c"');
    if (source.startsWith('=')) return { type: 'list', formulae: [source.slice(1)] };
    const formula = `"${source}"`;
    if (source === '' || formula.length > INLINE_LIST_LIMIT) throw invalidArgument(`An inline list holds 1 to ${INLINE_LIST_LIMIT - 2} characters; use a range for longer ones.`);
    return { type: 'list', formulae: [formula] };
  }
  if (kind === 'wholeNumber') {
    const { formula1, formula2, operator } = criteria as Partial<Excel.BasicDataValidation>;
    const op = VALIDATION_OPERATORS[String(operator)];
    if (!op) throw invalidArgument(`"${String(operator)}" is not a data validation operator.`);
    const between = op === 'between' || op === 'notBetween';
    if (between && (formula2 === undefined || formula2 === null)) throw invalidArgument(`${String(operator)} needs formula2.`);
    const formulae = [validationOperand(formula1, 'formula1'), ...(between ? [validationOperand(formula2, 'formula2')] : [])];
    return { type: 'whole', operator: op, formulae };
  }
  throw new HostNotImplemented(`Excel.DataValidationRule.${kind}`);
}

/** exceljs' model → the Office.js rule (the kinds the host writes). */
function ruleOf(model: Record<string, unknown>): Excel.DataValidationRule {
  const formulae = (model.formulae as unknown[] | undefined) ?? [];
  if (model.type === 'list') {
    const f = String(formulae[0] ?? '');
    const source = f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : `=${f}`;
    return { list: { inCellDropDown: true, source } };
  }
  if (model.type === 'whole') {
    const operator = Object.entries(VALIDATION_OPERATORS).find(([, x]) => x === (model.operator ?? 'between'))?.[0];
    const [formula1, formula2] = formulae;
    return { wholeNumber: { formula1: formula1 as number, ...(formula2 !== undefined ? { formula2: formula2 as number } : {}), operator: operator as Excel.DataValidationOperator } };
  }
  throw new HostNotImplemented(`reading a data validation rule of type ${String(model.type)}`);
}

/** The one validation model of every cell of `area`, 'none' when no cell has one, or 'mixed'. */
function validationOf(target: RangeTarget): Record<string, unknown> | 'none' | 'inconsistent' | 'mixed' {
  const { sheet, rect: r } = target;
  const over = validationsOver(sheet, r);
  if (over.length === 0) return 'none';
  const covered = over.reduce((n, o) => {
    const cut = rectIntersection(o.rect, r)!;
    return n + rectRows(cut) * rectColumns(cut);
  }, 0);
  if (covered < rectRows(r) * rectColumns(r)) return 'mixed';
  const first = JSON.stringify(over[0].rule);
  return over.every((o) => JSON.stringify(o.rule) === first) ? over[0].rule : 'inconsistent';
}

const DATA_VALIDATION_SCALARS = ['errorAlert', 'ignoreBlanks', 'rule', 'type'] as const;

/**
 * `range.dataValidation` (ExcelApi 1.8). Rules: `list` (an inline list "a,b,c" of at most 253
 * characters, or "=name" / "=Sheet!$A$1:$A$9"; a Range source is not modelled) and `wholeNumber`
 * with number operands; other kinds throw HostNotImplemented. A new rule needs a range without
 * validation (or exactly one validation's range, whose rule it replaces); Excel on the web refuses
 * some overlapping ranges, so the host refuses them all: `clear()` first. `errorAlert` and
 * `ignoreBlanks` are set on exactly one validation's range, after its rule. Alerts keep Excel's
 * limits: a title of at most 32 characters, a message of at most 225. New rules start as Excel's
 * do: blanks ignored, a Stop alert shown. Stored as exceljs' model, which the xlsx bridge writes.
 */
export class HostDataValidation extends HostClientObject implements Pick<Excel.DataValidation, 'context' | (typeof DATA_VALIDATION_SCALARS)[number] | 'clear' | 'load'> {
  readonly _typeName = 'DataValidation';
  readonly _scalars: readonly string[] = DATA_VALIDATION_SCALARS;

  get rule(): Excel.DataValidationRule {
    return this._get('rule');
  }
  set rule(v: Excel.DataValidationRule) {
    this._set('rule', v);
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this._get('errorAlert');
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._set('errorAlert', v);
  }
  get ignoreBlanks(): boolean {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean) {
    this._set('ignoreBlanks', v);
  }
  get type(): Excel.DataValidation['type'] {
    return this._get('type');
  }

  _read(target: unknown, name: string): unknown {
    const found = validationOf(target as RangeTarget);
    if (name === 'type') {
      if (found === 'none') return 'None';
      if (found === 'mixed') return 'MixedCriteria';
      if (found === 'inconsistent') return 'Inconsistent';
      return VALIDATION_TYPES[String(found.type)] ?? 'None';
    }
    if (typeof found === 'string') {
      if (found === 'none' && name === 'rule') return {};
      throw new HostNotImplemented(`Excel.DataValidation.${name}`, `reading it where the range's validation is ${found}`);
    }
    switch (name) {
      case 'rule':
        return ruleOf(found);
      case 'ignoreBlanks':
        return found.allowBlank === true;
      case 'errorAlert': {
        const style = Object.entries(ALERT_STYLES).find(([, x]) => x === (found.errorStyle ?? 'stop'))?.[0] ?? 'Stop';
        return { message: String(found.error ?? ''), showAlert: found.showErrorMessage === true, style, title: String(found.errorTitle ?? '') };
      }
    }
    throw new HostNotImplemented(`Excel.DataValidation.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'rule') return setValidationRule(sheet, r, ruleModel(value));
    if (name === 'ignoreBlanks') {
      if (typeof value !== 'boolean') throw invalidArgument('ignoreBlanks must be true or false.');
      return setValidationSettings(sheet, r, { allowBlank: value });
    }
    if (name === 'errorAlert') {
      const alert = (value ?? {}) as Partial<Excel.DataValidationErrorAlert>;
      const settings: Record<string, unknown> = {};
      if (alert.showAlert !== undefined) settings.showErrorMessage = checkBoolean(alert.showAlert, 'showAlert');
      if (alert.style !== undefined) {
        const style = ALERT_STYLES[String(alert.style)];
        if (!style) throw invalidArgument(`"${String(alert.style)}" is not an alert style (Stop, Warning, Information).`);
        settings.errorStyle = style;
      }
      if (alert.title !== undefined) {
        if (typeof alert.title !== 'string' || alert.title.length > 32) throw invalidArgument('An error alert title has at most 32 characters.');
        settings.errorTitle = alert.title;
      }
      if (alert.message !== undefined) {
        if (typeof alert.message !== 'string' || alert.message.length > 225) throw invalidArgument('An error alert message has at most 225 characters.');
        settings.error = alert.message;
      }
      return setValidationSettings(sheet, r, settings);
    }
    super._write(target, name, value);
  }

  clear(): void {
    this._invoke('clear', [], (t: RangeTarget) => {
      clearValidation(t.sheet, t.rect);
      return undefined;
    });
  }

  load(arg?: LoadArgument): Excel.DataValidation {
    this._load(arg);
    return this as unknown as Excel.DataValidation;
  }
}
