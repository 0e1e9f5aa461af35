/**
 * The in-memory Excel host: a faithful subset of the Excel JavaScript API over an in-memory
 * workbook, for the preview mode, tests and benchmarks (DESIGN.md principle 5). It runs in Node
 * and in the browser (the bridge uses exceljs, which does both).
 *
 *   const wb = new HostWorkbook();
 *   wb.addWorksheet('Sheet1');
 *   const client = hostClient(wb);                 // one per simulated user / add-in instance
 *   await client.run(async (context) => { … the same code as inside Excel.run … });
 *   client.stats;                                  // round trips and payload bytes
 *   client.failAtSync(1);                          // the next round trip never reaches "Excel"
 *   client.loseResponseAtSync(1);                  // … is applied, and its answer lost
 *   client.failMidRequest(1, k);                   // … applies its first k actions, then fails
 *   wb.beginCellEdit('Sheet1', 'B2');              // a user typing in a cell until wb.endCellEdit()
 *
 * Modules (README.md maps them to Office.js' objects): model/ (the workbook, its sheets, cells,
 * tables and charts; setup helpers and Excel's rules), api/ (the client, the request context and
 * the proxy objects clients call, one file per Office.js object family; it imports the model,
 * never the reverse), cells.ts (input parsing, date serials, display text), formulas.ts
 * (calculation), address.ts (A1 addresses, sheet-name quoting), errors.ts, xlsxBridge.ts and
 * xlsxValidations.ts (the .xlsx bridge).
 *
 * Deliberate deviations from Excel (each chosen so that code passing here does not rely on
 * something Excel would do differently, or because Excel's behaviour depends on things the host
 * does not have):
 *
 * - Calculation covers the print sheets' formulas only (formulas.ts: references, comparisons, IF,
 *   IFERROR, OR, TRIM, INDEX, exact MATCH), computed whenever a formula cell is read after a
 *   change. Any other formula written through the API has no value: `values` reads
 *   "#HOST_NO_CALC!" (valueType "Error"); formulas loaded from .xlsx keep their cached result.
 *   Formula text is not validated (Excel would refuse "=吵闹"), nor translated or normalized.
 * - Reading a property of a null object throws (Office.js returns undefined); actions on a null
 *   object do nothing, as in Excel.
 * - Input parsing follows Excel's en-US/zh-CN common ground only: numbers (15 significant
 *   digits), "1,234", "12%", TRUE/FALSE, "YYYY-MM-DD"/"YYYY/M/D" [hh:mm[:ss]], "hh:mm[:ss]".
 *   Excel also turns "3/4", "1-2", "Jan 5", "(5)", "¥5", "1 1/2" into numbers or dates
 *   (locale-dependent); the host leaves those as text. Dates typed into a General cell get the
 *   format "yyyy-mm-dd[ hh:mm[:ss]]" (Excel picks a locale's short date format).
 * - A Range proxy keeps the cells it resolved to; Excel's ranges move when rows are inserted above
 *   them. TableColumn / TableRow proxies keep their index. Column ids are positions + 1.
 * - `rows.add(index, values, alwaysInsert)`: index null, undefined or -1 appends; alwaysInsert
 *   false grows the table over empty rows below it without moving anything, and throws
 *   HostNotImplemented inside the table or over filled cells (the reference leaves those open).
 *   Table calculated columns and number formats are not propagated to rows that join a
 *   table by auto-expansion; `rows.add` copies the number formats of the neighbouring row.
 * - `text` does not simulate column width ("####") and knows a common subset of format codes.
 * - `find` matches formulas or constants (General text for numbers) with Excel's * ? ~
 *   wildcards; a single-cell range searches the used range of the sheet after that cell.
 * - Payload bytes are measured on a RichApi-like JSON of the batch (actions, object paths,
 *   arguments; results of loads and method calls), close to but not byte-identical with Office's.
 * - Auto-named tables take the lowest free "TableN".
 * - Charts (ExcelApi 1.1–1.8 subset: `worksheet.charts`, chart name/type/position/size, title,
 *   legend, series name/chartType/axisGroup, `setPosition`, `delete`) are data only, never drawn
 *   nor written to .xlsx. `charts.add` splits the source into series by Excel's observed labelling
 *   rule (model/chartLayout.ts, `chartSeriesLayout`); seriesBy "Auto" means "Columns" (Excel on the web; the
 *   desktop guesses from the data's shape). A new chart sits right of its source at 360 × 216 pt
 *   (Excel puts it in the visible window); rows are 15 pt high. Series names are read from their
 *   cells when the chart is made and do not follow later edits of those cells.
 * - Data validation (ExcelApi 1.8): list rules (inline "a,b,c" or "=reference"/"=name"; a Range
 *   source is not modelled) and whole-number rules. A rule over cells that already have validation
 *   is refused unless the range is exactly that validation's (Excel on the web refuses some such
 *   ranges): clear first. Error alerts keep Excel's limits (title 32, message 225 characters).
 * - Cell formats set through the API: bold, font and solid fill colours as #RRGGBB (named and
 *   theme colours are not modelled), vertical alignment, wrapping, row heights, hidden columns,
 *   merged cells (not over another merged area), a print area and manual row page breaks. They
 *   are written to .xlsx; validations, merges, heights and page breaks do not move when cells are
 *   inserted or shifted (Excel's do).
 * - The rest of a cell's formatting (font sizes and styles, borders, horizontal alignment),
 *   conditional formats, page setup (paper, margins, fit to page), headers and footers and tab
 *   colours are carried from a file read to the file written, not modelled: the API members that
 *   would reach them are not implemented.
 * - Defined names (`workbook.names`) are workbook-level sheet references; a name's formula keeps
 *   the text it was given (Excel drops quotes a sheet name does not need).
 * - Rows written below a table join it only when the write's first value is not blank (office-js
 *   #2097); a write reaching that row that does not start at the table's first column throws
 *   HostNotImplemented (undocumented). A range write over 1,500 cells is applied as row-wise pieces
 *   of at most 1,500 cells, each an action (`CELLS_PER_ACTION`, api/range.ts).
 * - Cell-edit mode (`beginCellEdit`): a batch run without `delayForCellEdit` fails with
 *   InvalidOperationInCellEditMode, applying nothing; with it, it waits for `endCellEdit`. Other
 *   `Excel.RunOptions` throw HostNotImplemented.
 * - Members the host does not implement throw HostNotImplemented instead of doing anything.
 */

export * from './address';
export * from './cells';
export * from './errors';
export { type CellStyle, type ClearTarget, type HostCell, type SetupCell, type SheetVisibility, type WriteMode, columnWidthCharacters, columnWidthPoints } from './model/cell';
export {
  CHART_TYPES,
  type ChartSeriesLayout,
  DEFAULT_CHART_HEIGHT_POINTS,
  DEFAULT_CHART_WIDTH_POINTS,
  type HostChartAxisGroup,
  HostChartLegend,
  type HostChartLegendPosition,
  type HostChartSeriesBy,
  type HostChartTitle,
  type HostChartType,
  UNMODELLED_CHART_TYPES,
  chartSeriesLayout,
  checkChartAxisGroup,
  checkChartLegendPosition,
  checkChartSeriesBy,
  checkChartType,
} from './model/chartLayout';
export { HostChart, HostChartSeries, HostTable, HostWorksheet } from './model/worksheet';
export { HostWorkbook } from './model/workbook';
export { hostClient, HostClient, type HostClientOptions, type HostStats, type RequestJson, type SyncInfo, type SyncRecord, utf8Length, WEB_PAYLOAD_LIMIT_BYTES } from './api/client';
export { HostRequestContext } from './api/proxy';
export { HostClientResult } from './api/clientResult';
export { HostWorkbookObject } from './api/workbook';
export { HostAutoFilter, HostFreezePanes, HostWorksheetCollection, HostWorksheetObject } from './api/worksheet';
export { HostRange } from './api/range';
export { HostRangeBorder, HostRangeBorderCollection, HostRangeFill, HostRangeFont, HostRangeFormat } from './api/rangeFormat';
export { HostDataValidation } from './api/dataValidation';
export { HostTableCollection, HostTableObject } from './api/table';
export { HostTableColumnCollection, HostTableColumnObject } from './api/tableColumn';
export { HostTableRowCollection, HostTableRowObject } from './api/tableRow';
export { HostChartCollection, HostChartObject } from './api/chart';
export { HostChartLegendObject, HostChartSeriesCollection, HostChartSeriesObject, HostChartTitleObject } from './api/chartParts';
export { HostNamedItem, HostNamedItemCollection } from './api/names';
export { HostHeaderFooter, HostHeaderFooterGroup, HostPageBreak, HostPageBreakCollection, HostPageLayout } from './api/pageLayout';
export { Calculation, NotComputed, parseFormula } from './formulas';
export * from './xlsxBridge';
