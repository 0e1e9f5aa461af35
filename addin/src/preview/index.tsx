import * as React from 'react';
import { createRoot } from 'react-dom/client';
import {
  Button,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { LOCALES, resolveLocale, type Locale } from '../i18n/locale';
import { LOCALE_NAMES, ui } from '../i18n/ui';
import { HostWorkbook } from '../host/model';
import type { HostWorksheet } from '../host/model';
import { formatCellText } from '../host/cells';
import { columnLetters } from '../ledger/report';
import { App } from '../taskpane/App';
import type { PaneEnvironment } from '../taskpane/environment';
import { XLSX_TYPE, saveFile } from '../taskpane/download';

/**
 * The preview: the real task pane, running on the in-memory Excel host in a plain browser, beside
 * a grid of the workbook it changes, with a button that downloads the workbook as an .xlsx written
 * by exceljs. exceljs is loaded only when a workbook is read or written.
 */

const MAX_GRID_ROWS = 200;
const MAX_GRID_COLUMNS = 40;

const useStyles = makeStyles({
  page: { display: 'flex', height: '100vh', overflow: 'hidden' },
  pane: { width: '380px', flexShrink: 0, borderRight: `1px solid ${tokens.colorNeutralStroke1}`, overflowY: 'auto' },
  sheet: { flexGrow: 1, display: 'flex', flexDirection: 'column', minWidth: 0 },
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
  head: { backgroundColor: tokens.colorNeutralBackground3, position: 'sticky', top: 0, color: tokens.colorNeutralForeground3 },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
});

type Source = 'demo' | 'empty';

/** One promise per ledger shown (source and language): the pane's requests wait for it. */
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

function Grid({ sheet, selection, locale }: { sheet: HostWorksheet; selection: [number, number] | null; locale: Locale }) {
  const styles = useStyles();
  const used = sheet.usedRect(true);
  const rows = used ? Math.min(used.bottom + 1, MAX_GRID_ROWS) : 0;
  const columns = used ? Math.min(used.right + 1, MAX_GRID_COLUMNS) : 0;
  return (
    <div className={styles.grid}>
      {used && used.bottom + 1 > MAX_GRID_ROWS && <Text size={200}>{ui('rowsShown', locale, { shown: MAX_GRID_ROWS, total: used.bottom + 1 })}</Text>}
      <table className={styles.table} aria-label={sheet.name} data-sheet={sheet.name}>
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.head}`} />
            {Array.from({ length: columns }, (_, c) => (
              <th key={c} className={`${styles.cell} ${styles.head}`} scope="col">
                {columnName(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => {
            const isSelected = selection !== null && r >= selection[0] && r <= selection[1];
            return (
              <tr key={r} data-row={r + 1} className={isSelected ? styles.selected : undefined} aria-selected={isSelected || undefined}>
                <th className={`${styles.cell} ${styles.head}`} scope="row">
                  {r + 1}
                </th>
                {Array.from({ length: columns }, (_, c) => {
                  const cell = sheet.cell(r, c);
                  return (
                    <td key={c} className={styles.cell} data-col={columnName(c)}>
                      {cell ? (cell.formula && cell.value === null ? cell.formula : formatCellText(cell.value, cell.numberFormat)) : ''}
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
  const browserLocale = resolveLocale(new URLSearchParams(location.search).get('lang') ?? navigator.language);
  const [source, setSource] = React.useState<Source>((new URLSearchParams(location.search).get('ledger') as Source) === 'empty' ? 'empty' : 'demo');
  const [ledgerLocale, setLedgerLocale] = React.useState<Locale>(browserLocale);
  const [workbook, setWorkbook] = React.useState<HostWorkbook | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);
  const [sheetName, setSheetName] = React.useState<string | null>(null);
  const [downloading, setDownloading] = React.useState(false);

  React.useEffect(() => {
    let cancelled = false;
    const deferred = deferredFor(`${source}-${ledgerLocale}`);
    setWorkbook(null);
    setError(null);
    loadWorkbook(source, ledgerLocale).then(
      (wb) => {
        if (cancelled) return;
        deferred.resolve(wb);
        setWorkbook(wb);
        setSheetName(wb.worksheets.find((s) => s.visibility === 'Visible')?.name ?? null);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [source, ledgerLocale]);

  // The pane shows itself at once; its first request waits until the workbook is read.
  const env = React.useMemo<PaneEnvironment>(() => {
    const ready = deferredFor(`${source}-${ledgerLocale}`).promise.then((wb) => wb.client({ name: 'preview' }));
    return {
      run: async (batch) => (await ready).run(batch),
      displayLanguage: browserLocale,
      storage: window.localStorage,
      initialView: new URLSearchParams(location.search).get('view'),
      onWorkbookChanged: () => setVersion((v) => v + 1),
    };
    // A new ledger (source or language) is a new workbook and a new pane.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, ledgerLocale, browserLocale]);

  // Follow Excel: after each action the active sheet (where a selection also lands) comes to the front.
  const active = workbook?.activeWorksheet?.name;
  React.useEffect(() => {
    if (active && version > 0) setSheetName(active);
  }, [active, version]);

  const download = async () => {
    if (!workbook) return;
    setDownloading(true);
    try {
      const { hostWorkbookToXlsx } = await import(/* webpackChunkName: "xlsx" */ '../host/xlsxBridge');
      const bytes = await hostWorkbookToXlsx(workbook);
      saveFile(`kefu-ledger-preview.${ledgerLocale}.xlsx`, bytes, XLSX_TYPE);
    } finally {
      setDownloading(false);
    }
  };

  const sheet = workbook && sheetName ? workbook.findWorksheet(sheetName) : undefined;
  const visibleSheets = workbook?.worksheets.filter((s) => s.visibility === 'Visible') ?? [];
  return (
    <FluentProvider theme={webLightTheme} lang={browserLocale}>
      <div className={styles.page}>
        <aside className={styles.pane} aria-label={ui('appName', browserLocale)}>
          <App key={`${source}-${ledgerLocale}`} env={env} />
        </aside>
        <section className={styles.sheet} aria-label={ui('previewTitle', browserLocale)}>
          <div className={styles.toolbar}>
            <Text weight="semibold">{ui('previewTitle', browserLocale)}</Text>
            <Field label={ui('previewDemo', browserLocale) + ' / ' + ui('previewEmpty', browserLocale)}>
              <Select value={source} onChange={(_, d) => setSource(d.value as Source)} data-testid="ledger-source">
                <option value="demo">{ui('previewDemo', browserLocale)}</option>
                <option value="empty">{ui('previewEmpty', browserLocale)}</option>
              </Select>
            </Field>
            <Field label={ui('language', browserLocale)}>
              <Select value={ledgerLocale} onChange={(_, d) => setLedgerLocale(d.value as Locale)} data-testid="ledger-locale">
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={ui('sheet', browserLocale)}>
              <Select value={sheetName ?? ''} onChange={(_, d) => setSheetName(d.value)} data-testid="sheet-picker">
                {visibleSheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Button appearance="primary" onClick={() => void download()} disabled={!workbook || downloading}>
              {downloading ? ui('downloading', browserLocale) : ui('download', browserLocale)}
            </Button>
            <Text size={200}>{ui('previewNote', browserLocale)}</Text>
          </div>
          {error && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          {!workbook && !error && <Spinner label={ui('loading', browserLocale)} />}
          {sheet && (
            <Grid
              key={`${sheet.name}-${version}`}
              sheet={sheet}
              selection={workbook?.selection?.sheet === sheet.name ? selectedRows(workbook.selection.address) : null}
              locale={browserLocale}
            />
          )}
        </section>
      </div>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Preview />);
