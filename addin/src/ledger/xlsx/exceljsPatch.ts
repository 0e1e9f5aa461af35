/**
 * exceljs 4.4 expands every data-validation range it reads into one entry per cell: a ledger whose
 * list validations cover 20,000 rows per coded column turns into millions of entries, and loading
 * and saving take tens of seconds. Its writer already accepts range keys (that is how new
 * validations are stored), so on reading we keep each range as one key. Nothing else in exceljs
 * that we use looks validations up per cell. Node only: the browser preview never reads files.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DataValidationsXform = require('exceljs/lib/xlsx/xform/sheet/data-validations-xform.js') as {
  prototype: { parseClose(name: string): boolean };
};

interface ParserState {
  _address: string;
  _dataValidation: { formulae?: unknown[]; operator?: unknown };
  model: Record<string, unknown>;
}

const original = DataValidationsXform.prototype.parseClose;
DataValidationsXform.prototype.parseClose = function parseClose(this: ParserState, name: string): boolean {
  if (name !== 'dataValidation') return original.call(this, name);
  if (!this._dataValidation.formulae || !this._dataValidation.formulae.length) {
    delete this._dataValidation.formulae;
    delete this._dataValidation.operator;
  }
  for (const address of this._address.split(/\s+/g).filter(Boolean)) this.model[address] = this._dataValidation;
  return true;
};

export const exceljsValidationRangesKept = true;
