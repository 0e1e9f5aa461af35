import * as React from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ui } from '../i18n/ui';
import type { FormDecl } from '../forms/types';
import { KefuError, type Problem } from '../domain/problems';
import { runOperation, type Operation, type OperationContext, type PreparedRecord, type CreatedRecord } from '../domain/records';
import { fieldsForStep } from '../domain/validate';
import { FormView, type FieldValue, type FormValues } from './FormView';
import { errorText, useSession } from './session';

/**
 * Creating a record of a form from the pane: the generated form, inline validation in the
 * clerk's language (on leaving a field, and everything on submit), one action at a time with
 * progress, the new number shown and its row selected in the sheet.
 */

const useStyles = makeStyles({
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
  help: { color: tokens.colorNeutralForeground3 },
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

export interface RecordFormProps {
  readonly form: FormDecl;
  readonly operation: Operation<unknown, PreparedRecord, CreatedRecord>;
  readonly help: string;
  /** Values a fresh form starts with (the time now, the clerk as receptionist …). */
  readonly initialValues: (now: string, clerk: string) => FormValues;
  readonly onRegistered?: (number: string) => void;
}

type Outcome = { kind: 'ok'; number: string } | { kind: 'error'; text: string } | null;

export function RecordForm({ form, operation, help, initialValues, onRegistered }: RecordFormProps) {
  const styles = useStyles();
  const session = useSession();
  const { locale, settings } = session;
  const now = () => session.clock.now().slice(0, 16);
  const [values, setValues] = React.useState<FormValues>(() => initialValues(now(), settings.clerk));
  const [touched, setTouched] = React.useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const fields = React.useMemo(() => fieldsForStep(form), [form]);
  const context: OperationContext = { clock: session.clock, actor: { clerk: settings.clerk, site: settings.site || undefined } };

  const problems = React.useMemo((): Problem[] => {
    try {
      operation.prepare(values, context);
      return [];
    } catch (error) {
      if (error instanceof KefuError) return [...error.problems];
      throw error;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, operation]);
  const shown = submitted ? problems : problems.filter((p) => touched.has((p.field ?? '').replace(/_(by|at)$/, '')) || touched.has(p.field ?? ''));

  const change = (key: string, value: FieldValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    setOutcome(null);
  };
  const blur = (key: string) => setTouched((current) => new Set(current).add(key));

  const submit = () =>
    session.act(async () => {
      setSubmitted(true);
      if (!settings.clerk) {
        setOutcome({ kind: 'error', text: ui('clerkMissing', locale) });
        return;
      }
      if (problems.length > 0) {
        setOutcome({ kind: 'error', text: ui('fixErrors', locale, { count: problems.length }) });
        return;
      }
      try {
        const ledger = await session.ledger();
        const result = await runOperation(ledger, operation, values, context, { selectAppended: true });
        setOutcome({ kind: 'ok', number: result.result.number });
        setValues(initialValues(now(), settings.clerk));
        setTouched(new Set());
        setSubmitted(false);
        onRegistered?.(result.result.number);
      } catch (error) {
        setOutcome({ kind: 'error', text: `${ui('failed', locale)}${errorText(error, locale)} ${ui('noChange', locale)}` });
      }
    });

  return (
    <div className={styles.stack}>
      <Text className={styles.help}>{help}</Text>
      {outcome?.kind === 'ok' && (
        <MessageBar intent="success" role="status" data-testid="registered">
          <MessageBarBody>{ui('registered', locale, { number: outcome.number })}</MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'error' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody style={{ whiteSpace: 'pre-wrap' }}>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      <FormView
        form={form}
        fields={fields}
        values={values}
        problems={shown}
        locale={locale}
        disabled={session.busy}
        onChange={change}
        onBlur={blur}
        onSubmit={submit}
      >
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={session.busy}>
            {session.busy ? ui('registering', locale) : ui('register', locale)}
          </Button>
          <Button
            type="button"
            disabled={session.busy}
            onClick={() => {
              setValues(initialValues(now(), settings.clerk));
              setTouched(new Set());
              setSubmitted(false);
              setOutcome(null);
            }}
          >
            {ui('clear', locale)}
          </Button>
          {session.busy && <Spinner size="tiny" aria-label={ui('registering', locale)} />}
        </div>
      </FormView>
    </div>
  );
}
