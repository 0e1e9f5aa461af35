/** `worksheet.pageLayout` (`Excel.PageLayout`) and `worksheet.horizontalPageBreaks` (`Excel.PageBreak`, `Excel.PageBreakCollection`). */

import { HostNotImplemented, invalidArgument } from '../errors';
import { addRowBreak } from '../model/rangeEdits';
import type { HostWorksheet } from '../model/worksheet';
import { HostClientObject, type LoadArgument } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument } from './range';

/** `worksheet.pageLayout` (ExcelApi 1.9): `setPrintArea` only; paper, margins, headers and the rest are not modelled. */
export class HostPageLayout extends HostClientObject implements Pick<Excel.PageLayout, 'context' | 'setPrintArea'> {
  readonly _typeName = 'PageLayout';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.PageLayout.${name}`);
  }

  /** One range, or several separated by commas ("A1:D20, A40:D60"), on this sheet. */
  setPrintArea(printArea: Excel.Range | Excel.RangeAreas | string): void {
    checkRangeArgumentContext(this, printArea);
    this._invoke('setPrintArea', [printArea], (s: HostWorksheet) => {
      const parts = typeof printArea === 'string' ? printArea.split(',').map((p) => p.trim()) : [printArea];
      s.printArea = parts.map((part) => {
        if (typeof part !== 'string' && !(part instanceof HostRange)) throw new HostNotImplemented('Excel.PageLayout.setPrintArea(RangeAreas)');
        const target = rangeArgument(this, part, s);
        if (target.sheet !== s) throw invalidArgument('A print area must be on its worksheet.');
        return target.rect;
      });
      return undefined;
    });
  }
}

/** `worksheet.horizontalPageBreaks` (ExcelApi 1.9): `add` only. */
export class HostPageBreakCollection extends HostClientObject implements Pick<Excel.PageBreakCollection, 'context' | 'add'> {
  readonly _typeName = 'PageBreakCollection';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.PageBreakCollection.${name}`);
  }

  /** A manual page break before the range's first row (Excel's "before the top-left cell"). */
  add(pageBreakRange: Excel.Range | string): Excel.PageBreak {
    checkRangeArgumentContext(this, pageBreakRange);
    return this._child(HostPageBreak, 'PageBreak', 'add', [pageBreakRange], (s: HostWorksheet) => {
      const target = rangeArgument(this, pageBreakRange, s);
      if (target.sheet !== s) throw invalidArgument('A page break must be on its worksheet.');
      addRowBreak(s, target.rect);
      return { sheet: s, row: target.rect.top };
    }) as unknown as Excel.PageBreak;
  }
}

export class HostPageBreak extends HostClientObject implements Pick<Excel.PageBreak, 'context' | 'rowIndex' | 'load'> {
  readonly _typeName = 'PageBreak';
  readonly _scalars: readonly string[] = ['rowIndex'];

  /** The row (0-based) the break stands before. */
  get rowIndex(): number {
    return this._get('rowIndex');
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'rowIndex') return (target as { row: number }).row;
    throw new HostNotImplemented(`Excel.PageBreak.${name}`);
  }

  load(arg?: LoadArgument): Excel.PageBreak {
    this._load(arg);
    return this as unknown as Excel.PageBreak;
  }
}
