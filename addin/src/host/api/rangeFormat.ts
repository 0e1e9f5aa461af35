/** `range.format` (`Excel.RangeFormat`) and its `font`, `fill` and `borders`: the formats the host models. */

import { type Rect, rectColumns, rectRows } from '../address';
import { HostNotImplemented, invalidArgument } from '../errors';
import { columnWidthCharacters, columnWidthPoints } from '../model/cell';
import { setBold, setRowHeight, setStyle } from '../model/rangeEdits';
import { HostClientObject, type LoadArgument } from './proxy';
import type { RangeTarget } from './targets';

/** `Excel.VerticalAlignment` ↔ exceljs' alignment.vertical. */
const VERTICAL_ALIGNMENTS: Readonly<Record<string, string>> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

/** `Excel.HorizontalAlignment` ↔ exceljs' alignment.horizontal (General: none). */
const HORIZONTAL_ALIGNMENTS: Readonly<Record<string, string | undefined>> = {
  General: undefined,
  Left: 'left',
  Center: 'center',
  Right: 'right',
  Fill: 'fill',
  Justify: 'justify',
  CenterAcrossSelection: 'centerContinuous',
  Distributed: 'distributed',
};

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

const RANGE_FORMAT_SCALARS = ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'] as const;

export class HostRangeFormat extends HostClientObject implements Pick<Excel.RangeFormat, 'context' | (typeof RANGE_FORMAT_SCALARS)[number] | 'fill' | 'font' | 'borders' | 'load'> {
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
  get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: Excel.RangeFormat['horizontalAlignment']) {
    this._set('horizontalAlignment', v);
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

  /** ExcelApi 1.1: the range's borders, by edge (`getItem`). */
  get borders(): Excel.RangeBorderCollection {
    return this._nav(HostRangeBorderCollection, 'RangeBorderCollection', 'borders', (t: RangeTarget) => t) as unknown as Excel.RangeBorderCollection;
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
      case 'horizontalAlignment':
        return styledCells(target as RangeTarget, (s) => {
          const found = Object.entries(HORIZONTAL_ALIGNMENTS).find(([, x]) => x === s.alignment?.horizontal);
          if (!found) throw new HostNotImplemented(`horizontal alignment "${String(s.alignment?.horizontal)}"`);
          return found[0];
        });
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
      case 'horizontalAlignment': {
        if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(HORIZONTAL_ALIGNMENTS, value)) {
          throw invalidArgument(`"${String(value)}" is not a horizontal alignment (General, Left, Center, Right, Fill, Justify, CenterAcrossSelection, Distributed).`);
        }
        const horizontal = HORIZONTAL_ALIGNMENTS[value];
        return setStyle(sheet, r, (s) => {
          const { horizontal: _old, ...alignment } = (s.alignment ?? {}) as Record<string, unknown>;
          return { ...s, alignment: horizontal ? { ...alignment, horizontal } : alignment };
        });
      }
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

export class HostRangeFont extends HostClientObject implements Pick<Excel.RangeFont, 'context' | 'bold' | 'color' | 'size' | 'load'> {
  readonly _typeName = 'RangeFont';
  readonly _scalars: readonly string[] = ['bold', 'color', 'size'];

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

  /** Points; the host's default font is 11 pt. */
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._set('size', v);
  }

  _read(target: unknown, name: string): unknown {
    const { sheet, rect: r } = target as RangeTarget;
    if (name === 'size') return styledCells(target as RangeTarget, (s) => (typeof s.font?.size === 'number' ? s.font.size : 11));
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
    if (name === 'size') {
      // Excel takes 1 to 409 points.
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 409) throw invalidArgument('font.size must be a number of points from 1 to 409.');
      return setStyle(sheet, r, (s) => ({ ...s, font: { ...(s.font ?? {}), size: value } }));
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

/** `Excel.BorderIndex` → the sides of the cells it draws: each cell's side, for the cells at that edge (inside: between the cells). */
const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;
type BorderIndex = (typeof BORDER_INDEXES)[number];

/** `Excel.BorderLineStyle` ↔ exceljs' border style at weight Thin (Excel's default weight). */
const LINE_STYLES: Readonly<Record<string, string | undefined>> = {
  None: undefined,
  Continuous: 'thin',
  Dash: 'dashed',
  DashDot: 'dashDot',
  DashDotDot: 'dashDotDot',
  Dot: 'dotted',
  Double: 'double',
};
/** `Excel.BorderWeight` of a continuous line ↔ exceljs' border style. */
const WEIGHTS: Readonly<Record<string, string>> = { Hairline: 'hair', Thin: 'thin', Medium: 'medium', Thick: 'thick' };

/** The cells and sides an edge of the range draws on. */
function sidesOf(r: Rect, index: BorderIndex): { area: Rect; side: 'top' | 'bottom' | 'left' | 'right' }[] {
  switch (index) {
    case 'EdgeTop':
      return [{ area: { ...r, bottom: r.top }, side: 'top' }];
    case 'EdgeBottom':
      return [{ area: { ...r, top: r.bottom }, side: 'bottom' }];
    case 'EdgeLeft':
      return [{ area: { ...r, right: r.left }, side: 'left' }];
    case 'EdgeRight':
      return [{ area: { ...r, left: r.right }, side: 'right' }];
    case 'InsideHorizontal':
      return r.bottom > r.top
        ? [
            { area: { ...r, bottom: r.bottom - 1 }, side: 'bottom' },
            { area: { ...r, top: r.top + 1 }, side: 'top' },
          ]
        : [];
    case 'InsideVertical':
      return r.right > r.left
        ? [
            { area: { ...r, right: r.right - 1 }, side: 'right' },
            { area: { ...r, left: r.left + 1 }, side: 'left' },
          ]
        : [];
  }
}

/** `range.format.borders` (ExcelApi 1.1): `getItem` by edge only. */
export class HostRangeBorderCollection extends HostClientObject implements Pick<Excel.RangeBorderCollection, 'context' | 'getItem'> {
  readonly _typeName = 'RangeBorderCollection';
  readonly _scalars: readonly string[] = [];

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.RangeBorderCollection.${name}`);
  }

  getItem(index: Excel.BorderIndex | BorderIndex | 'DiagonalDown' | 'DiagonalUp'): Excel.RangeBorder {
    if (!(BORDER_INDEXES as readonly string[]).includes(index)) throw new HostNotImplemented(`Excel.RangeBorderCollection.getItem("${index}")`, 'edges and inside borders only');
    return this._nav(HostRangeBorder, 'RangeBorder', `item:${index}`, (t: RangeTarget) => ({ ...t, index })) as unknown as Excel.RangeBorder;
  }
}

/**
 * One edge of a range's borders (ExcelApi 1.1): `style` and `weight` (written as exceljs' one border
 * style: Continuous at Thin is "thin", at Medium "medium"), `color` as #RRGGBB. Reading is not modelled.
 */
export class HostRangeBorder extends HostClientObject implements Pick<Excel.RangeBorder, 'context' | 'style' | 'weight' | 'color'> {
  readonly _typeName = 'RangeBorder';
  readonly _scalars: readonly string[] = ['style', 'weight', 'color'];

  get style(): Excel.RangeBorder['style'] {
    return this._get('style');
  }
  set style(v: Excel.RangeBorder['style']) {
    this._set('style', v);
  }
  get weight(): Excel.RangeBorder['weight'] {
    return this._get('weight');
  }
  set weight(v: Excel.RangeBorder['weight']) {
    this._set('weight', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v);
  }

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.RangeBorder.${name} (read)`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const { sheet, rect: r, index } = target as RangeTarget & { index: BorderIndex };
    const change = (border: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
      const current = border ?? {};
      if (name === 'style') {
        if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(LINE_STYLES, value)) throw invalidArgument(`"${String(value)}" is not a border line style.`);
        const style = LINE_STYLES[value];
        if (!style) return undefined;
        // A continuous line keeps the weight it had.
        return { ...current, style: value === 'Continuous' && typeof current.style === 'string' && Object.values(WEIGHTS).includes(current.style) ? current.style : style };
      }
      if (name === 'weight') {
        const style = WEIGHTS[String(value)];
        if (!style) throw invalidArgument(`"${String(value)}" is not a border weight (Hairline, Thin, Medium, Thick).`);
        return { ...current, style };
      }
      if (name === 'color') return { style: 'thin', ...current, color: { argb: argbOf(value, 'border.color') } };
      throw new HostNotImplemented(`Excel.RangeBorder.${name} (set)`);
    };
    for (const { area, side } of sidesOf(r, index)) {
      setStyle(sheet, area, (s) => {
        const borders = { ...((s.border ?? {}) as Record<string, unknown>) };
        const next = change(borders[side] as Record<string, unknown> | undefined);
        if (next) borders[side] = next;
        else delete borders[side];
        const { border: _old, ...rest } = s;
        return Object.keys(borders).length > 0 ? { ...rest, border: borders } : rest;
      });
    }
  }
}
