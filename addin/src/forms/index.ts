import { complaints } from './serviceDesk';
import type { FormDecl } from './types';

/** Every form, register and ledger, in the order of the brief. The registry everything derives from. */
export const FORMS: readonly FormDecl[] = [complaints];

const byKey = new Map(FORMS.map((form) => [form.key, form]));

export function formByKey(key: string): FormDecl {
  const form = byKey.get(key);
  if (!form) throw new Error(`Unknown form: ${key}`);
  return form;
}

export function findForm(key: string): FormDecl | undefined {
  return byKey.get(key);
}

export { complaints };
export type { FormDecl, FieldDecl, CodeDecl, Numbering, CopyDecl, FieldType } from './types';
