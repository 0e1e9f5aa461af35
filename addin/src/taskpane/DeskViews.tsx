import * as React from 'react';
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { STEP_LABELS, ui } from '../i18n/ui';
import type { Locale } from '../i18n/locale';
import { complaints } from '../forms/complaints';
import { FORMS } from '../forms';
import type { FormDecl } from '../forms/types';
import { codeLabel } from '../ledger/cells';
import { fieldsForStep } from '../domain/validate';
import { KefuError, problemMessage, type Problem } from '../core/problems';
import { WORKFLOWS, voidRecord, workflowOf } from '../domain/workflows';
import { receptionWorkflow } from '../domain/deskWorkflows';
import { receiveMatter, type ReceptionResult } from '../domain/reception';
import { registerComplaint } from '../domain/complaintProcedure';
import { type DeskStep, type StepResult } from '../domain/deskSteps';
import { creationParts, queueRequest, todoQueue, workflowsIn } from '../domain/workflowRuns';
import type { DueItem, Workflow } from '../domain/workflow';
import { RecordForm, type FormPart } from './RecordForm';
import type { FieldValue, FormValues } from './FormView';
import { errorText, useSession } from './session';
import { failureNote, outcomeNote, useOperationRunner } from './operationRunner';

/**
 * The service desk in the pane (brief W1–W3): the reception register and what each category
 * triggers, complaint intake, every later step of a ticket, a repair order or a reception, and the
 * queue of what is due, overdue first.
 */

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  // The to-do list fits a task pane of 320 px: two lines per item (number and status; what it is
  // about, who raised it, and the due time), long text cut with an ellipsis and shown in full on hover.
  queue: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  lines: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  line: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  second: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  number: { flexShrink: 0, whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  clip: { flexGrow: 1, flexShrink: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  keep: { flexShrink: 0, whiteSpace: 'nowrap' },
  late: { color: tokens.colorPaletteRedForeground1 },
});

const fieldsOf = (form: FormDecl, keys: readonly string[]) => keys.map((key) => form.fields.find((f) => f.key === key)!).filter(Boolean);

/** The form a workflow's `create` takes, as the parts of a RecordForm (from its declaration). */
export function creationForm(workflow: Workflow): readonly FormPart[] {
  return creationParts(workflow).map((part) => {
    const when = part.when;
    return {
      key: part.key,
      form: part.form,
      fields: fieldsOf(part.form, part.fields),
      when: when ? (v: FormValues) => typeof v[when.field] === 'string' && when.in.includes(v[when.field] as string) : undefined,
    };
  });
}

/** The reception form: the register's own fields, and the fields its category asks for besides. */
export const RECEPTION_PARTS: readonly FormPart[] = creationForm(receptionWorkflow);

export function ReceptionView() {
  const { locale } = useSession();
  const parts = RECEPTION_PARTS;
  return (
    <RecordForm<ReceptionResult>
      parts={parts}
      operation={receiveMatter}
      help={ui('receptionHelp', locale)}
      submitLabel={ui('register', locale)}
      initialValues={(now, clerk) => ({ '': { received_at: now, receptionist: { by: clerk, at: now } } })}
      describeResult={(r) =>
        [
          ui('registered', locale, { number: r.number }),
          r.complaintNo && ui('alsoCreated', locale, { number: r.complaintNo }),
          r.repairOrderNo && ui('alsoCreated', locale, { number: r.repairOrderNo }),
        ]
          .filter(Boolean)
          .join(' ')
      }
    />
  );
}

export function ComplaintsView() {
  const { locale } = useSession();
  return (
    <RecordForm<{ number: string }>
      parts={[{ form: complaints, fields: fieldsForStep(complaints) }]}
      operation={registerComplaint}
      help={ui('complaintsHelp', locale)}
      submitLabel={ui('register', locale)}
      initialValues={(now, clerk) => ({ '': { received_at: now, anonymous: 'no', receptionist: { by: clerk, at: now } } })}
      describeResult={(r) => ui('registered', locale, { number: r.number })}
    />
  );
}

/** The workflows that create their own records: the New record view's forms. */
const CREATING_WORKFLOWS: readonly Workflow[] = WORKFLOWS.filter((w) => w.create);

/** A fresh form of a record: signatures by the clerk now, date-times now. */
function freshValues(parts: readonly FormPart[], now: string, clerk: string): Record<string, FormValues> {
  const values: Record<string, Record<string, FieldValue>> = {};
  for (const part of parts) {
    const own = (values[part.key ?? ''] ??= {});
    for (const field of part.fields) {
      if (field.type === 'signature') own[field.key] = { by: clerk, at: now };
      else if (field.type === 'datetime' && field.required === true) own[field.key] = now;
    }
  }
  return values;
}

/**
 * Any workflow's new record (issue 12 item 1): the form comes from the workflow's declaration
 * (its creation fields, or the parts it declares), and registering runs its `create`.
 */
export function NewRecordView() {
  const styles = useStyles();
  const session = useSession();
  const { locale } = session;
  const [word, setWord] = React.useState(CREATING_WORKFLOWS[0]?.word ?? '');
  const workflow = CREATING_WORKFLOWS.find((w) => w.word === word) ?? CREATING_WORKFLOWS[0];
  const parts = React.useMemo(() => (workflow ? creationForm(workflow) : []), [workflow]);
  if (!workflow?.create) return null;
  return (
    <div className={styles.stack}>
      <Field label={ui('printForm', locale)}>
        <Select value={workflow.word} onChange={(_, d) => setWord(d.value)} disabled={session.busy}>
          {CREATING_WORKFLOWS.map((w) => (
            <option key={w.word} value={w.word}>
              {w.form.title[locale]}
            </option>
          ))}
        </Select>
      </Field>
      <RecordForm<{ number: string; warnings?: readonly Problem[] }>
        key={workflow.word}
        parts={parts}
        operation={workflow.create}
        help={ui('newRecordHelp', locale)}
        submitLabel={ui('register', locale)}
        initialValues={(now, clerk) => freshValues(parts, now, clerk)}
        describeResult={(r) => withWarnings(ui('registered', locale, { number: r.number }), r.warnings, locale)}
      />
    </div>
  );
}

/** The workflows whose records go through steps (or can be voided): the Steps view's forms. */
const STEP_WORKFLOWS: readonly Workflow[] = WORKFLOWS.filter((w) => Object.keys(w.steps).length > 0 || w.voidable);

export interface StepTarget {
  readonly table: string;
  readonly record: string;
}

/** A result and, after it, what the operation recorded that is worth a second look. */
function withWarnings(text: string, warnings: readonly Problem[] | undefined, locale: Locale): string {
  return [text, ...(warnings ?? []).map((w) => problemMessage(w, locale))].join(' ');
}

/** A step's name on its button: its own, else the status it leads to. */
function actionLabel(action: string, locale: Locale, step?: DeskStep): string {
  const to = step?.describe.to;
  return STEP_LABELS[action]?.[locale] ?? (step && to !== undefined ? codeLabel(step.describe.form.statuses, to, locale) : action);
}

export function StepsView({ target }: { target: StepTarget | null }) {
  const styles = useStyles();
  const session = useSession();
  const { locale } = session;
  const [table, setTable] = React.useState(target?.table ?? complaints.key);
  const group = STEP_WORKFLOWS.find((g) => g.form.key === table) ?? STEP_WORKFLOWS[0];
  const actions = [...Object.keys(group.steps), ...(group.voidable ? ['void'] : [])];
  const [action, setAction] = React.useState(actions[0]);
  const [number, setNumber] = React.useState(target?.record ?? '');
  const [reason, setReason] = React.useState('');
  const [voidOutcome, setVoidOutcome] = React.useState<string | null>(null);
  // A new target (a record picked elsewhere) fills the form, and a new table starts at its first step:
  // adjusted while rendering, as React advises for state that follows a prop, not in an effect after it.
  const [shownTarget, setShownTarget] = React.useState(target);
  if (target !== shownTarget) {
    setShownTarget(target);
    if (target) {
      setTable(target.table);
      setNumber(target.record);
    }
  }
  const [shownGroup, setShownGroup] = React.useState(group);
  if (group !== shownGroup) {
    setShownGroup(group);
    setAction(actions[0]);
  }
  const step = group.steps[action];
  const key = group.form.fields.find((f) => f.key === group.form.keyField)!;

  const voidOperation = voidRecord(group.form);
  const voidRunner = useOperationRunner();
  const voidContext = { clock: session.clock, actor: { clerk: session.settings.clerk } };
  // What is wrong with the reason (text Excel cannot store, too long), under the field as it is typed.
  const reasonProblems = ((): Problem[] => {
    if (reason.trim() === '') return [];
    try {
      voidOperation.prepare({ no: number, reason }, voidContext);
      return [];
    } catch (error) {
      if (error instanceof KefuError) return error.problems.filter((p) => p.field === 'void_reason');
      throw error;
    }
  })();
  const reasonMessage = reasonProblems.map((p) => problemMessage(p, locale)).join(' ');

  const voidIt = () =>
    session.act(async () => {
      try {
        const ledger = await session.ledger();
        const done = await voidRunner.run(ledger, voidOperation, { no: number.trim(), reason }, voidContext);
        setVoidOutcome([ui('voided', locale, { number: number.trim() }), outcomeNote(done, locale)].filter(Boolean).join(' '));
      } catch (error) {
        setVoidOutcome(`${ui('failed', locale)}${errorText(error, locale)} ${failureNote(voidRunner.uncertain(), locale)}`);
      }
    });

  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        <Field label={ui('printForm', locale)}>
          <Select value={group.form.key} onChange={(_, d) => setTable(d.value)} disabled={session.busy}>
            {STEP_WORKFLOWS.map((g) => (
              <option key={g.form.key} value={g.form.key}>
                {g.form.title[locale]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={key.label[locale]} required>
          <Input value={number} onChange={(_, d) => setNumber(d.value)} disabled={session.busy} />
        </Field>
        <Field label={ui('step', locale)}>
          <Select value={action} onChange={(_, d) => setAction(d.value)} disabled={session.busy}>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a, locale, group.steps[a])}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {action === 'void' ? (
        <div className={styles.stack}>
          {voidOutcome && (
            <MessageBar role="status">
              <MessageBarBody>{voidOutcome}</MessageBarBody>
            </MessageBar>
          )}
          <Field label={ui('voidReason', locale)} required validationState={reasonMessage ? 'error' : 'none'} validationMessage={reasonMessage || undefined}>
            <Input value={reason} onChange={(_, d) => setReason(d.value)} disabled={session.busy} />
          </Field>
          <div>
            <Button appearance="primary" onClick={() => void voidIt()} disabled={session.busy || !number.trim() || !reason.trim() || reasonProblems.length > 0}>
              {actionLabel('void', locale)}
            </Button>
          </div>
        </div>
      ) : (
        step && (
          <RecordForm<StepResult>
            key={`${group.form.key}-${action}-${number}`}
            parts={[{ key: 'fields', form: step.describe.fieldsForm, fields: fieldsOf(step.describe.fieldsForm, step.describe.fields) }]}
            operation={step}
            help={
              // A register's step (the pre-shift meeting's check) applies whatever the record's status: it has none.
              step.describe.from.length === 0
                ? ui('stepHelpAnyStatus', locale)
                : ui('stepHelp', locale, { from: step.describe.from.map((s) => codeLabel(group.form.statuses, s, locale)).join(locale === 'en-US' ? ', ' : '、') })
            }
            submitLabel={actionLabel(action, locale, step)}
            initialValues={(now, clerk) => ({
              fields: Object.fromEntries(
                step.describe.fields.flatMap((k): [string, FieldValue][] => {
                  const field = step.describe.fieldsForm.fields.find((f) => f.key === k);
                  if (field?.type === 'signature') return [[k, { by: clerk, at: now }]];
                  if (field?.type === 'datetime') return [[k, now]];
                  return [];
                }),
              ),
            })}
            toInput={(_, parts) => ({ no: number.trim(), fields: parts.fields ?? {} })}
            describeResult={(r) => withWarnings(ui('stepDone', locale, { number: r.number, status: codeLabel(group.form.statuses, r.status, locale) }), r.warnings, locale)}
          />
        )
      )}
    </div>
  );
}

export function QueueView({ onAct }: { onAct: (target: StepTarget) => void }) {
  const styles = useStyles();
  const session = useSession();
  const { locale } = session;
  const [items, setItems] = React.useState<readonly DueItem[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const load = React.useCallback(
    () =>
      session.act(async () => {
        try {
          const ledger = await session.ledger();
          // A ledger still to be upgraded lists what its own template holds (the pane reads any version).
          const held = workflowsIn(WORKFLOWS, ledger.templateVersion);
          const snapshot = await ledger.read(queueRequest(held));
          setItems(todoQueue(held, snapshot, session.clock.now().slice(0, 16)));
          setError(null);
        } catch (e) {
          setError(errorText(e, locale));
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps, @typescript-eslint/unbound-method -- reload for a new ledger or language only (session.ledger is compared here, not called)
    [session.ledger, locale],
  );
  React.useEffect(() => {
    void load();
  }, [load]);
  const show = (item: DueItem) =>
    session.act(async () => {
      await session.env.run(async (context) => {
        const header = context.workbook.tables.getItem(item.table).getHeaderRowRange();
        header.load('rowIndex');
        await context.sync();
        header.getOffsetRange(item.row - 1 - header.rowIndex, 0).select();
        await context.sync();
      });
    });
  // The status is named by the item's form; Act opens the Steps view on a record of a workflow with steps.
  const formOf = (table: string) => workflowOf(table)?.form ?? FORMS.find((f) => f.key === table);
  const actsOn = (table: string) => STEP_WORKFLOWS.some((w) => w.form.key === table);
  return (
    <section aria-label={ui('viewQueue', locale)}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text weight="semibold">{ui('viewQueue', locale)}</Text>
        <Button size="small" onClick={() => void load()} disabled={session.busy}>
          {ui('refresh', locale)}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {items === null && !error && <Spinner size="small" label={ui('loading', locale)} />}
      {items && items.length === 0 && <Text>{ui('queueEmpty', locale)}</Text>}
      {items && items.length > 0 && (
        <>
          <Text size={200}>
            {ui('queueCount', locale, { count: items.length })} · {ui('overdueCount', locale, { count: items.filter((i) => i.overdue).length })}
          </Text>
          <ul className={styles.queue} aria-label={ui('viewQueue', locale)}>
            {items.map((item) => {
              const form = formOf(item.table);
              const status = form ? codeLabel(form.statuses, item.status, locale) : item.status;
              const about = [item.subject, item.person].filter(Boolean).join(' · ');
              return (
                <li key={`${item.table}-${item.record}`} className={styles.item} data-overdue={item.overdue || undefined}>
                  <div className={styles.lines}>
                    <div className={styles.line}>
                      <Link className={styles.number} onClick={() => void show(item)} title={ui('select', locale)} aria-label={`${ui('select', locale)} ${item.record}`}>
                        {item.record}
                      </Link>
                      <span className={styles.clip} title={status}>
                        {status}
                      </span>
                      {item.overdue && (
                        <Badge className={styles.keep} size="small" color="danger">
                          {ui('overdue', locale)}
                        </Badge>
                      )}
                    </div>
                    <div className={`${styles.line} ${styles.second}`}>
                      <span className={styles.clip} title={about}>
                        {about}
                      </span>
                      <time className={`${styles.keep} ${item.overdue ? styles.late : ''}`} dateTime={item.due.replace(' ', 'T')} title={ui('due', locale)}>
                        {item.due}
                      </time>
                    </div>
                  </div>
                  {actsOn(item.table) && (
                    <Button size="small" className={styles.keep} onClick={() => onAct({ table: item.table, record: item.record })} aria-label={`${ui('act', locale)} ${item.record}`}>
                      {ui('act', locale)}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
