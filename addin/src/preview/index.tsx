import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { LOCALES, resolveLocale, type Locale } from '../i18n/locale';
import { LOCALE_NAMES, ui } from '../i18n/ui';
// The host's modules one by one, not its index: the index brings the .xlsx bridge and exceljs,
// which the preview loads only when it reads or writes a file.
import { hostClient } from '../host/api/client';
import { formatCellText } from '../host/cells';
import { HostWorkbook } from '../host/model/workbook';
import type { HostWorksheet } from '../host/model/worksheet';
import { columnLetters } from '../ledger/report';
import { excelRun } from '../ledger/office/officeLedger';
import { App } from '../taskpane/App';
import type { PaneEnvironment } from '../taskpane/environment';
import { XLSX_TYPE, saveFile } from '../taskpane/download';

/**
 * The preview: the real task pane, running on the in-memory Excel host in a plain browser, beside
 * a grid of the workbook it changes, with a button that downloads the workbook as an .xlsx written
 * by exceljs. exceljs is loaded only when a workbook is read or written.
 *
 * One language control: it picks the ledger's language (the workbook of that locale is loaded)
 * and the pane's, which then offers no choice of its own, so messages never mix scripts.
 *
 * The grid shows what Excel shows: formulas as their results (the host computes the print sheets'
 * formulas, host/formulas.ts, so a record shown on its print sheet reads as the printed form),
 * merged cells as one, hidden columns not at all. A formula the host leaves to Excel shows its
 * cached result, or its text in grey when it has none.
 */

const MAX_GRID_ROWS = 200;
const MAX_GRID_COLUMNS = 40;

/** Narrower than this, the window is the task pane (a phone, or Excel's pane width in the tests) and the sheet follows below. */
const NARROW = '@media (max-width: 719px)';

const useStyles = makeStyles({
  page: { display: 'flex', height: '100vh', overflow: 'hidden', [NARROW]: { flexDirection: 'column', height: 'auto', overflow: 'visible' } },
  pane: {
    width: '380px',
    flexShrink: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    overflowY: 'auto',
    [NARROW]: { width: 'auto', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, overflowY: 'visible' },
  },
  sheet: { flexGrow: 1, display: 'flex', flexDirection: 'column', minWidth: 0, [NARROW]: { height: '80vh' } },
  toolbar: {
    display: 'flex',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  grid: { overflow: 'auto', flexGrow: 1 },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, fontFamily: tokens.fontFamilyBase },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    whiteSpace: 'nowrap',
    maxWidth: '24em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  merged: { whiteSpace: 'pre-wrap', maxWidth: '48em', verticalAlign: 'top' },
  bold: { fontWeight: tokens.fontWeightSemibold },
  notComputed: { color: tokens.colorNeutralForeground4, fontStyle: 'italic' },
  head: { backgroundColor: tokens.colorNeutralBackground3, position: 'sticky', top: 0, color: tokens.colorNeutralForeground3 },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
});

type Source = 'demo' | 'empty';

/** One promise per ledger shown (each load of a source and language): the pane's requests wait for it. */
let loads = 0;
const deferredWorkbooks = new Map<string, { promise: Promise<HostWorkbook>; resolve: (wb: HostWorkbook) => void }>();
function deferredFor(key: string) {
  let deferred = deferredWorkbooks.get(key);
  if (!deferred) {
    let resolve!: (wb: HostWorkbook) => void;
    const promise = new Promise<HostWorkbook>((r) => (resolve = r));
    deferred = { promise, resolve };
    deferredWorkbooks.set(key, deferred);
  }
  return deferred;
}

async function loadWorkbook(source: Source, locale: Locale): Promise<HostWorkbook> {
  const file = source === 'demo' ? `demo.${locale}.xlsx` : `templates/kefu-ledger.${locale}.xlsx`;
  const response = await fetch(file);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const { hostWorkbookFromXlsx } = await import(/* webpackChunkName: "xlsx" */ '../host/xlsxBridge');
  return hostWorkbookFromXlsx(await response.arrayBuffer(), { name: file.split('/').pop() });
}

const columnName = (index: number) => columnLetters(index + 1);

/** Rows of the selected address (e.g. "A5:AI5" → 4..4), to highlight the selection. */
function selectedRows(address: string | undefined): [number, number] | null {
  const m = /^\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/.exec(address ?? '');
  return m ? [Number(m[1]) - 1, Number(m[2] ?? m[1]) - 1] : null;
}

/**
 * The rows the grid shows: the first MAX_GRID_ROWS, or — when the selection lies below them, as
 * Excel scrolls to a selection — the header row and a window that starts just above the selection.
 */
function shownRows(used: { bottom: number } | null, selection: [number, number] | null): number[] {
  if (!used) return [];
  const count = Math.min(used.bottom + 1, MAX_GRID_ROWS);
  if (!selection || selection[1] < count) return Array.from({ length: count }, (_, r) => r);
  const from = Math.max(1, selection[0] - 3);
  const to = Math.min(used.bottom, from + MAX_GRID_ROWS - 2);
  return [0, ...Array.from({ length: to - from + 1 }, (_, i) => from + i)];
}

/** How merged areas show in a grid of the `shown` rows × `columns`: the spans of each first cell, and the cells covered. */
function mergedCells(sheet: HostWorksheet, shown: readonly number[], columns: number, visible: readonly number[]) {
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  const rows = (shown[shown.length - 1] ?? -1) + 1;
  const isShown = new Set(shown);
  for (const m of sheet.merges) {
    if (m.top >= rows || m.left >= columns) continue;
    // An area cut by the window (its first row not shown) shows as separate cells.
    if (!isShown.has(m.top) || !isShown.has(Math.min(m.bottom, rows - 1))) continue;
    const bottom = Math.min(m.bottom, rows - 1);
    const right = Math.min(m.right, columns - 1);
    const shown = visible.filter((c) => c >= m.left && c <= right);
    if (shown.length === 0) continue;
    for (let r = m.top; r <= bottom; r++) for (const c of shown) covered.add(`${r},${c}`);
    const first = `${m.top},${shown[0]}`;
    covered.delete(first);
    spans.set(first, { rowSpan: bottom - m.top + 1, colSpan: shown.length });
  }
  return { spans, covered };
}

function Grid({ sheet, selection, locale }: { sheet: HostWorksheet; selection: [number, number] | null; locale: Locale }) {
  const styles = useStyles();
  sheet.workbook.recalculate();
  const used = sheet.usedRect(true);
  const rows = shownRows(used, selection);
  const windowed = rows.length > 1 && rows[1] !== 1;
  const columns = used ? Math.min(used.right + 1, MAX_GRID_COLUMNS) : 0;
  const visible = Array.from({ length: columns }, (_, c) => c).filter((c) => !sheet.hiddenColumns.has(c));
  const { spans, covered } = mergedCells(sheet, rows, columns, visible);
  return (
    <div className={styles.grid}>
      {used && windowed && <Text size={200}>{ui('rowsWindow', locale, { from: rows[1] + 1, to: rows[rows.length - 1] + 1, total: used.bottom + 1 })}</Text>}
      {used && !windowed && used.bottom + 1 > MAX_GRID_ROWS && <Text size={200}>{ui('rowsShown', locale, { shown: MAX_GRID_ROWS, total: used.bottom + 1 })}</Text>}
      <table className={styles.table} aria-label={sheet.name} data-sheet={sheet.name}>
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.head}`} />
            {visible.map((c) => (
              <th key={c} className={`${styles.cell} ${styles.head}`} scope="col">
                {columnName(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const isSelected = selection !== null && r >= selection[0] && r <= selection[1];
            return (
              <tr key={r} data-row={r + 1} className={isSelected ? styles.selected : undefined} aria-selected={isSelected || undefined}>
                <th className={`${styles.cell} ${styles.head}`} scope="row">
                  {r + 1}
                </th>
                {visible.map((c) => {
                  if (covered.has(`${r},${c}`)) return null;
                  const cell = sheet.cell(r, c);
                  const span = spans.get(`${r},${c}`);
                  const notComputed = cell?.formula !== undefined && cell.value === null;
                  const text = cell ? (notComputed ? cell.formula! : formatCellText(cell.value, cell.numberFormat)) : '';
                  const classes = [styles.cell, span && styles.merged, cell?.bold && styles.bold, notComputed && styles.notComputed].filter(Boolean).join(' ');
                  return (
                    <td
                      key={c}
                      className={classes}
                      data-col={columnName(c)}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      title={notComputed ? ui('formulaByExcel', locale) : text.length > 24 ? text : undefined}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Preview() {
  const styles = useStyles();
  const [source, setSource] = React.useState<Source>((new URLSearchParams(location.search).get('ledger') as Source) === 'empty' ? 'empty' : 'demo');
  // The one language of the page: the ledger's, the pane's and the preview's own words.
  const [locale, setLocale] = React.useState<Locale>(() => resolveLocale(new URLSearchParams(location.search).get('lang') ?? navigator.language));
  const chooseLocale = (next: Locale) => {
    const url = new URL(location.href);
    url.searchParams.set('lang', next);
    history.replaceState(null, '', url);
    setLocale(next);
  };
  // Each choice of source and language loads a new workbook, for a new pane (even one chosen before).
  const ledgerKey = React.useMemo(() => `${source}-${locale}-${++loads}`, [source, locale]);
  const [workbook, setWorkbook] = React.useState<HostWorkbook | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);
  const [sheetName, setSheetName] = React.useState<string | null>(null);
  const [downloading, setDownloading] = React.useState(false);

  // A new ledger clears the old one at once (adjusted while rendering, not in the effect that loads it).
  const [shownKey, setShownKey] = React.useState(ledgerKey);
  if (ledgerKey !== shownKey) {
    setShownKey(ledgerKey);
    setWorkbook(null);
    setError(null);
  }

  React.useEffect(() => {
    let cancelled = false;
    const deferred = deferredFor(ledgerKey);
    loadWorkbook(source, locale).then(
      (wb) => {
        if (cancelled) return;
        deferred.resolve(wb);
        deferredWorkbooks.delete(ledgerKey); // the pane holds its promise
        setWorkbook(wb);
        setSheetName(wb.worksheets.find((s) => s.visibility === 'Visible')?.name ?? null);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
      deferredWorkbooks.delete(ledgerKey);
    };
  }, [source, locale, ledgerKey]);

  // The pane shows itself at once; its first request waits until the workbook is read.
  const env = React.useMemo<PaneEnvironment>(() => {
    const ready = deferredFor(ledgerKey).promise.then((wb) => hostClient(wb, { name: 'preview' }));
    return {
      run: excelRun({ run: async (options, batch) => (await ready).run(options, batch) }),
      displayLanguage: locale,
      locale,
      storage: window.localStorage,
      initialView: new URLSearchParams(location.search).get('view'),
      onWorkbookChanged: () => setVersion((v) => v + 1),
    };
    // A new ledger (source or language) is a new workbook and a new pane.
  }, [ledgerKey, locale]);

  // Follow Excel: after each action the active sheet (where a selection also lands) comes to the front.
  const active = workbook?.activeWorksheet?.name;
  const [followed, setFollowed] = React.useState({ active, version });
  if (active !== followed.active || version !== followed.version) {
    setFollowed({ active, version });
    if (active && version > 0) setSheetName(active);
  }

  const download = async () => {
    if (!workbook) return;
    setDownloading(true);
    try {
      const { hostWorkbookToXlsx } = await import(/* webpackChunkName: "xlsx" */ '../host/xlsxBridge');
      const bytes = await hostWorkbookToXlsx(workbook);
      saveFile(`kefu-ledger-preview.${locale}.xlsx`, bytes, XLSX_TYPE);
    } finally {
      setDownloading(false);
    }
  };

  const sheet = workbook && sheetName ? workbook.findWorksheet(sheetName) : undefined;
  const visibleSheets = workbook?.worksheets.filter((s) => s.visibility === 'Visible') ?? [];
  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <div className={styles.page}>
        <aside className={styles.pane} aria-label={ui('appName', locale)}>
          <App key={ledgerKey} env={env} />
        </aside>
        <section className={styles.sheet} aria-label={ui('previewTitle', locale)}>
          <div className={styles.toolbar}>
            <Text weight="semibold">{ui('previewTitle', locale)}</Text>
            <Field label={ui('previewDemo', locale) + ' / ' + ui('previewEmpty', locale)}>
              <Select value={source} onChange={(_, d) => setSource(d.value as Source)} data-testid="ledger-source">
                <option value="demo">{ui('previewDemo', locale)}</option>
                <option value="empty">{ui('previewEmpty', locale)}</option>
              </Select>
            </Field>
            <Field label={ui('language', locale)}>
              <Select value={locale} onChange={(_, d) => chooseLocale(d.value as Locale)} data-testid="ledger-locale">
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={ui('sheet', locale)}>
              <Select value={sheetName ?? ''} onChange={(_, d) => setSheetName(d.value)} data-testid="sheet-picker">
                {visibleSheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Button appearance="primary" onClick={() => void download()} disabled={!workbook || downloading}>
              {downloading ? ui('downloading', locale) : ui('download', locale)}
            </Button>
            <Text size={200}>{ui('previewNote', locale)}</Text>
          </div>
          {error && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          {!workbook && !error && <Spinner label={ui('loading', locale)} />}
          {sheet && <Grid key={`${sheet.name}-${version}`} sheet={sheet} selection={workbook?.selection?.sheet === sheet.name ? selectedRows(workbook.selection.address) : null} locale={locale} />}
        </section>
      </div>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Preview />);
