/** `range.format` (`Excel.RangeFormat`) and its `font` and `fill`: the formats the host models. */

import { type Rect, rectColumns, rectRows } from '../address';
import { HostNotImplemented, invalidArgument } from '../errors';
import { columnWidthCharacters, columnWidthPoints } from '../model/cell';
import { setBold, setRowHeight, setStyle } from '../model/rangeEdits';
import { HostClientObject, type LoadArgument } from './proxy';
import type { RangeTarget } from './targets';

/** `Excel.VerticalAlignment` ↔ exceljs' alignment.vertical. */
const VERTICAL_ALIGNMENTS: Readonly<Record<string, string>> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

/** "#1F5F8B" / "1F5F8B" → exceljs' ARGB "FF1F5F8B"; Excel's named colours are not modelled. */
function argbOf(color: unknown, what: string): string {
  if (typeof color !== 'string') throw invalidArgument(`${what} must be a colour such as "#1F5F8B".`);
  const m = /^#?([0-9A-Fa-f]{6})$/.exec(color);
  if (!m) throw new HostNotImplemented(`Excel colour "${color}"`, 'the host takes #RRGGBB colours only');
  return `FF${m[1].toUpperCase()}`;
}

/** exceljs' colour → Excel's "#RRGGBB" (theme and indexed colours are not modelled). */
function htmlColorOf(color: unknown, fallback: string): string {
  if (color === undefined || color === null) return fallback;
  const argb = (color as { argb?: unknown }).argb;
  if (typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb)) return `#${argb.slice(2).toUpperCase()}`;
  throw new HostNotImplemented('a theme or indexed colour', JSON.stringify(color));
}

/** One value for every cell of a range, or null when the cells differ (Excel's rule for formats). */
function uniform<T>(r: Rect, read: (row: number, col: number) => T): T | null {
  let first: T | undefined;
  let seen = false;
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const v = read(row, col);
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) return null;
    }
  }
  return first ?? null;
}

/** Cells of a format read: beyond this many the host does not read formats (Excel reads the used part). */
const MAX_FORMAT_READ_CELLS = 1_000_000;

function styledCells<T>(target: RangeTarget, read: (style: Record<string, any>) => T): T | null {
  const { sheet, rect: r } = target;
  if (rectRows(r) * rectColumns(r) > MAX_FORMAT_READ_CELLS) throw new HostNotImplemented('reading a format of a range this large');
  return uniform(r, (row, col) => read((sheet.cell(row, col)?.style ?? {}) as Record<string, any>));
}

const RANGE_FORMAT_SCALARS = ['columnWidth', 'rowHeight', 'verticalAlignment', 'wrapText'] as const;

export class HostRangeFormat extends HostClientObject implements Pick<Excel.RangeFormat, 'context' | (typeof RANGE_FORMAT_SCALARS)[number] | 'fill' | 'font' | 'load'> {
  readonly _typeName = 'RangeFormat';
  readonly _scalars: readonly string[] = RANGE_FORMAT_SCALARS;

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v);
  }
  /** ExcelApi 1.2: points; null when the rows differ. */
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._set('rowHeight', v);
  }
  get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: Excel.RangeFormat['verticalAlignment']) {
    this._set('verticalAlignment', v);
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v);
  }

  get font(): Excel.RangeFont {
    return this._nav(HostRangeFont, 'RangeFont', 'font', (t: RangeTarget) => t) as unknown as Excel.RangeFont;
  }

  get fill(): Excel.RangeFill {
    return this._nav(HostRangeFill, 'RangeFill', 'fill', (t: RangeTarget) => t) as unknown as Excel.RangeFill;
  }

  override _navigation(name: string): HostClientObject | undefined {
    if (name === 'font') return this.font as unknown as HostClientObject;
    if (name === 'fill') return this.fill as unknown as HostClientObject;
    return undefined;
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    switch (name) {
      case 'columnWidth': {
        // Excel gives null when the columns of the range differ in width; 8.43 characters by default.
        const widths = new Set<number>();
        for (let c = r.left; c <= Math.min(r.right, r.left + 16_383); c++) widths.add(sheet.columnWidths.get(c) ?? 8.43);
        return widths.size === 1 ? columnWidthPoints([...widths][0]) : null;
      }
      case 'rowHeight': {
        const heights = new Set<number>();
        for (let row = r.top; row <= Math.min(r.bottom, r.top + MAX_FORMAT_READ_CELLS) && heights.size < 2; row++) heights.add(sheet.rowHeights.get(row) ?? 15);
        return heights.size === 1 ? [...heights][0] : null;
      }
      case 'verticalAlignment':
        return styledCells(target as RangeTarget, (s) => {
          const v = s.alignment?.vertical ?? 'bottom';
          const found = Object.entries(VERTICAL_ALIGNMENTS).find(([, x]) => x === v);
          if (!found) throw new HostNotImplemented(`vertical alignment "${String(v)}"`);
          return found[0];
        });
      case 'wrapText':
        return styledCells(target as RangeTarget, (s) => s.alignment?.wrapText === true);
    }
    throw new HostNotImplemented(`Excel.RangeFormat.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    switch (name) {
      case 'columnWidth':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidArgument('columnWidth must be a number of points ≥ 0.');
        for (let c = r.left; c <= r.right; c++) sheet.columnWidths.set(c, columnWidthCharacters(value));
        return;
      case 'rowHeight':
        return setRowHeight(sheet, r, value as number);
      case 'verticalAlignment': {
        const vertical = VERTICAL_ALIGNMENTS[String(value)];
        if (!vertical) throw invalidArgument(`"${String(value)}" is not a vertical alignment (Top, Center, Bottom, Justify, Distributed).`);
        return setStyle(sheet, r, (s) => ({ ...s, alignment: { ...(s.alignment ?? {}), vertical } }));
      }
      case 'wrapText':
        if (typeof value !== 'boolean') throw invalidArgument('wrapText must be true or false.');
        return setStyle(sheet, r, (s) => ({ ...s, alignment: { ...(s.alignment ?? {}), wrapText: value } }));
    }
    super._write(target, name, value);
  }

  load(arg?: LoadArgument): Excel.RangeFormat {
    this._load(arg);
    return this as unknown as Excel.RangeFormat;
  }
}

export class HostRangeFont extends HostClientObject implements Pick<Excel.RangeFont, 'context' | 'bold' | 'color' | 'load'> {
  readonly _typeName = 'RangeFont';
  readonly _scalars: readonly string[] = ['bold', 'color'];

  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v);
  }
  /** "#RRGGBB"; the host's default font colour is black. */
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'bold') {
      // Excel gives null when the cells differ.
      const seen = new Set<boolean>();
      for (let row = r.top; row <= r.bottom && seen.size < 2; row++) {
        for (let col = r.left; col <= r.right && seen.size < 2; col++) seen.add(sheet.cell(row, col)?.bold === true);
      }
      return seen.size === 1 ? [...seen][0] : null;
    }
    if (name === 'color') return styledCells(target as RangeTarget, (s) => htmlColorOf(s.font?.color, '#000000'));
    throw new HostNotImplemented(`Excel.RangeFont.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'bold') {
      if (typeof value !== 'boolean') throw invalidArgument('bold must be true or false.');
      return setBold(sheet, r, value);
    }
    if (name === 'color') {
      const argb = argbOf(value, 'font.color');
      return setStyle(sheet, r, (s) => ({ ...s, font: { ...(s.font ?? {}), color: { argb } } }));
    }
    super._write(target, name, value);
  }

  load(arg?: LoadArgument): Excel.RangeFont {
    this._load(arg);
    return this as unknown as Excel.RangeFont;
  }
}

/** `range.format.fill` (ExcelApi 1.1): a solid background colour. */
export class HostRangeFill extends HostClientObject implements Pick<Excel.RangeFill, 'context' | 'color' | 'clear' | 'load'> {
  readonly _typeName = 'RangeFill';
  readonly _scalars: readonly string[] = ['color'];

  /** "#RRGGBB"; Excel reports an unfilled cell as "#FFFFFF". */
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  _read(target: unknown, name: string): unknown {
    if (name === 'color') {
      return styledCells(target as RangeTarget, (s) => {
        const fill = s.fill as { type?: string; pattern?: string; fgColor?: unknown } | undefined;
        if (!fill || fill.pattern === 'none') return '#FFFFFF';
        if (fill.type !== 'pattern' || fill.pattern !== 'solid') throw new HostNotImplemented('a fill other than a solid colour');
        return htmlColorOf(fill.fgColor, '#FFFFFF');
      });
    }
    throw new HostNotImplemented(`Excel.RangeFill.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r } = target as RangeTarget;
    if (name !== 'color') return super._write(target, name, value);
    const argb = argbOf(value, 'fill.color');
    setStyle(sheet, r, (s) => ({ ...s, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } }));
  }

  clear(): void {
    this._invoke('clear', [], (t: RangeTarget) => {
      setStyle(t.sheet, t.rect, ({ fill: _fill, ...rest }) => rest);
      return undefined;
    });
  }

  load(arg?: LoadArgument): Excel.RangeFill {
    this._load(arg);
    return this as unknown as Excel.RangeFill;
  }
}
