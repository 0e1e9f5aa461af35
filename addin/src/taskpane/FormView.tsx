import * as React from 'react';
import { Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Locale } from '../i18n/locale';
import { ui } from '../i18n/ui';
import { BOOL_CODES } from '../forms/codes';
import type { FieldDecl, FormDecl } from '../forms/types';
import { problemMessage, type Problem } from '../core/problems';

/**
 * One renderer for every form: it maps each declared field type to a Fluent input, so a form's
 * view is derived from its declaration (DESIGN principle 1), never written by hand.
 */

export type SignatureValue = { readonly by: string; readonly at: string };
export type FieldValue = string | readonly string[] | SignatureValue;
export type FormValues = Readonly<Record<string, FieldValue>>;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  pair: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '8em' },
  codes: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
});

/** 'YYYY-MM-DD HH:MM' ↔ the value of an <input type="datetime-local">. */
const toInputDateTime = (value: string) => value.replace(' ', 'T');
const fromInputDateTime = (value: string) => value.replace('T', ' ');

/** Problems keyed by the field they belong to (a signature's halves belong to the signature). */
export function problemsByField(problems: readonly Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  const add = (key: string, problem: Problem) => map.set(key, [...(map.get(key) ?? []), problem]);
  for (const problem of problems) {
    const key = problem.field ?? '';
    add(key, problem);
    // `receptionist_by` also belongs to the signature field `receptionist`.
    const base = key.replace(/_(by|at)$/, '');
    if (base !== key) add(base, problem);
  }
  return map;
}

function inputMode(field: FieldDecl): { type: string; step?: string; unit?: string } {
  switch (field.type) {
    case 'date':
      return { type: 'date' };
    case 'datetime':
      return { type: 'datetime-local' };
    case 'int':
      return { type: 'number', step: '1' };
    case 'decimal':
      return { type: 'number', step: 'any' };
    case 'money':
      return { type: 'number', step: '0.01', unit: '¥' };
    case 'percent':
      return { type: 'number', step: '0.01', unit: '%' };
    default:
      return { type: 'text' };
  }
}

interface FieldInputProps {
  readonly form: FormDecl;
  readonly field: FieldDecl;
  readonly label: string;
  readonly value: FieldValue | undefined;
  readonly required: boolean;
  readonly problems: readonly Problem[];
  readonly locale: Locale;
  readonly disabled: boolean;
  readonly onChange: (key: string, value: FieldValue) => void;
  readonly onBlur: (key: string) => void;
}

function FieldInput({ form, field, label, value, required, problems, locale, disabled, onChange, onBlur }: FieldInputProps) {
  const styles = useStyles();
  const id = `${form.key}-${field.key}`;
  const message = problems.map((p) => problemMessage(p, locale)).join(' ');
  const fieldProps = {
    label,
    required,
    hint: field.help?.[locale],
    validationState: message ? ('error' as const) : ('none' as const),
    validationMessage: message || undefined,
  };
  const text = typeof value === 'string' ? value : '';
  const blur = () => onBlur(field.key);

  switch (field.type) {
    case 'longtext':
      return (
        <Field {...fieldProps}>
          <Textarea id={id} value={text} resize="vertical" disabled={disabled} onBlur={blur} onChange={(_, d) => onChange(field.key, d.value)} />
        </Field>
      );
    case 'code':
      return (
        <Field {...fieldProps}>
          <Select id={id} value={text} disabled={disabled} onBlur={blur} onChange={(_, d) => onChange(field.key, d.value)}>
            <option value="">{ui('choose', locale)}</option>
            {(field.codes ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.label[locale]}
              </option>
            ))}
          </Select>
        </Field>
      );
    case 'codes': {
      const selected = new Set(Array.isArray(value) ? (value as readonly string[]) : []);
      return (
        <Field {...fieldProps}>
          <div className={styles.codes} role="group" aria-label={label}>
            {(field.codes ?? []).map((c) => (
              <Checkbox
                key={c.code}
                // Each box its own id and name (a Field gives its one id and label to every control
                // inside): each label checks its own box; the field, not each box, is required.
                id={`${id}-${c.code}`}
                aria-labelledby={`${id}-${c.code}-label`}
                required={false}
                label={{ children: c.label[locale], id: `${id}-${c.code}-label` }}
                checked={selected.has(c.code)}
                disabled={disabled}
                onChange={(_, d) => {
                  const next = new Set(selected);
                  if (d.checked) next.add(c.code);
                  else next.delete(c.code);
                  onChange(field.key, [...next]);
                  onBlur(field.key);
                }}
              />
            ))}
          </div>
        </Field>
      );
    }
    case 'bool':
      return (
        <Field {...fieldProps}>
          <RadioGroup
            layout="horizontal"
            value={text}
            disabled={disabled}
            onChange={(_, d) => {
              onChange(field.key, d.value);
              onBlur(field.key);
            }}
          >
            {BOOL_CODES.map((c) => (
              <Radio key={c.code} value={c.code} label={c.label[locale]} />
            ))}
          </RadioGroup>
        </Field>
      );
    case 'signature': {
      const signature = (typeof value === 'object' && !Array.isArray(value) ? value : { by: '', at: '' }) as SignatureValue;
      return (
        <Field {...fieldProps}>
          <div className={styles.pair} role="group" aria-label={label}>
            <Input
              id={id}
              className={styles.grow}
              aria-label={`${label} · ${ui('signedBy', locale)}`}
              placeholder={ui('signedBy', locale)}
              value={signature.by}
              disabled={disabled}
              onBlur={blur}
              onChange={(_, d) => onChange(field.key, { ...signature, by: d.value })}
            />
            <Input
              className={styles.grow}
              type="datetime-local"
              aria-label={`${label} · ${ui('signedAt', locale)}`}
              value={toInputDateTime(signature.at)}
              disabled={disabled}
              onBlur={blur}
              onChange={(_, d) => onChange(field.key, { ...signature, at: fromInputDateTime(d.value) })}
            />
          </div>
        </Field>
      );
    }
    default: {
      const mode = inputMode(field);
      return (
        <Field {...fieldProps}>
          <Input
            id={id}
            type={mode.type as 'text'}
            step={mode.step}
            contentAfter={mode.unit}
            value={mode.type === 'datetime-local' ? toInputDateTime(text) : text}
            disabled={disabled}
            onBlur={blur}
            onChange={(_, d) => onChange(field.key, mode.type === 'datetime-local' ? fromInputDateTime(d.value) : d.value)}
          />
        </Field>
      );
    }
  }
}

export interface FormViewProps {
  readonly form: FormDecl;
  readonly fields: readonly FieldDecl[];
  readonly values: FormValues;
  /** Problems to show, already limited to the fields the clerk has touched (or all, after submit). */
  readonly problems: readonly Problem[];
  readonly locale: Locale;
  readonly disabled: boolean;
  readonly onChange: (key: string, value: FieldValue) => void;
  readonly onBlur: (key: string) => void;
  readonly onSubmit: () => void;
  /** The label a field shows, when not its declared one (a part's field named like one above it). */
  readonly labelOf?: (field: FieldDecl) => string;
  readonly children?: React.ReactNode;
}

/** Whether a field is required now, given the other values (conditional requirements). */
export function isRequiredNow(field: FieldDecl, values: FormValues): boolean {
  if (field.required === true) return true;
  if (!field.required) return false;
  const other = values[field.required.when.field];
  return typeof other === 'string' && field.required.when.in.includes(other);
}

export function FormView(props: FormViewProps) {
  const styles = useStyles();
  const byField = problemsByField(props.problems);
  return (
    <form
      className={styles.form}
      noValidate
      aria-label={props.form.title[props.locale]}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.fields.map((field) => (
        <FieldInput
          key={field.key}
          form={props.form}
          field={field}
          label={props.labelOf?.(field) ?? field.label[props.locale]}
          value={props.values[field.key]}
          required={isRequiredNow(field, props.values)}
          problems={byField.get(field.key) ?? []}
          locale={props.locale}
          disabled={props.disabled}
          onChange={props.onChange}
          onBlur={props.onBlur}
        />
      ))}
      {props.children}
    </form>
  );
}
