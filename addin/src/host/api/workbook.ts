/** `Excel.Workbook`: `context.workbook`, the root every other proxy is reached from. */

import { parseAddress, rect } from '../address';
import { HostNotImplemented, itemNotFound } from '../errors';
import type { HostWorkbook } from '../model/workbook';
import { HostNamedItemCollection } from './names';
import { HostClientObject, type LoadArgument } from './proxy';
import { HostRange } from './range';
import { HostTableCollection } from './table';
import type { RangeTarget, TablesScope } from './targets';
import { HostWorksheetCollection } from './worksheet';

export class HostWorkbookObject extends HostClientObject implements Pick<Excel.Workbook, 'context' | 'name' | 'names' | 'worksheets' | 'tables' | 'getSelectedRange' | 'getActiveCell' | 'load'> {
  readonly _typeName = 'Workbook';
  readonly _scalars: readonly string[] = ['name'];

  /** ExcelApi 1.7: the file's name ("Book1" for a new workbook). */
  get name(): string {
    return this._get('name');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'name') return (target as HostWorkbook).name;
    throw new HostNotImplemented(`Excel.Workbook.${name}`);
  }

  load(arg?: LoadArgument): Excel.Workbook {
    this._load(arg);
    return this as unknown as Excel.Workbook;
  }

  /** `workbook.names` (ExcelApi 1.1–1.7): workbook-level defined names. */
  get names(): Excel.NamedItemCollection {
    return this._names() as unknown as Excel.NamedItemCollection;
  }

  private _names(): HostNamedItemCollection {
    return this._nav(HostNamedItemCollection, 'NamedItemCollection', 'names', (wb: HostWorkbook) => wb);
  }

  override _navigation(name: string): HostClientObject | undefined {
    return name === 'names' ? this._names() : undefined;
  }

  get worksheets(): Excel.WorksheetCollection {
    return this._nav(HostWorksheetCollection, 'WorksheetCollection', 'worksheets', (wb: HostWorkbook) => wb) as unknown as Excel.WorksheetCollection;
  }

  get tables(): Excel.TableCollection {
    return this._nav(HostTableCollection, 'TableCollection', 'tables', (wb: HostWorkbook): TablesScope => ({ workbook: wb, sheet: null })) as unknown as Excel.TableCollection;
  }

  private static selected(wb: HostWorkbook): RangeTarget {
    const sel = wb.selection ? wb.findWorksheet(wb.selection.sheet) : undefined;
    if (sel && wb.selection) {
      const p = parseAddress(wb.selection.address);
      if (p) return { sheet: sel, rect: p.rect };
    }
    const sheet = wb.activeWorksheet ?? wb.worksheets.find((s) => s.visibility === 'Visible');
    if (!sheet) throw itemNotFound('The workbook has no visible worksheet.');
    return { sheet, rect: rect(0, 0, 0, 0) };
  }

  getSelectedRange(): Excel.Range {
    return this._child(HostRange, 'Range', 'getSelectedRange', [], (wb: HostWorkbook) => HostWorkbookObject.selected(wb)) as unknown as Excel.Range;
  }

  getActiveCell(): Excel.Range {
    return this._child(HostRange, 'Range', 'getActiveCell', [], (wb: HostWorkbook) => {
      const s = HostWorkbookObject.selected(wb);
      return { sheet: s.sheet, rect: rect(s.rect.top, s.rect.left, s.rect.top, s.rect.left) };
    }) as unknown as Excel.Range;
  }
}
