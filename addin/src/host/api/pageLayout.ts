/** `worksheet.pageLayout` (`Excel.PageLayout`, its `headersFooters`) and `worksheet.horizontalPageBreaks` (`Excel.PageBreak`, `Excel.PageBreakCollection`). */

import { HostNotImplemented, invalidArgument } from '../errors';
import { addRowBreak } from '../model/rangeEdits';
import type { HostWorksheet } from '../model/worksheet';
import { HostClientObject, type LoadArgument } from './proxy';
import { checkRangeArgumentContext, HostRange, rangeArgument } from './range';

/** `Excel.PaperType` ↔ the xlsx paper size code (exceljs' pageSetup.paperSize). */
const PAPER_SIZES: Readonly<Record<string, number>> = { Letter: 1, Legal: 5, A3: 8, A4: 9, A5: 11, B4: 12, B5: 13 };

const PAGE_LAYOUT_SCALARS = ['paperSize', 'orientation', 'centerHorizontally', 'zoom'] as const;

/** The rows of a print title ("$3:$4", "3:4" or a range of whole rows) → exceljs' "3:4" (1-based). */
function titleRows(layout: HostPageLayout, rows: Excel.Range | string, s: HostWorksheet): string {
  if (typeof rows === 'string') {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(rows.trim());
    if (m) return `${Number(m[1])}:${Number(m[2])}`;
  }
  const target = rangeArgument(layout, rows, s);
  if (target.sheet !== s) throw invalidArgument('Print titles must be on their worksheet.');
  return `${target.rect.top + 1}:${target.rect.bottom + 1}`;
}

/**
 * `worksheet.pageLayout` (ExcelApi 1.9): the print area and print title rows, paper size,
 * orientation, horizontal centring, zoom (a scale, or fit to pages wide and tall) and the headers
 * and footers for all pages, kept in the sheet's page setup as the xlsx writes it; margins and the
 * rest are not modelled.
 */
export class HostPageLayout
  extends HostClientObject
  implements Pick<Excel.PageLayout, 'context' | 'load' | 'setPrintArea' | 'setPrintTitleRows' | 'headersFooters' | (typeof PAGE_LAYOUT_SCALARS)[number]>
{
  readonly _typeName = 'PageLayout';
  readonly _scalars: readonly string[] = PAGE_LAYOUT_SCALARS;

  get paperSize(): Excel.PaperType | 'A4' | 'Letter' | 'Legal' | 'A3' | 'A5' | 'B4' | 'B5' {
    return this._get('paperSize');
  }
  set paperSize(v: Excel.PaperType | 'A4' | 'Letter' | 'Legal' | 'A3' | 'A5' | 'B4' | 'B5') {
    this._set('paperSize', v);
  }
  get orientation(): Excel.PageOrientation | 'Portrait' | 'Landscape' {
    return this._get('orientation');
  }
  set orientation(v: Excel.PageOrientation | 'Portrait' | 'Landscape') {
    this._set('orientation', v);
  }
  get centerHorizontally(): boolean {
    return this._get('centerHorizontally');
  }
  set centerHorizontally(v: boolean) {
    this._set('centerHorizontally', v);
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this._get('zoom');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this._set('zoom', v);
  }

  /** ExcelApi 1.9: the headers and footers (`defaultForAllPages` only). */
  get headersFooters(): Excel.HeaderFooterGroup {
    return this._nav(HostHeaderFooterGroup, 'HeaderFooterGroup', 'headersFooters', (s: HostWorksheet) => s) as unknown as Excel.HeaderFooterGroup;
  }

  _read(target: unknown, name: string): unknown {
    const setup = (target as HostWorksheet).pageSetup ?? {};
    switch (name) {
      case 'paperSize': {
        const found = Object.entries(PAPER_SIZES).find(([, code]) => code === (setup.paperSize ?? 1));
        if (!found) throw new HostNotImplemented(`paper size code ${String(setup.paperSize)}`);
        return found[0];
      }
      case 'orientation':
        return setup.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      case 'centerHorizontally':
        return setup.horizontalCentered === true;
      case 'zoom':
        return setup.fitToPage === true ? { horizontalFitToPages: setup.fitToWidth ?? 1, verticalFitToPages: setup.fitToHeight ?? 1 } : { scale: typeof setup.scale === 'number' ? setup.scale : 100 };
    }
    throw new HostNotImplemented(`Excel.PageLayout.${name}`);
  }

  override _write(target: unknown, name: string, value: unknown): void {
    const s = target as HostWorksheet;
    const setup = { ...(s.pageSetup ?? {}) };
    switch (name) {
      case 'paperSize':
        if (typeof value !== 'string' || PAPER_SIZES[value] === undefined) throw new HostNotImplemented(`paper size "${String(value)}"`, `the host knows ${Object.keys(PAPER_SIZES).join(', ')}`);
        setup.paperSize = PAPER_SIZES[value];
        break;
      case 'orientation':
        if (value !== 'Portrait' && value !== 'Landscape') throw invalidArgument(`"${String(value)}" is not a page orientation (Portrait, Landscape).`);
        setup.orientation = value === 'Portrait' ? 'portrait' : 'landscape';
        break;
      case 'centerHorizontally':
        if (typeof value !== 'boolean') throw invalidArgument('centerHorizontally must be true or false.');
        setup.horizontalCentered = value;
        break;
      case 'zoom': {
        const zoom = (value ?? {}) as Excel.PageLayoutZoomOptions;
        const pages = (n: unknown) => n === undefined || n === null || (typeof n === 'number' && Number.isInteger(n) && n >= 0);
        if (zoom.scale !== undefined && zoom.scale !== null) {
          if (typeof zoom.scale !== 'number' || zoom.scale < 10 || zoom.scale > 400) throw invalidArgument('zoom.scale must be from 10 to 400.');
          setup.fitToPage = false;
          setup.scale = zoom.scale;
        } else {
          if (!pages(zoom.horizontalFitToPages) || !pages(zoom.verticalFitToPages)) throw invalidArgument('zoom: fit to a whole number of pages.');
          setup.fitToPage = true;
          // 0 pages: as many as the sheet needs (the xlsx's fitToWidth/fitToHeight 0).
          setup.fitToWidth = zoom.horizontalFitToPages ?? 0;
          setup.fitToHeight = zoom.verticalFitToPages ?? 0;
        }
        break;
      }
      default:
        return super._write(target, name, value);
    }
    s.pageSetup = setup;
  }

  load(arg?: LoadArgument): Excel.PageLayout {
    this._load(arg);
    return this as unknown as Excel.PageLayout;
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

  /** The rows printed again at the top of every page ("$3:$3", or a range of those rows). */
  setPrintTitleRows(printTitleRows: Excel.Range | string): void {
    checkRangeArgumentContext(this, printTitleRows);
    this._invoke('setPrintTitleRows', [printTitleRows], (s: HostWorksheet) => {
      s.pageSetup = { ...(s.pageSetup ?? {}), printTitlesRow: titleRows(this, printTitleRows, s) };
      return undefined;
    });
  }
}

/** The six sections of a header/footer pair, as Office.js names them. */
const SECTIONS = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'] as const;
type Section = (typeof SECTIONS)[number];

/** An xlsx header or footer ("&Lleft&Ccentre&Rright") → its three sections ('&&' is a literal &). */
function sectionsOf(text: unknown): Record<'L' | 'C' | 'R', string> {
  const out = { L: '', C: '', R: '' };
  if (typeof text !== 'string') return out;
  let at: 'L' | 'C' | 'R' = 'C';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '&' && (next === 'L' || next === 'C' || next === 'R')) {
      at = next;
      i++;
      continue;
    }
    out[at] += ch;
    if (ch === '&' && next !== undefined) {
      out[at] += next;
      i++;
    }
  }
  return out;
}

function joinSections(s: Record<'L' | 'C' | 'R', string>): string | undefined {
  const text = (s.L ? `&L${s.L}` : '') + (s.C ? `&C${s.C}` : '') + (s.R ? `&R${s.R}` : '');
  return text === '' ? undefined : text;
}

/** `pageLayout.headersFooters` (ExcelApi 1.9): `defaultForAllPages` only (the xlsx's odd header and footer, no first or even pages). */
export class HostHeaderFooterGroup extends HostClientObject implements Pick<Excel.HeaderFooterGroup, 'context' | 'defaultForAllPages'> {
  readonly _typeName = 'HeaderFooterGroup';
  readonly _scalars: readonly string[] = [];

  get defaultForAllPages(): Excel.HeaderFooter {
    return this._nav(HostHeaderFooter, 'HeaderFooter', 'defaultForAllPages', (s: HostWorksheet) => s) as unknown as Excel.HeaderFooter;
  }

  _read(_t: unknown, name: string): unknown {
    throw new HostNotImplemented(`Excel.HeaderFooterGroup.${name}`);
  }
}

/** The header and footer of every page: three sections each, with Excel's codes (&P, &N, &D …). */
export class HostHeaderFooter extends HostClientObject implements Pick<Excel.HeaderFooter, 'context' | 'load' | Section> {
  readonly _typeName = 'HeaderFooter';
  readonly _scalars: readonly string[] = SECTIONS;

  get leftHeader(): string {
    return this._get('leftHeader');
  }
  set leftHeader(v: string) {
    this._set('leftHeader', v);
  }
  get centerHeader(): string {
    return this._get('centerHeader');
  }
  set centerHeader(v: string) {
    this._set('centerHeader', v);
  }
  get rightHeader(): string {
    return this._get('rightHeader');
  }
  set rightHeader(v: string) {
    this._set('rightHeader', v);
  }
  get leftFooter(): string {
    return this._get('leftFooter');
  }
  set leftFooter(v: string) {
    this._set('leftFooter', v);
  }
  get centerFooter(): string {
    return this._get('centerFooter');
  }
  set centerFooter(v: string) {
    this._set('centerFooter', v);
  }
  get rightFooter(): string {
    return this._get('rightFooter');
  }
  set rightFooter(v: string) {
    this._set('rightFooter', v);
  }

  load(arg?: LoadArgument): Excel.HeaderFooter {
    this._load(arg);
    return this as unknown as Excel.HeaderFooter;
  }

  private static where(name: string): { part: 'oddHeader' | 'oddFooter'; section: 'L' | 'C' | 'R' } {
    const section = name.startsWith('left') ? 'L' : name.startsWith('center') ? 'C' : 'R';
    return { part: name.endsWith('Header') ? 'oddHeader' : 'oddFooter', section };
  }

  _read(target: unknown, name: string): unknown {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new HostNotImplemented(`Excel.HeaderFooter.${name}`);
    const { part, section } = HostHeaderFooter.where(name);
    return sectionsOf((target as HostWorksheet).headerFooter?.[part])[section];
  }

  override _write(target: unknown, name: string, value: unknown): void {
    if (!(SECTIONS as readonly string[]).includes(name)) return super._write(target, name, value);
    if (typeof value !== 'string') throw invalidArgument(`${name} must be text.`);
    const s = target as HostWorksheet;
    const { part, section } = HostHeaderFooter.where(name);
    const sections = sectionsOf(s.headerFooter?.[part]);
    sections[section] = value;
    const headerFooter: Record<string, unknown> = { ...(s.headerFooter ?? {}) };
    const joined = joinSections(sections);
    if (joined === undefined) delete headerFooter[part];
    else headerFooter[part] = joined;
    s.headerFooter = Object.keys(headerFooter).length > 0 ? headerFooter : null;
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
