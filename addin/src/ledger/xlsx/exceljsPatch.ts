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

// eslint-disable-next-line @typescript-eslint/unbound-method -- the patch calls the original with the instance (.call(this, …))
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
// eslint-disable-next-line @typescript-eslint/unbound-method -- the patch calls the original with the instance (.call(this, …))
const renderText = TextXform.prototype.render;
TextXform.prototype.render = function render(xmlStream: unknown, model: unknown): void {
  const encoded = typeof model === 'string' ? model.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_') : model;
  renderText.call(this, xmlStream, encoded);
};

/**
 * exceljs 4.4 writes manual page breaks (`<rowBreaks>`) but drops them when it reads a file (the
 * worksheet model it builds has no `rowBreaks`, and a `<brk>` parses to its row number only). A
 * workbook rewritten by the command line would lose the page breaks of its print sheets. We read
 * them back in the shape exceljs writes ({ id, max, min?, man }), so they survive a round trip.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PageBreaksXform = require('exceljs/lib/xlsx/xform/sheet/page-breaks-xform.js') as {
  prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean; model: unknown };
};
PageBreaksXform.prototype.parseOpen = function parseOpen(this: { model: unknown }, node: { name: string; attributes: Record<string, string> }): boolean {
  if (node.name !== 'brk') return false;
  const { id, max, min, man } = node.attributes;
  const brk: Record<string, number> = { id: Number(id ?? 0), max: Number(max ?? 16383), man: man === undefined ? 1 : Number(man === 'true' || man === '1') };
  if (min !== undefined && Number(min) > 0) brk.min = Number(min);
  this.model = brk;
  return true;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorkSheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js') as {
  prototype: { parseClose(name: string): boolean };
};
// eslint-disable-next-line @typescript-eslint/unbound-method -- the patch calls the original with the instance (.call(this, …))
const parseWorksheetClose = WorkSheetXform.prototype.parseClose;
WorkSheetXform.prototype.parseClose = function parseClose(this: { parser?: unknown; map: { rowBreaks: { model?: unknown[] } }; model?: Record<string, unknown> }, name: string): boolean {
  const closingSheet = !this.parser && name === 'worksheet';
  const result = parseWorksheetClose.call(this, name);
  if (closingSheet && this.model) this.model.rowBreaks = this.map.rowBreaks.model ?? [];
  return result;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorksheetDoc = require('exceljs/lib/doc/worksheet.js') as { prototype: object };
const modelProperty = Object.getOwnPropertyDescriptor(WorksheetDoc.prototype, 'model')!;
Object.defineProperty(WorksheetDoc.prototype, 'model', {
  ...modelProperty,
  set(this: { rowBreaks: unknown[] }, value: { rowBreaks?: unknown[] }) {
    modelProperty.set!.call(this, value);
    this.rowBreaks = value.rowBreaks ?? [];
  },
});

export const exceljsRowBreaksKept = true;

/**
 * exceljs writes a print area 'A3:D90' as `$A3:$D90` (absolute columns, relative rows), which
 * LibreOffice does not take as a print area: it prints the whole sheet. We write `$A$3:$D$90`, as
 * Excel does, however the print area was given or read back.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform.js') as {
  prototype: { prepare(model: { definedNames?: { name: string; ranges: string[] }[] }): void };
};
// eslint-disable-next-line @typescript-eslint/unbound-method -- the patch calls the original with the instance (.call(this, …))
const prepareWorkbook = WorkbookXform.prototype.prepare;
WorkbookXform.prototype.prepare = function prepare(this: unknown, model: { definedNames?: { name: string; ranges: string[] }[] }): void {
  prepareWorkbook.call(this, model);
  for (const name of model.definedNames ?? []) {
    if (name.name !== '_xlnm.Print_Area') continue;
    name.ranges = name.ranges.map((range) => range.replace(/!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/, '!$$$1$$$2:$$$3$$$4'));
  }
};

/**
 * exceljs 4.4 forgets `fullCalcOnLoad` when it reads a workbook, so a ledger rewritten by the
 * command line would no longer ask Excel to compute its formulas on opening (the print sheets'
 * INDEX/MATCH cells, which exceljs writes without cached results). We keep the flag.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CalcPropertiesXform = require('exceljs/lib/xlsx/xform/book/workbook-calc-properties-xform.js') as {
  prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean };
};
CalcPropertiesXform.prototype.parseOpen = function parseOpen(this: { model: unknown }, node: { name: string; attributes: Record<string, string> }): boolean {
  if (node.name !== 'calcPr') return false;
  const full = node.attributes.fullCalcOnLoad;
  this.model = full === '1' || full === 'true' ? { fullCalcOnLoad: true } : {};
  return true;
};
// eslint-disable-next-line @typescript-eslint/unbound-method -- the patch calls the original with the instance (.call(this, …))
const parseWorkbookClose = (WorkbookXform.prototype as unknown as { parseClose(name: string): boolean }).parseClose;
(WorkbookXform.prototype as unknown as { parseClose(name: string): boolean }).parseClose = function parseClose(
  this: { parser?: unknown; map: { calcPr: { model?: Record<string, unknown> } }; model?: Record<string, unknown> },
  name: string,
): boolean {
  const closingBook = !this.parser && name === 'workbook';
  const result = parseWorkbookClose.call(this, name);
  if (closingBook && this.model) this.model.calcProperties = { ...(this.map.calcPr.model ?? {}) };
  return result;
};
