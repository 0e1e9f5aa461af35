import type { FormDecl } from '../forms/types';
import { KefuError, type Problem } from '../core/problems';
import { changeRecord, guardStatus, lookup, recordIn, type StepResult } from './deskSteps';
import { idNumberProblem } from './personalData';
import { unstorableProblem } from './storableText';
import type { Operation } from './records';

/** What voiding a record takes: its number and why (never deleted: DESIGN principle 7). */
export interface VoidInput {
  readonly no: string;
  readonly reason: string;
}

/**
 * Marks a record of `form` void with a reason; it keeps its number and row, and takes no further
 * step. The records of `voidsWith` keyed by the same number (the repair order's ledger line) are
 * voided with it, in the same change set.
 */
export function voidOperation(form: FormDecl, voidsWith: readonly FormDecl[] = []): Operation<VoidInput, VoidInput, StepResult> {
  return {
    prepare(input) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      const reason = typeof input?.reason === 'string' ? input.reason.trim() : '';
      const problems: Problem[] = [];
      if (no === '') problems.push({ kind: 'required', form: form.key, field: form.keyField });
      if (reason === '') problems.push({ kind: 'voidReasonRequired', form: form.key, field: 'void_reason' });
      else if ([...reason].length > 200) problems.push({ kind: 'tooLong', form: form.key, field: 'void_reason', params: { length: [...reason].length, max: 200 } });
      // Located in the reason as given (before trimming), which is what the clerk typed.
      const unstorable = reason === '' ? undefined : unstorableProblem(input.reason);
      if (unstorable) problems.push({ ...unstorable, form: form.key, field: 'void_reason' });
      const idNumber = idNumberProblem(reason);
      if (idNumber) problems.push({ ...idNumber, form: form.key, field: 'void_reason' });
      if (problems.length > 0) throw new KefuError(problems);
      return { no, reason };
    },
    request(prepared) {
      const tables: Record<string, ReturnType<typeof lookup>> = { [form.key]: lookup(form, [prepared.no]) };
      for (const linked of voidsWith) tables[linked.key] = lookup(linked, [prepared.no]);
      return { tables, writes: [form.key, ...voidsWith.map((linked) => linked.key)] };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, form, prepared.no);
      if (row.values.voided === true) guardStatus(form, row, [], 'void');
      const at = context.clock.now();
      const change = changeRecord(form, row, { voided: true, void_reason: prepared.reason }, context, 'void', at);
      const updates = change.update ? [change.update] : [];
      const audit = [...change.audit];
      for (const linked of voidsWith) {
        const line = changeRecord(linked, recordIn(snapshot, linked, prepared.no), { voided: true, void_reason: prepared.reason }, context, 'void', at);
        if (line.update) updates.push(line.update);
        audit.push(...line.audit);
      }
      return { changes: { updates, audit }, result: { number: prepared.no, status: String(row.values.status ?? '') } };
    },
  };
}
