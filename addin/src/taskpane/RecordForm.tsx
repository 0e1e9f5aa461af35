import * as React from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import type { FieldDecl, FormDecl } from '../forms/types';
import { KefuError, describeProblem, type Problem } from '../core/problems';
import type { Operation, OperationContext } from '../domain/records';
import { failureNote, outcomeNote, useOperationRunner } from './operationRunner';
import { FormView, type FieldValue, type FormValues } from './FormView';
import { errorText, useSession } from './session';

/**
 * One action of the pane as a form: the fields come from the declarations, validation runs as the
 * clerk types (shown for the fields they have left, and for all after a submit), one action runs
 * at a time with progress, and the outcome is shown in their language.
 *
 * A form can have parts: fields of other forms gathered under a key of the input (a reception
 * that raises a complaint carries the ticket's own fields under `complaint`), shown only when the
 * values ask for them.
 */

const useStyles = makeStyles({
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
  help: { color: tokens.colorNeutralForeground3 },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  part: { borderLeft: `3px solid ${tokens.colorBrandStroke2}`, paddingLeft: tokens.spacingHorizontalM },
});

export interface FormPart {
  /** Where the part's values go in the input; absent for the main fields. */
  readonly key?: string;
  readonly form: FormDecl;
  readonly fields: readonly FieldDecl[];
  /** Shown (and sent) only when this holds for the main values. */
  readonly when?: (values: FormValues) => boolean;
}

export interface RecordFormProps<Result> {
  readonly parts: readonly FormPart[];
  readonly operation: Operation<unknown, unknown, Result>;
  readonly help: string;
  readonly submitLabel: string;
  /** Values a fresh form starts with, by part key ('' for the main fields). */
  readonly initialValues: (now: string, clerk: string) => Readonly<Record<string, FormValues>>;
  /** Builds the operation's input from the values of the parts shown. */
  readonly toInput?: (values: FormValues, parts: Readonly<Record<string, FormValues>>) => unknown;
  readonly describeResult: (result: Result) => string;
  readonly onDone?: (result: Result) => void;
}

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

const MAIN = '';

export function RecordForm<Result>(props: RecordFormProps<Result>) {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings } = session;
  const now = () => session.clock.now().slice(0, 16);
  const [values, setValues] = React.useState<Readonly<Record<string, FormValues>>>(() => props.initialValues(now(), settings.clerk));
  const [touched, setTouched] = React.useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const runner = useOperationRunner();
  const context: OperationContext = { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } };
  const main = values[MAIN] ?? {};
  const shownParts = props.parts.filter((part) => !part.when || part.when(main));
  // A part's field named like a field of the main form (en-US: the reception's and the ticket's
  // "Category") says whose it is, so no label shows twice.
  const mainLabels = new Set(shownParts.filter((part) => !part.key).flatMap((part) => part.fields.map((f) => f.label[locale])));
  const labelIn = (part: FormPart) => (field: FieldDecl) =>
    part.key && mainLabels.has(field.label[locale]) ? ui('fieldOfPart', locale, { label: field.label[locale], form: part.form.title[locale] }) : field.label[locale];

  const input = React.useMemo(() => {
    const nested = Object.fromEntries(shownParts.filter((p) => p.key).map((p) => [p.key!, values[p.key!] ?? {}]));
    return props.toInput ? props.toInput(main, nested) : { ...main, ...nested };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, shownParts.length]);

  const problems = React.useMemo((): Problem[] => {
    try {
      props.operation.prepare(input, context);
      return [];
    } catch (error) {
      if (error instanceof KefuError) return [...error.problems];
      throw error;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input, props.operation]);

  const partOf = (problem: Problem): FormPart | undefined =>
    shownParts.find((part) => part.form.key === problem.form && part.fields.some((f) => f.key === (problem.field ?? '').replace(/_(by|at)$/, '') || f.key === problem.field));
  const visible = (part: FormPart) =>
    problems.filter((p) => partOf(p) === part && (submitted || touched.has(`${part.key ?? MAIN}.${(p.field ?? '').replace(/_(by|at)$/, '')}`) || touched.has(`${part.key ?? MAIN}.${p.field}`)));

  const reset = () => {
    setValues(props.initialValues(now(), settings.clerk));
    setTouched(new Set());
    setSubmitted(false);
  };

  const submit = () =>
    session.act(async () => {
      setSubmitted(true);
      if (!settings.clerk) {
        setOutcome({ kind: 'error', text: ui('clerkMissing', locale) });
        return;
      }
      if (problems.length > 0) {
        const elsewhere = problems.filter((p) => !partOf(p)).map((p) => describeProblem(p, locale));
        setOutcome({ kind: 'error', text: [ui('fixErrors', locale, { count: problems.length }), ...elsewhere].join('\n') });
        return;
      }
      try {
        const ledger = await session.ledger();
        const done = await runner.run(ledger, props.operation, input, context, { selectAppended: true });
        const note = outcomeNote(done, locale);
        setOutcome({ kind: 'ok', text: [props.describeResult(done.result), note].filter(Boolean).join(' ') });
        reset();
        props.onDone?.(done.result);
      } catch (error) {
        setOutcome({ kind: 'error', text: `${ui('failed', locale)}${errorText(error, locale)} ${failureNote(runner.uncertain(), locale)}` });
      }
    });

  return (
    <div className={styles.stack}>
      <Text className={styles.help}>{props.help}</Text>
      {outcome?.kind === 'ok' && (
        <MessageBar intent="success" role="status" data-testid="registered">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'error' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {shownParts.map((part) => (
        <div key={part.key ?? MAIN} className={part.key ? styles.part : undefined}>
          {part.key && <Text weight="semibold">{part.form.title[locale]}</Text>}
          <FormView
            form={part.form}
            fields={part.fields}
            values={values[part.key ?? MAIN] ?? {}}
            problems={visible(part)}
            locale={locale}
            labelOf={labelIn(part)}
            disabled={session.busy}
            onChange={(key: string, value: FieldValue) => {
              setValues((current) => ({ ...current, [part.key ?? MAIN]: { ...(current[part.key ?? MAIN] ?? {}), [key]: value } }));
              setOutcome(null);
            }}
            onBlur={(key: string) => setTouched((current) => new Set(current).add(`${part.key ?? MAIN}.${key}`))}
            onSubmit={() => void submit()}
          />
        </div>
      ))}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={session.busy} onClick={() => void submit()}>
          {session.busy ? ui('registering', locale) : props.submitLabel}
        </Button>
        <Button
          disabled={session.busy}
          onClick={() => {
            reset();
            setOutcome(null);
          }}
        >
          {ui('clear', locale)}
        </Button>
        {session.busy && <Spinner size="tiny" aria-label={ui('registering', locale)} />}
      </div>
    </div>
  );
}
