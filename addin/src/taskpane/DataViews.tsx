import * as React from 'react';
import { Button, Checkbox, Divider, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import { describeProblem } from '../core/problems';
import { decodeText, parseDelimited } from '../domain/csv';
import { importTable, importableTables, previewImport, type ImportInput, type ImportPlan, type ImportResult, type SourceTable } from '../domain/importing';
import { monthlyPerformanceOperation, type PerformanceOutcome, type PerformanceRequest } from '../domain/performance/month';
import { fenToYuan } from '../domain/performance/exact';
import { totalsOf } from '../domain/performance/export';
import { createNumberedRecord, runOperation, type OperationContext, type Outcome } from '../domain/records';
import type { Ledger } from '../ledger/types';
import { complaintMeasures } from '../forms/complaints';
import { RecordForm } from './RecordForm';
import { complaintStatisticsOperation } from '../domain/statisticsSheet';
import { errorText, useSession } from './session';
import { saveFile } from './download';

/**
 * Data finance and the back office bring in and take out: imports from the collection system and
 * other sources (a preview of every bad row before anything is written, a column mapping kept per
 * source), and the month's performance sheet and finance export.
 */

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problems: { maxHeight: '16em', overflowY: 'auto', margin: 0, paddingLeft: '1.2em' },
});

/** A chosen file as rows: CSV in UTF-8 (with or without BOM) or GB18030, or an .xlsx's first visible sheet. */
async function readSource(file: File): Promise<SourceTable> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) {
    const { xlsxSourceRows } = await import(/* webpackChunkName: "xlsx" */ '../ledger/xlsx/sourceRows');
    return { name: file.name, rows: await xlsxSourceRows(bytes) };
  }
  return { name: file.name, rows: parseDelimited(decodeText(bytes).text) };
}

const MAPPINGS = 'kefu-ledger.import-mappings';

/**
 * The Import view's commit: every good row written, then shown — its sheet activated and the rows
 * that came in selected — in the request that writes the last of them.
 */
export function importAndShow(ledger: Ledger, input: ImportInput, context: OperationContext): Promise<ImportResult> {
  return importTable(ledger, input, context, { select: true });
}

/** The Performance view's run: the month's sheet written, then shown with its rows selected (same request). */
export function computeMonthAndShow(ledger: Ledger, request: PerformanceRequest, context: OperationContext): Promise<Outcome<PerformanceOutcome>> {
  return runOperation(ledger, monthlyPerformanceOperation, request, context, { selectReport: true });
}

/** The mapping kept for a source: by table and the file's header row. */
function mappingKey(table: string, source: SourceTable): string {
  return `${table}|${(source.rows[0] ?? []).map(String).join('\u001f')}`;
}

export function ImportView() {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings, env } = session;
  const tables = importableTables();
  const [table, setTable] = React.useState(tables.find((f) => f.key === 'collector_daily')?.key ?? tables[0]?.key ?? '');
  const [source, setSource] = React.useState<SourceTable | null>(null);
  const [mapping, setMapping] = React.useState<Record<string, string>>({});
  const [plan, setPlan] = React.useState<ImportPlan | null>(null);
  const [outcome, setOutcome] = React.useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const form = tables.find((f) => f.key === table) ?? tables[0];
  const context = { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } };
  const input = (): ImportInput | null => (source ? { table, source, mapping } : null);

  const savedMappings = (): Record<string, Record<string, string>> => {
    try {
      return JSON.parse(env.storage.getItem(MAPPINGS) ?? '{}');
    } catch {
      return {};
    }
  };

  const preview = (next: ImportInput) =>
    session.act(async () => {
      try {
        setPlan(await previewImport(await session.ledger(), next, context));
        setOutcome(null);
      } catch (error) {
        setPlan(null);
        setOutcome({ kind: 'error', text: errorText(error, locale) });
      }
    });

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const read = await readSource(file);
    const remembered = savedMappings()[mappingKey(table, read)] ?? {};
    setSource(read);
    setMapping(remembered);
    await preview({ table, source: read, mapping: remembered });
  };

  const commit = () =>
    session.act(async () => {
      const next = input();
      if (!next) return;
      if (!settings.clerk) {
        setOutcome({ kind: 'error', text: ui('clerkMissing', locale) });
        return;
      }
      try {
        const result = await importAndShow(await session.ledger(), next, context);
        env.storage.setItem(MAPPINGS, JSON.stringify({ ...savedMappings(), [mappingKey(table, next.source)]: mapping }));
        setOutcome({ kind: 'ok', text: ui('imported', locale, { count: result.records.length, present: result.alreadyPresent, rejected: result.rejected }) });
        setPlan(null);
        setSource(null);
      } catch (error) {
        setOutcome({ kind: 'error', text: errorText(error, locale) });
      }
    });

  return (
    <div className={styles.stack}>
      <Text className={styles.help}>{ui('importHelp', locale)}</Text>
      {outcome && (
        <MessageBar intent={outcome.kind === 'ok' ? 'success' : 'error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={ui('importTable', locale)}>
        <Select
          value={form?.key ?? ''}
          disabled={session.busy}
          onChange={(_, d) => {
            setTable(d.value);
            setSource(null);
            setPlan(null);
          }}
        >
          {tables.map((f) => (
            <option key={f.key} value={f.key}>
              {f.title[locale]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={ui('importFile', locale)}>
        <input type="file" accept=".csv,.txt,.xlsx" aria-label={ui('importFile', locale)} disabled={session.busy} onChange={(e) => void choose(e.target.files?.[0])} />
      </Field>
      {session.busy && <Spinner size="tiny" label={ui('loading', locale)} />}
      {plan && source && (
        <>
          {plan.ignoredColumns.length > 0 && (
            <div className={styles.stack}>
              <Text>{ui('importUnmapped', locale)}</Text>
              {plan.ignoredColumns.map((header) => (
                <Field key={header} label={header}>
                  <Select
                    value={mapping[header] ?? ''}
                    onChange={(_, d) => {
                      const next = { ...mapping, [header]: d.value };
                      if (!d.value) delete next[header];
                      setMapping(next);
                      void preview({ table, source, mapping: next });
                    }}
                  >
                    <option value="">{ui('importIgnore', locale)}</option>
                    {form.fields
                      .filter((f) => !f.system)
                      .map((f) => (
                        <option key={f.key} value={f.key}>
                          {f.label[locale]} ({f.key})
                        </option>
                      ))}
                  </Select>
                </Field>
              ))}
            </div>
          )}
          <Text weight="semibold">{ui('importPlan', locale, { total: plan.total, count: plan.records.length, present: plan.alreadyPresent, rejected: plan.rejected })}</Text>
          {plan.problems.length > 0 && (
            <ul className={styles.problems} aria-label={ui('importProblems', locale)}>
              {plan.problems.map((p, i) => (
                <li key={i}>{describeProblem(p, locale)}</li>
              ))}
            </ul>
          )}
          <div className={styles.row}>
            <Button appearance="primary" disabled={session.busy || plan.records.length === 0} onClick={() => void commit()}>
              {ui('importCommit', locale, { count: plan.records.length })}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function previousMonth(now: string): string {
  const [year, month] = now.slice(0, 7).split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function PerformanceView() {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings } = session;
  const [month, setMonth] = React.useState(() => previousMonth(session.clock.now()));
  const [approve, setApprove] = React.useState(false);
  const [outcome, setOutcome] = React.useState<PerformanceOutcome | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const run = () =>
    session.act(async () => {
      if (!settings.clerk) {
        setError(ui('clerkMissing', locale));
        return;
      }
      try {
        const ledger = await session.ledger();
        const done = await computeMonthAndShow(
          ledger,
          { month, locale: ledger.locale, sheet: true, approve, files: 'perVendor' },
          { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } },
        );
        setOutcome(done.result);
        setError(null);
      } catch (e) {
        setOutcome(null);
        setError(errorText(e, locale));
      }
    });

  const lines = outcome ? outcome.batches.flatMap((b) => b.lines) : [];
  const totals = totalsOf(lines);
  return (
    <div className={styles.stack}>
      <Text className={styles.help}>{ui('perfHelp', locale)}</Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={ui('perfMonth', locale)} required>
        <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} disabled={session.busy} />
      </Field>
      <Checkbox label={ui('perfApprove', locale)} checked={approve} onChange={(_, d) => setApprove(!!d.checked)} disabled={session.busy} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={session.busy || !/^\d{4}-\d{2}$/.test(month)}>
          {ui('perfRun', locale)}
        </Button>
        {session.busy && <Spinner size="tiny" />}
      </div>
      {outcome && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {ui('perfDone', locale, {
              workers: outcome.result.workers.length,
              lines: lines.length,
              plus: fenToYuan(totals.positiveFen),
              minus: fenToYuan(totals.negativeFen),
              sheet: outcome.sheetName ?? '',
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome && (
        <div className={styles.row}>
          {[...outcome.files, outcome.manifest].map((file) => (
            <Button key={file.file} size="small" onClick={() => saveFile(file.file, file.bytes, 'text/csv')}>
              {file.file}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}

export function StatisticsView() {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings } = session;
  const [year, setYear] = React.useState(session.clock.now().slice(0, 4));
  const [done, setDone] = React.useState<{ sheet: string; total: number } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);

  const run = () =>
    session.act(async () => {
      try {
        const ledger = await session.ledger();
        const outcome = await runOperation(
          ledger,
          complaintStatisticsOperation,
          { year: Number(year), sheet: true },
          { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } },
          { onProgress: (done, total) => setProgress({ done, total }) },
        );
        // Show the sheet, as a manager expects after building it.
        await session.env.run(async (context) => {
          context.workbook.worksheets.getItem(outcome.result.sheet.name).activate();
          await context.sync();
        });
        setDone({ sheet: outcome.result.sheet.name, total: outcome.result.statistics.headline.total.count });
        setError(null);
      } catch (e) {
        setDone(null);
        setError(errorText(e, locale));
      } finally {
        setProgress(null);
      }
    });

  return (
    <div className={styles.stack}>
      <Text className={styles.help}>{ui('statsHelp', locale)}</Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{ui('statsDone', locale, done)}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={ui('bindYear', locale)} required>
        <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} disabled={session.busy} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={session.busy || !/^\d{4}$/.test(year)}>
          {ui('statsRun', locale)}
        </Button>
        {session.busy && <Spinner size="tiny" />}
      </div>
      {progress && progress.total > 0 && (
        <Field validationMessage={ui('statsReading', locale, { done: progress.done.toLocaleString(locale), total: progress.total.toLocaleString(locale) })} validationState="none">
          <ProgressBar value={progress.done / progress.total} />
        </Field>
      )}
      <Divider />
      <Text weight="semibold">{complaintMeasures.title[locale]}</Text>
      <RecordForm<{ number: string }>
        parts={[{ form: complaintMeasures, fields: complaintMeasures.fields.filter((f) => !f.system) }]}
        operation={recordMeasure}
        help={ui('measureHelp', locale)}
        submitLabel={ui('register', locale)}
        initialValues={(now) => ({ '': { stats_year: String(Number(year) || Number(now.slice(0, 4))), raised_on: now.slice(0, 10), progress: 'planned' } })}
        describeResult={(r) => ui('registered', locale, { number: r.number })}
      />
    </div>
  );
}

/** Step 8: a measure the manager takes after reading the statistics (numbered CM-YYYY-NNN). */
const recordMeasure = createNumberedRecord(complaintMeasures);
