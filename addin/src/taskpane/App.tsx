import * as React from 'react';
import {
  Button,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Tab,
  TabList,
  Text,
  makeStaticStyles,
  makeStyles,
  selectClassNames,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { LOCALES, type Locale } from '../i18n/locale';
import { LOCALE_NAMES, ui, type UiId } from '../i18n/ui';
import { environmentLocale, loadSettings, paneLocale, saveSettings, viewFrom, type PaneEnvironment, type Settings, type ViewId } from './environment';
import { ComplaintsView, NewRecordView, QueueView, ReceptionView, StepsView, type StepTarget } from './DeskViews';
import { BindingView, PrintView } from './ArchiveViews';
import { ImportView, PerformanceView, StatisticsView } from './DataViews';
import { SessionContext, useCreateSession, useSession } from './session';
import { problemMessage } from '../core/problems';
import { unstorableProblem } from '../domain/storableText';
import { UpgradeBar } from './UpgradeBar';
import { BroadcastsView } from './BroadcastsView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  header: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * The pane opens at about 320 px in Excel. A drop-down's width is that of its longest option (an
 * import's table titles, a column mapping's labels): let it shrink with the pane instead.
 */
const useNarrowPaneStyles = makeStaticStyles({ [`.${selectClassNames.root}`]: { minWidth: 0 } });

/** The views the pane offers now, with the ribbon's names for them. */
export const TABS: readonly { id: ViewId; label: UiId }[] = [
  { id: 'reception', label: 'viewReception' },
  { id: 'complaints', label: 'viewComplaints' },
  { id: 'new', label: 'viewNewRecord' },
  { id: 'steps', label: 'viewSteps' },
  { id: 'queue', label: 'viewQueue' },
  { id: 'broadcasts', label: 'viewBroadcasts' },
  { id: 'print', label: 'viewPrint' },
  { id: 'binding', label: 'viewBinding' },
  { id: 'statistics', label: 'viewStatistics' },
  { id: 'performance', label: 'viewPerformance' },
  { id: 'import', label: 'viewImport' },
  { id: 'settings', label: 'viewSettings' },
];

/** The views that write into the workbook: a ledger of another template version shows its Upgrade bar there. */
const WRITING_VIEWS: ReadonlySet<ViewId> = new Set(['reception', 'complaints', 'new', 'steps', 'broadcasts', 'binding', 'statistics', 'performance', 'import']);

function SettingsView({ onSave }: { onSave: (settings: Settings) => void }) {
  const session = useSession();
  const { locale } = session;
  const [draft, setDraft] = React.useState(session.settings);
  const [saved, setSaved] = React.useState(false);
  const detected = LOCALE_NAMES[paneLocale({ ...draft, locale: 'auto' }, session.env.displayLanguage)];
  // The name and site go into the audit log of every change: text Excel cannot store is said under the field.
  const problemOf = (text: string) => {
    const problem = unstorableProblem(text);
    return problem ? problemMessage(problem, locale) : undefined;
  };
  const clerkProblem = problemOf(draft.clerk);
  const siteProblem = problemOf(draft.site);
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM }}
      onSubmit={(event) => {
        event.preventDefault();
        if (clerkProblem || siteProblem) return;
        onSave({ ...draft, clerk: draft.clerk.trim(), site: draft.site.trim() });
        setSaved(true);
      }}
    >
      <Field label={ui('clerkName', locale)} required validationState={clerkProblem ? 'error' : 'none'} validationMessage={clerkProblem}>
        <Input value={draft.clerk} onChange={(_, d) => (setDraft({ ...draft, clerk: d.value }), setSaved(false))} />
      </Field>
      <Field label={ui('site', locale)} validationState={siteProblem ? 'error' : 'none'} validationMessage={siteProblem}>
        <Input value={draft.site} onChange={(_, d) => (setDraft({ ...draft, site: d.value }), setSaved(false))} />
      </Field>
      {!session.env.locale && (
        <Field label={ui('language', locale)}>
          <Select value={draft.locale} onChange={(_, d) => (setDraft({ ...draft, locale: d.value as Locale | 'auto' }), setSaved(false))}>
            <option value="auto">{ui('languageAuto', locale, { detected })}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={Boolean(clerkProblem || siteProblem)}>
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
  useNarrowPaneStyles();
  const styles = useStyles();
  const [settings, setSettings] = React.useState(() => loadSettings(env.storage));
  const locale = environmentLocale(env, settings);
  const requested = viewFrom(env.initialView);
  const [view, setView] = React.useState<ViewId>(settings.clerk ? requested : 'settings');
  const session = useCreateSession(env, settings, locale);
  const [stepTarget, setStepTarget] = React.useState<StepTarget | null>(null);
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
            <TabList size="small" style={{ flexWrap: 'wrap' }} selectedValue={view} onTabSelect={(_, d) => setView(d.value as ViewId)} aria-label={ui('views', locale)}>
              {TABS.map((tab) => (
                <Tab key={tab.id} value={tab.id}>
                  {ui(tab.label, locale)}
                </Tab>
              ))}
            </TabList>
          </header>
          <main className={styles.body}>
            <UpgradeBar writes={WRITING_VIEWS.has(view)} />
            {view === 'reception' && <ReceptionView />}
            {view === 'complaints' && <ComplaintsView />}
            {view === 'new' && <NewRecordView />}
            {view === 'steps' && <StepsView target={stepTarget} />}
            {view === 'queue' && (
              <QueueView
                onAct={(target) => {
                  setStepTarget(target);
                  setView('steps');
                }}
              />
            )}
            {view === 'broadcasts' && <BroadcastsView />}
            {view === 'print' && <PrintView />}
            {view === 'binding' && <BindingView />}
            {view === 'statistics' && <StatisticsView />}
            {view === 'performance' && <PerformanceView />}
            {view === 'import' && <ImportView />}
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
