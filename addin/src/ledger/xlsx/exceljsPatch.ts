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

/**
 * OOXML text keeps a carriage return only as `_x000D_` (XML turns a raw CR into LF when read), and
 * a literal `_xHHHH_` in user text must be written as `_x005F_xHHHH_`. exceljs decodes both on
 * reading but encodes neither on writing, so "\r=1+1" would come back as "\n=1+1". We encode on
 * writing, so whatever a user typed reads back unchanged (DESIGN principle 6).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TextXform = require('exceljs/lib/xlsx/xform/strings/text-xform.js') as {
  prototype: { render(xmlStream: unknown, model: unknown): void };
};
const renderText = TextXform.prototype.render;
TextXform.prototype.render = function render(xmlStream: unknown, model: unknown): void {
  const encoded =
    typeof model === 'string' ? model.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_') : model;
  renderText.call(this, xmlStream, encoded);
};
