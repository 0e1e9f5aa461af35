import * as React from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import { printRequest, printedForms } from '../ledger/print';
import { LINE_PRINTS, linePrintedForms, readPrintout } from '../ledger/printLines';
import { showOnPrintSheet, showPrintout } from '../ledger/office/printout';
import { bindVolumes, DEFAULT_VOLUME_SIZE, type BindingResult } from '../domain/binding';
import { errorText, useSession } from './session';
import { failureNote, outcomeNote, useOperationRunner } from './operationRunner';
import { XLSX_TYPE, saveFile } from './download';

/**
 * Printing a record on its paper layout, and binding archived tickets into numbered volumes
 * (brief F6): the same operations as `kefu bind`, through the Office.js backend.
 */

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
});

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

function OutcomeBar({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <MessageBar intent={outcome.kind === 'ok' ? 'success' : 'error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
      <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{outcome.text}</MessageBarBody>
    </MessageBar>
  );
}

export function PrintView() {
  const styles = useStyles();
  const session = useSession();
  const { locale } = session;
  // The forms with a print sheet of formulas, then those laid out with their lines when printed.
  const forms = [...printedForms(), ...linePrintedForms()];
  const [formKey, setFormKey] = React.useState(forms[0]?.key ?? '');
  const [number, setNumber] = React.useState('');
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const form = forms.find((f) => f.key === formKey) ?? forms[0];

  const show = () =>
    session.act(async () => {
      try {
        const ledger = await session.ledger();
        if (LINE_PRINTS[form.key]) {
          // The record and its lines are read (one request, and one more for lines kept in another table), then drawn (one more).
          const printout = await readPrintout(ledger, form.key, number);
          await showPrintout(session.env.run, printout);
          setOutcome({ kind: 'ok', text: ui('printReady', locale, { number: number.trim(), sheet: printout.sheet }) });
          return;
        }
        const request = printRequest(form.key, number, locale);
        // The record must exist: its number is looked up (one request), then shown (one more).
        await ledger.read({ tables: { [form.key]: { columns: [form.keyField], rows: { where: form.keyField, equals: [number.trim()] } } } });
        await showOnPrintSheet(session.env.run, request);
        setOutcome({ kind: 'ok', text: ui('printReady', locale, { number: number.trim(), sheet: request.sheet }) });
      } catch (error) {
        setOutcome({ kind: 'error', text: errorText(error, locale) });
      }
    });

  return (
    <form
      className={styles.stack}
      aria-label={ui('viewPrint', locale)}
      onSubmit={(event) => {
        event.preventDefault();
        void show();
      }}
    >
      <Text className={styles.help}>{ui('printHelp', locale)}</Text>
      <OutcomeBar outcome={outcome} />
      <Field label={ui('printForm', locale)}>
        <Select value={form?.key ?? ''} onChange={(_, d) => setFormKey(d.value)} disabled={session.busy}>
          {forms.map((f) => (
            <option key={f.key} value={f.key}>
              {f.title[locale]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={form ? form.fields.find((f) => f.key === form.keyField)?.label[locale] : ''} required>
        <Input value={number} onChange={(_, d) => setNumber(d.value)} disabled={session.busy} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={session.busy || number.trim() === ''}>
          {ui('printShow', locale)}
        </Button>
        {session.busy && <Spinner size="tiny" />}
      </div>
    </form>
  );
}

export function BindingView() {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings } = session;
  const [year, setYear] = React.useState(session.clock.now().slice(0, 4));
  const [volumeSize, setVolumeSize] = React.useState(String(DEFAULT_VOLUME_SIZE));
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const [result, setResult] = React.useState<BindingResult | null>(null);
  const runner = useOperationRunner();

  const bind = () =>
    session.act(async () => {
      if (!settings.clerk) {
        setOutcome({ kind: 'error', text: ui('clerkMissing', locale) });
        return;
      }
      try {
        const ledger = await session.ledger();
        const done = await runner.run(ledger, bindVolumes, { year, volumeSize }, { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } });
        setResult(done.result);
        setOutcome({
          kind: 'ok',
          text: [
            ui('bound', locale, {
              volumes: done.result.newVolumes.join(locale === 'en-US' ? ', ' : '、') || '—',
              bound: done.result.newlyBound,
              already: done.result.alreadyBound,
              pending: done.result.pending,
              gaps: done.result.gaps.length,
            }),
            outcomeNote(done, locale),
          ]
            .filter(Boolean)
            .join(' '),
        });
      } catch (error) {
        setOutcome({ kind: 'error', text: `${errorText(error, locale)} ${failureNote(runner.uncertain(), locale)}` });
      }
    });

  const download = () =>
    session.act(async () => {
      if (!result) return;
      const { buildBoundVolumes } = await import(/* webpackChunkName: "xlsx" */ '../workbooks/boundVolumes');
      const bytes = await buildBoundVolumes(result, { locale, site: settings.site }).xlsx.writeBuffer();
      saveFile(`bound-volumes-${result.year}.xlsx`, new Uint8Array(bytes), XLSX_TYPE);
    });

  return (
    <form
      className={styles.stack}
      aria-label={ui('viewBinding', locale)}
      onSubmit={(event) => {
        event.preventDefault();
        void bind();
      }}
    >
      <Text className={styles.help}>{ui('bindHelp', locale)}</Text>
      <OutcomeBar outcome={outcome} />
      <Field label={ui('bindYear', locale)} required>
        <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} disabled={session.busy} />
      </Field>
      <Field label={ui('bindVolumeSize', locale)} required>
        <Input type="number" value={volumeSize} onChange={(_, d) => setVolumeSize(d.value)} disabled={session.busy} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={session.busy}>
          {ui('bind', locale)}
        </Button>
        <Button type="button" onClick={() => void download()} disabled={session.busy || !result || result.volumes.length === 0}>
          {ui('bindDownload', locale)}
        </Button>
        {session.busy && <Spinner size="tiny" />}
      </div>
    </form>
  );
}
