import * as React from 'react';
import { Badge, Button, Field, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import type { Locale } from '../i18n/locale';
import { broadcasts } from '../forms/visitors';
import { codeLabel, type RecordValues } from '../ledger/cells';
import type { DueItem } from '../domain/workflow';
import { queueRequest, workflowsIn } from '../domain/workflowRuns';
import { broadcastItems, broadcastWorkflow, closeBroadcast, readBroadcast } from '../domain/visitors/broadcasts';
import { visitorRulesIn } from '../domain/visitors/visitorRules';
import { announcementChoice, announcementText, languagesOf, type BroadcastLanguage } from '../domain/visitors/announcement';
import type { StepResult } from '../domain/deskSteps';
import { RecordForm } from './RecordForm';
import { errorText, useSession } from './session';
import { failureNote, outcomeNote, useOperationRunner } from './operationRunner';

/**
 * The announcer's view (W5, issue 13 item 2): the open missing-person requests with their
 * readings; the chosen one's notice, large, in the language picked, filled from the record; Read
 * now records a reading at this moment and says its count and time; the request is closed here.
 */

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  request: { width: '100%', justifyContent: 'flex-start', textAlign: 'start', minWidth: 0 },
  lines: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1, rowGap: tokens.spacingVerticalXXS },
  line: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  number: { flexShrink: 0, whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  clip: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightRegular },
  keep: { flexShrink: 0 },
  // Read aloud from the screen: large, with room between the lines.
  notice: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
});

interface Loaded {
  readonly items: readonly DueItem[];
  readonly records: ReadonlyMap<string, RecordValues>;
  readonly min: number;
  readonly workbookLocale: Locale;
}

export function BroadcastsView() {
  const styles = useStyles();
  const session = useSession();
  const runner = useOperationRunner();
  const { locale } = session;
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [language, setLanguage] = React.useState<BroadcastLanguage>('mandarin');
  const [outcome, setOutcome] = React.useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const reload = React.useCallback(async () => {
    const ledger = await session.ledger();
    // A ledger made before template version 4 has no broadcast register yet (its Upgrade bar shows).
    const held = workflowsIn([broadcastWorkflow], ledger.templateVersion);
    const snapshot = await ledger.read(queueRequest(held));
    const records = new Map((snapshot.tables[broadcasts.key] ?? []).map((r) => [String(r.values.broadcast_no), r.values] as const));
    setLoaded({
      items: held.length > 0 ? broadcastItems(snapshot, session.clock.now().slice(0, 16)) : [],
      records,
      min: visitorRulesIn(snapshot).rules.broadcastMinReadings,
      workbookLocale: snapshot.locale,
    });
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps, @typescript-eslint/unbound-method -- reload for a new ledger only (session.ledger is compared here, not called)
  }, [session.ledger, session.clock]);
  const load = React.useCallback(() => session.act(() => reload().catch((e: unknown) => setError(errorText(e, locale)))), [session, reload, locale]);
  React.useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per ledger, not after every action
  }, [reload]);

  const record = selected ? loaded?.records.get(selected) : undefined;
  const languages = record ? languagesOf(record) : [];
  const shown = languages.includes(language) ? language : (languages[0] ?? 'mandarin');
  const choice = loaded ? announcementChoice(shown, locale, loaded.workbookLocale) : undefined;
  const languageCodes = broadcasts.fields.find((f) => f.key === 'languages')!.codes!;
  const closeFields = closeBroadcast.describe.fields.map((key) => broadcasts.fields.find((f) => f.key === key)!);

  const pick = (no: string) => {
    setSelected(no);
    setOutcome(null);
  };
  const readNow = () =>
    session.act(async () => {
      if (!selected) return;
      try {
        const ledger = await session.ledger();
        const done = await runner.run(ledger, readBroadcast, { no: selected }, { clock: session.clock, actor: { clerk: session.settings.clerk, site: session.settings.site || undefined } });
        const { result } = done;
        const recorded = ui('readRecorded', locale, { number: result.number, count: result.readings, time: result.readAt.slice(11), min: loaded?.min ?? 3 });
        setOutcome({ intent: 'success', text: [recorded, outcomeNote(done, locale)].filter(Boolean).join(' ') });
        await reload();
      } catch (e) {
        setOutcome({ intent: 'error', text: `${ui('failed', locale)}${errorText(e, locale)} ${failureNote(runner.uncertain(), locale)}` });
      }
    });

  return (
    <section className={styles.stack} aria-label={ui('viewBroadcasts', locale)}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', columnGap: tokens.spacingHorizontalS }}>
        <Text weight="semibold">{ui('openBroadcasts', locale)}</Text>
        <Button size="small" onClick={() => void load()} disabled={session.busy}>
          {ui('refresh', locale)}
        </Button>
      </div>
      <Text size={200}>{ui('broadcastsHelp', locale)}</Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {loaded === null && !error && <Spinner size="small" label={ui('loading', locale)} />}
      {loaded && loaded.items.length === 0 && <Text>{ui('broadcastsEmpty', locale)}</Text>}
      {loaded && loaded.items.length > 0 && (
        <ul className={styles.list} aria-label={ui('openBroadcasts', locale)}>
          {loaded.items.map((item) => (
            <li key={item.record}>
              <Button
                className={styles.request}
                appearance={item.record === selected ? 'primary' : 'secondary'}
                aria-pressed={item.record === selected}
                onClick={() => pick(item.record)}
                disabled={session.busy}
              >
                <span className={styles.lines}>
                  <span className={styles.line}>
                    <span className={styles.number}>{item.record}</span>
                    <span className={styles.clip}>{codeLabel(broadcasts.statuses, item.status, locale)}</span>
                    {item.overdue && (
                      <Badge className={styles.keep} size="small" color="danger">
                        {ui('overdue', locale)}
                      </Badge>
                    )}
                  </span>
                  <span className={styles.clip} title={item.subject}>
                    {item.subject}
                  </span>
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {outcome && (
        <MessageBar intent={outcome.intent} role={outcome.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody data-testid="broadcast-outcome">{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {record && selected && choice && (
        <div className={styles.stack}>
          <Field label={ui('announcementLanguage', locale)}>
            <Select value={shown} onChange={(_, d) => setLanguage(d.value as BroadcastLanguage)} disabled={session.busy}>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {codeLabel(languageCodes, code, locale)}
                </option>
              ))}
            </Select>
          </Field>
          {choice.fromMandarin && <Text>{ui('announcementFromMandarin', locale, { language: codeLabel(languageCodes, shown, locale) })}</Text>}
          <p className={styles.notice} lang={choice.text} aria-label={ui('announcement', locale)} data-testid="announcement">
            {announcementText(record, choice.text)}
          </p>
          <div>
            <Button appearance="primary" size="large" onClick={() => void readNow()} disabled={session.busy}>
              {ui('readNow', locale)}
            </Button>
          </div>
          <Text weight="semibold">{ui('closeRequest', locale)}</Text>
          <RecordForm<StepResult>
            key={selected}
            parts={[{ key: 'fields', form: broadcasts, fields: closeFields }]}
            operation={closeBroadcast}
            help={ui('stepHelp', locale, { from: closeBroadcast.describe.from.map((s) => codeLabel(broadcasts.statuses, s, locale)).join(locale === 'en-US' ? ', ' : '、') })}
            submitLabel={ui('closeRequest', locale)}
            initialValues={(now) => ({ fields: { closed_at: now } })}
            toInput={(_, parts) => ({ no: selected, fields: parts.fields ?? {} })}
            describeResult={(r) => ui('stepDone', locale, { number: r.number, status: codeLabel(broadcasts.statuses, r.status, locale) })}
            onDone={(r) => {
              setSelected(null);
              setOutcome({ intent: 'success', text: ui('stepDone', locale, { number: r.number, status: codeLabel(broadcasts.statuses, r.status, locale) }) });
              void reload();
            }}
          />
        </div>
      )}
    </section>
  );
}
