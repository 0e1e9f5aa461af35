import * as React from 'react';
import {
  Button,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { LOCALES, type Locale } from '../i18n/locale';
import { LOCALE_NAMES, ui, type UiId } from '../i18n/ui';
import { complaints, reception } from '../forms/serviceDesk';
import { createNumberedRecord } from '../domain/records';
import { codeLabel } from '../ledger/cells';
import { registerComplaint } from '../domain/serviceDesk';
import type { LedgerRow } from '../ledger/types';
import { loadSettings, paneLocale, saveSettings, viewFrom, type PaneEnvironment, type Settings, type ViewId } from './environment';
import { RecordForm } from './RecordForm';
import { BindingView, PrintView } from './ArchiveViews';
import { SessionContext, errorText, useCreateSession, useSession } from './session';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  header: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** The views the pane offers now, with the ribbon's names for them. */
const TABS: readonly { id: ViewId; label: UiId }[] = [
  { id: 'reception', label: 'viewReception' },
  { id: 'complaints', label: 'viewComplaints' },
  { id: 'queue', label: 'viewQueue' },
  { id: 'print', label: 'viewPrint' },
  { id: 'binding', label: 'viewBinding' },
  { id: 'settings', label: 'viewSettings' },
];

/** Views a ribbon button opens that this version serves through another tab. */
const VIEW_ALIASES: Partial<Record<ViewId, ViewId>> = { statistics: 'queue', performance: 'queue' };

const registerReception = createNumberedRecord(reception);

function ReceptionView() {
  const { locale } = useSession();
  return (
    <RecordForm
      form={reception}
      operation={registerReception}
      help={ui('receptionHelp', locale)}
      initialValues={(now, clerk) => ({ received_at: now, receptionist: { by: clerk, at: now } })}
    />
  );
}

function ComplaintsView() {
  const { locale } = useSession();
  return (
    <RecordForm
      form={complaints}
      operation={registerComplaint}
      help={ui('complaintsHelp', locale)}
      initialValues={(now, clerk) => ({ received_at: now, anonymous: 'no', receptionist: { by: clerk, at: now } })}
    />
  );
}

const QUEUE_COLUMNS = ['ticket_no', 'received_at', 'category', 'department', 'status', 'voided'] as const;

function QueueView() {
  const session = useSession();
  const { locale } = session;
  const [rows, setRows] = React.useState<readonly LedgerRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const load = React.useCallback(
    () =>
      session.act(async () => {
        try {
          const ledger = await session.ledger();
          const snapshot = await ledger.read({ tables: { complaints: { columns: QUEUE_COLUMNS, rows: 'all' } } });
          setRows(snapshot.tables.complaints.filter((r) => r.values.status !== 'archived' && r.values.voided !== true));
          setError(null);
        } catch (e) {
          setError(errorText(e, locale));
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session.ledger, locale],
  );
  React.useEffect(() => {
    void load();
  }, [load]);
  const show = (row: LedgerRow) =>
    session.act(async () => {
      await session.env.run(async (context) => {
        const table = context.workbook.tables.getItem('complaints');
        const header = table.getHeaderRowRange();
        header.load('rowIndex');
        await context.sync();
        header.getOffsetRange(row.ref.row - header.rowIndex, 0).select();
        await context.sync();
      });
    });
  const label = (key: string, value: unknown) => {
    const field = complaints.fields.find((f) => f.key === key);
    if (key === 'status') return codeLabel(complaints.statuses, String(value), locale);
    return field?.codes ? codeLabel(field.codes, String(value ?? ''), locale) : String(value ?? '');
  };
  return (
    <section aria-label={ui('openComplaints', locale)}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text weight="semibold">{ui('openComplaints', locale)}</Text>
        <Button size="small" onClick={() => void load()} disabled={session.busy}>
          {ui('refresh', locale)}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {rows === null && !error && <Spinner size="small" label={ui('loading', locale)} />}
      {rows && rows.length === 0 && <Text>{ui('queueEmpty', locale)}</Text>}
      {rows && rows.length > 0 && (
        <>
          <Text size={200}>{ui('queueCount', locale, { count: rows.length })}</Text>
          <Table size="small" aria-label={ui('openComplaints', locale)}>
            <TableHeader>
              <TableRow>
                {(['ticket_no', 'category', 'department', 'status'] as const).map((key) => (
                  <TableHeaderCell key={key}>
                    {key === 'status' ? ui('status', locale) : complaints.fields.find((f) => f.key === key)!.label[locale]}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={String(row.values.ticket_no)}>
                  {(['ticket_no', 'category', 'department', 'status'] as const).map((key) => (
                    <TableCell key={key}>{label(key, row.values[key])}</TableCell>
                  ))}
                  <TableCell>
                    <Button size="small" appearance="subtle" onClick={() => void show(row)} aria-label={`${ui('select', locale)} ${row.values.ticket_no}`}>
                      {ui('select', locale)}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}

function SettingsView({ onSave }: { onSave: (settings: Settings) => void }) {
  const session = useSession();
  const { locale } = session;
  const [draft, setDraft] = React.useState(session.settings);
  const [saved, setSaved] = React.useState(false);
  const detected = LOCALE_NAMES[paneLocale({ ...draft, locale: 'auto' }, session.env.displayLanguage)];
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM }}
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ ...draft, clerk: draft.clerk.trim(), site: draft.site.trim() });
        setSaved(true);
      }}
    >
      <Field label={ui('clerkName', locale)} required>
        <Input value={draft.clerk} onChange={(_, d) => (setDraft({ ...draft, clerk: d.value }), setSaved(false))} />
      </Field>
      <Field label={ui('site', locale)}>
        <Input value={draft.site} onChange={(_, d) => (setDraft({ ...draft, site: d.value }), setSaved(false))} />
      </Field>
      <Field label={ui('language', locale)}>
        <Select
          value={draft.locale}
          onChange={(_, d) => (setDraft({ ...draft, locale: d.value as Locale | 'auto' }), setSaved(false))}
        >
          <option value="auto">{ui('languageAuto', locale, { detected })}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button appearance="primary" type="submit">
          {ui('save', locale)}
        </Button>
      </div>
      {saved && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{ui('saved', locale)}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

export function App({ env }: { env: PaneEnvironment }) {
  const styles = useStyles();
  const [settings, setSettings] = React.useState(() => loadSettings(env.storage));
  const locale = paneLocale(settings, env.displayLanguage);
  const requested = viewFrom(env.initialView);
  const [view, setView] = React.useState<ViewId>(settings.clerk ? (VIEW_ALIASES[requested] ?? requested) : 'settings');
  const session = useCreateSession(env, settings, locale);
  React.useEffect(() => {
    // Read by the bench (taskpane.firstRender.ms): when the pane first showed itself.
    if (performance.getEntriesByName('kefu-first-render').length === 0) performance.mark('kefu-first-render');
  }, []);
  React.useEffect(() => {
    document.documentElement.lang = locale;
    document.title = ui('appName', locale);
  }, [locale]);
  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <SessionContext.Provider value={session}>
        <div className={styles.root}>
          <header className={styles.header}>
            <Text as="h1" weight="semibold" size={400}>
              {ui('appName', locale)}
            </Text>
            <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as ViewId)} aria-label={ui('views', locale)}>
              {TABS.map((tab) => (
                <Tab key={tab.id} value={tab.id}>
                  {ui(tab.label, locale)}
                </Tab>
              ))}
            </TabList>
          </header>
          <main className={styles.body}>
            {view === 'reception' && <ReceptionView />}
            {view === 'complaints' && <ComplaintsView />}
            {view === 'queue' && <QueueView />}
            {view === 'print' && <PrintView />}
            {view === 'binding' && <BindingView />}
            {view === 'settings' && (
              <SettingsView
                onSave={(next) => {
                  saveSettings(env.storage, next);
                  setSettings(next);
                }}
              />
            )}
          </main>
        </div>
      </SessionContext.Provider>
    </FluentProvider>
  );
}
