import * as React from 'react';
import { OperationTicket, runWithRetry, type Operation, type OperationContext, type Outcome, type RunOptions } from '../domain/records';
import type { Ledger } from '../ledger/types';
import { KefuError } from '../core/problems';
import { ui } from '../i18n/ui';
import type { Locale } from '../i18n/locale';

/**
 * How the pane runs an operation that writes (issue 14 item 2): one operation ticket while the
 * clerk's input stays the same, so that pressing the button again after a failure whose outcome
 * Excel did not tell finds the earlier attempt instead of saving twice; an ambiguous failure is
 * retried once at once by itself (runWithRetry). A new input, a success or a refusal starts a new ticket.
 */
export interface OperationRunner {
  run<Input, Prepared, Result>(ledger: Ledger, operation: Operation<Input, Prepared, Result>, input: Input, context: OperationContext, options?: Omit<RunOptions, 'ticket'>): Promise<Outcome<Result>>;
  /** After a failed run: whether its write may be in the workbook unseen (the next run of the same input looks first). */
  uncertain(): boolean;
}

/** A runner keeping its ticket between runs (the pane holds one per view: useOperationRunner). */
export function operationRunner(): OperationRunner {
  let held: { readonly key: string; readonly ticket: OperationTicket } | null = null;
  return {
    async run(ledger, operation, input, context, options = {}) {
      const key = JSON.stringify(input ?? null);
      if (!held || held.key !== key) held = { key, ticket: new OperationTicket() };
      const { ticket } = held;
      try {
        const outcome = await runWithRetry(ledger, operation, input, context, { ...options, ticket });
        held = null;
        return outcome;
      } catch (error) {
        // A refusal wrote nothing and will be refused again: the next press is a new operation. After
        // any other failure the same input keeps its ticket, so that its attempts know each other's claims.
        if (error instanceof KefuError) held = null;
        throw error;
      }
    },
    uncertain: () => held?.ticket.uncertain ?? false,
  };
}

export function useOperationRunner(): OperationRunner {
  return React.useMemo(operationRunner, []);
}

/** What the clerk is told besides the result, when Excel's answer was lost on the way (empty: nothing to add). */
export function outcomeNote(outcome: Outcome<unknown>, locale: Locale): string {
  const notes: string[] = [];
  if (outcome.retried) notes.push(ui('triedAgain', locale));
  if (outcome.earlier) notes.push(ui('savedByEarlierAttempt', locale));
  else if (outcome.recovered) notes.push(ui('savedThoughAnswerLost', locale));
  return notes.join(' ');
}

/**
 * What the clerk is told after a failure about the workbook: nothing changed, or — after a write
 * Excel may have applied without answering, twice — that pressing the button again is safe.
 */
export function failureNote(uncertain: boolean, locale: Locale): string {
  return ui(uncertain ? 'maybeSavedTryAgain' : 'noChange', locale);
}
