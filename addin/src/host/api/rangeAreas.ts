/** `Excel.RangeAreas` (ExcelApi 1.9): several rectangles of one sheet, as `Worksheet.findAll` gives them, and their `areas`. */

import { MAX_COLUMNS, qualifiedAddress, type Rect, rect, rectColumns, rectIntersection, rectRows } from '../address';
import { HostNotImplemented, invalidArgument } from '../errors';
import type { HostWorksheet } from '../model/worksheet';
import { HostCollectionObject } from './collection';
import { HostClientObject, type LoadArgument, NULL_TARGET } from './proxy';
import { checkRangeArgumentContext, HostRange, RANGE_SCALARS, rangeArgument, readRange } from './range';

/** The rectangles of a RangeAreas, in order, on one sheet. */
export interface AreasTarget {
  readonly sheet: HostWorksheet;
  readonly rects: readonly Rect[];
}

const AREAS_SCALARS = ['address', 'addressLocal', 'areaCount', 'cellCount'] as const;

type RangeAreasMembers = 'context' | 'isNullObject' | (typeof AREAS_SCALARS)[number] | 'areas' | 'getEntireRow' | 'getIntersectionOrNullObject' | 'load';

/** Rows of whole-row rectangles merged where they touch or overlap, top to bottom (Excel gives `3:5`, not `3:3,4:4,5:5`). */
function mergedRows(rects: readonly Rect[]): Rect[] {
  const sorted = [...rects].sort((a, b) => a.top - b.top);
  const out: Rect[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.top <= last.bottom + 1) out[out.length - 1] = rect(last.top, 0, Math.max(last.bottom, r.bottom), MAX_COLUMNS - 1);
    else out.push(rect(r.top, 0, r.bottom, MAX_COLUMNS - 1));
  }
  return out;
}

export class HostRangeAreas extends HostClientObject implements Pick<Excel.RangeAreas, RangeAreasMembers> {
  readonly _typeName = 'RangeAreas';
  readonly _scalars: readonly string[] = AREAS_SCALARS;

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }

  /** The rectangles, each a Range. */
  get areas(): Excel.RangeCollection {
    return this._areas() as unknown as Excel.RangeCollection;
  }

  private _areas(): HostRangeCollection {
    return this._nav(HostRangeCollection, 'RangeCollection', 'areas', (t: AreasTarget) => t);
  }

  override _navigation(name: string): HostClientObject | undefined {
    return name === 'areas' ? this._areas() : undefined;
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rects } = target as AreasTarget;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return rects.map((r) => qualifiedAddress(sheet.name, r)).join(',');
      case 'areaCount':
        return rects.length;
      case 'cellCount':
        return rects.reduce((sum, r) => sum + rectRows(r) * rectColumns(r), 0);
    }
    throw new HostNotImplemented(`Excel.RangeAreas.${name}`);
  }

  load(arg?: LoadArgument): Excel.RangeAreas {
    this._load(arg);
    return this as unknown as Excel.RangeAreas;
  }

  private _areasChild(method: string, args: unknown[], f: (t: AreasTarget) => AreasTarget | typeof NULL_TARGET): Excel.RangeAreas {
    return this._child(HostRangeAreas, 'RangeAreas', method, args, f) as unknown as Excel.RangeAreas;
  }

  /** The entire rows of the areas (rows reached twice once). */
  getEntireRow(): Excel.RangeAreas {
    return this._areasChild('getEntireRow', [], (t) => ({ sheet: t.sheet, rects: mergedRows(t.rects) }));
  }

  /** The parts of the areas inside a range; a null object when none is. */
  getIntersectionOrNullObject(anotherRange: Excel.Range | string): Excel.RangeAreas {
    checkRangeArgumentContext(this, anotherRange);
    return this._areasChild('getIntersectionOrNullObject', [anotherRange], (t) => {
      const other = rangeArgument(this, anotherRange, t.sheet);
      if (other.sheet !== t.sheet) throw invalidArgument('The ranges are on different worksheets.');
      const rects = t.rects.map((r) => rectIntersection(r, other.rect)).filter((r): r is Rect => r !== null);
      return rects.length > 0 ? { sheet: t.sheet, rects } : NULL_TARGET;
    });
  }
}

/** `RangeAreas.areas`: one Range per rectangle. */
export class HostRangeCollection extends HostCollectionObject<HostRange> implements Pick<Excel.RangeCollection, 'context' | 'items' | 'load'> {
  readonly _typeName = 'RangeCollection';
  readonly _scalars: readonly string[] = [];
  readonly _itemScalars: readonly string[] = RANGE_SCALARS;

  get items(): Excel.Range[] {
    return this._get('items');
  }

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.RangeCollection.${name}`);
  }

  _itemTargets(target: unknown): unknown[] {
    const { sheet, rects } = target as AreasTarget;
    return rects.map((r) => ({ sheet, rect: r }));
  }

  _readItem(itemTarget: unknown, name: string): unknown {
    return readRange(itemTarget as { sheet: HostWorksheet; rect: Rect }, name);
  }

  _makeItem(index: number, itemTarget: unknown, props: Record<string, unknown>): HostRange {
    return this._item(HostRange, 'Range', index, itemTarget, props);
  }

  load(arg?: LoadArgument): Excel.RangeCollection {
    this._load(arg);
    return this as unknown as Excel.RangeCollection;
  }
}
