import { broadcasts } from '../../forms/visitors';
import { c, t } from '../../forms/codes';
import type { CodeDecl, FormDecl } from '../../forms/types';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import type { LedgerRow, Snapshot } from '../../ledger/types';
import { LOCALES, type Locale } from '../../i18n/locale';
import { message } from '../../i18n/messages';
import { KefuError, localized, type Problem } from '../../core/problems';
import { asObject, changeRecord, codeText, guardStatus, lookup, notBefore, recordIn, sheetRow, stepOperation, validated, type StepDescription, type StepInput, type StepResult } from '../deskSteps';
import { minutesLate } from '../dueDates';
import { createNumberedRecord, type CreatedRecord, type Operation, type PreparedRecord } from '../records';
import { VISITOR_RULES_QUERY, visitorRulesIn } from './visitorRules';
import type { DueItem, Workflow, WorkflowCheck, WorkflowQueue } from '../workflow';

/*
 * W5, the missing-person broadcast (P2-2.3, 3.2; domain brief §1.2 F10): a member of staff helps a
 * visitor reach the broadcast station, which registers the request (XR-YYYYMMDD-NNN) and reads it
 * in Mandarin — other languages may follow — at least `broadcast_min_readings` times (the seed's
 * 不少於三遍). Each reading is stamped when the announcer presses Read now (or runs `kefu broadcast
 * read`); the request closes as found, handed to the police or withdrawn once read often enough,
 * or earlier when the person was found and the reason is written down.
 */

const F10 = broadcasts;

/** The statuses of a request still open (not closed). */
export const OPEN_BROADCAST = ['requested', 'broadcasting', 'broadcast_done'] as const;

/**
 * A request read fewer times than the minimum is overdue when no reading has been made for this
 * many minutes (since the last reading, or since the request before the first): the announcer
 * reads the notice again every few minutes until the minimum is reached.
 */
export const READING_INTERVAL_MINUTES = 10;

/** How the reading times are separated in the cell (the form's help: one HH:MM per reading, 、 between them). */
export const READING_TIMES_SEPARATOR = '、';

/** What the queue's items of a request wait for. */
export const BROADCAST_DUE_KINDS: readonly CodeDecl[] = [
  c('broadcast_reading', '寻人广播待播出', '尋人廣播待播出', 'Missing-person notice to read'),
  c('broadcast_close', '寻人广播待结束', '尋人廣播待結束', 'Missing-person request to close'),
];

const str = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/**
 * The reading times of a cell: each HH:MM, whichever separator (、 ; , or spaces) stands between
 * them; `bad` when some part is not a time.
 */
export function readingTimes(value: DomainValue | undefined): { readonly times: readonly string[]; readonly bad: boolean } {
  const parts = str(value)
    .split(/[、;；,，\s]+/)
    .filter((p) => p !== '');
  const times = parts.filter((p) => /^([01]\d|2[0-3]):[0-5]\d$/.test(p));
  return { times, bad: times.length !== parts.length };
}

/** The number of readings the record says it had (a blank count: none). */
function countOf(row: LedgerRow): number {
  const n = Number(row.values.reading_count ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

const noOf = (row: LedgerRow) => str(row.values.broadcast_no);

// ————————————————————————————————————————— add

function languagesOf(values: RecordValues): readonly string[] {
  const value = values.languages;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

const created = createNumberedRecord(F10);

/**
 * A request at the broadcast station, XR-YYYYMMDD-NNN by the day it was made: who asks and who
 * helped them, the missing person, where and when last seen, where to meet, and the languages —
 * Mandarin among them (P2-3.2.3), refused before a number is claimed. Last seen after the request
 * is refused too. The request starts with no reading.
 */
export const requestBroadcast: Operation<unknown, PreparedRecord, CreatedRecord> = {
  prepare(input, context) {
    const prepared = created.prepare(input, context);
    const problems: Problem[] = [];
    if (!languagesOf(prepared.values).includes('mandarin')) problems.push({ kind: 'broadcastMandarinRequired', form: F10.key, field: 'languages' });
    problems.push(...notBefore(F10, undefined, 'requested_at', prepared.values.requested_at, 'last_seen_at', prepared.values.last_seen_at));
    if (problems.length > 0) throw new KefuError(problems);
    return prepared;
  },
  request: (prepared, context) => created.request(prepared, context),
  decide: (snapshot, prepared, context) => created.decide(snapshot, prepared, context),
};

// ————————————————————————————————————————— read

/** What a reading says: the count it reached and when it was read. */
export interface ReadingResult extends StepResult {
  readonly readings: number;
  /** 'YYYY-MM-DD HH:MM'. */
  readonly readAt: string;
}

interface PreparedReading {
  readonly no: string;
  readonly announcer?: string;
}

const announcerForm: FormDecl = { ...F10, fields: F10.fields.filter((f) => f.key === 'announcer') };

/**
 * One reading, stamped at the clock's time: the time (HH:MM) appended to the reading times, the
 * count one more, the last reading's date and time, the announcer (given, else the one recorded,
 * else the clerk); the request is broadcasting, or broadcast done once the count reaches the
 * rules' minimum. Readings go on being recorded until the request is closed.
 */
export const readBroadcast: Operation<StepInput, PreparedReading, ReadingResult> & { readonly describe: StepDescription } = {
  describe: { form: F10, action: 'read', from: [...OPEN_BROADCAST], to: 'broadcasting', alsoTo: ['broadcast_done'], fieldsForm: F10, fields: ['announcer'] },
  prepare(input) {
    const no = typeof input?.no === 'string' ? input.no.trim() : '';
    if (no === '') throw new KefuError([{ kind: 'required', form: F10.key, field: F10.keyField }]);
    const values = validated(announcerForm, asObject(input.fields ?? {}), 'broadcasting');
    const announcer = typeof values.announcer === 'string' && values.announcer !== '' ? values.announcer : undefined;
    return { no, ...(announcer ? { announcer } : {}) };
  },
  request(prepared) {
    return { tables: { [F10.key]: lookup(F10, [prepared.no]), visitor_rules: VISITOR_RULES_QUERY }, writes: [F10.key] };
  },
  decide(snapshot, prepared, context) {
    const row = recordIn(snapshot, F10, prepared.no);
    guardStatus(F10, row, OPEN_BROADCAST, 'read');
    const { rules } = visitorRulesIn(snapshot);
    const at = context.clock.now();
    const readAt = at.slice(0, 16);
    const readings = countOf(row) + 1;
    const before = str(row.values.reading_times).trim();
    const status = readings >= rules.broadcastMinReadings ? 'broadcast_done' : 'broadcasting';
    const announcer = prepared.announcer ?? (str(row.values.announcer) || context.actor.clerk);
    const change = changeRecord(
      F10,
      row,
      { reading_times: before === '' ? readAt.slice(11) : `${before}${READING_TIMES_SEPARATOR}${readAt.slice(11)}`, reading_count: readings, last_read_at: readAt, announcer, status },
      context,
      'read',
      at,
    );
    return { changes: { updates: change.update ? [change.update] : [], audit: change.audit }, result: { number: prepared.no, status, readings, readAt } };
  },
};

// ————————————————————————————————————————— close

/** Why closing a request with `count` readings is refused (none when it may close). */
function closingProblems(row: LedgerRow, values: RecordValues, min: number): Problem[] {
  const count = countOf(row);
  if (count >= min) return [];
  const outcome = str(values.outcome);
  const reason = str(values.early_close_reason).trim();
  if (outcome === 'found' && reason !== '') return [];
  const outcomes = F10.fields.find((f) => f.key === 'outcome')!.codes!;
  const params = { record: noOf(row), count, min, ...localized('outcome', codeText(outcomes, outcome)) };
  if (outcome === 'found') return [{ kind: 'broadcastEarlyReasonMissing', form: F10.key, row: sheetRow(row), field: 'early_close_reason', params }];
  return [{ kind: 'broadcastTooFewReadings', form: F10.key, row: sheetRow(row), field: 'reading_count', params }];
}

/**
 * Closed as found, handed to the police or withdrawn, at a time not before the request: after at least the minimum readings, or earlier when the person was found and
 * the reason for closing early is written. Anything else is refused, naming the record, its
 * readings and the minimum.
 */
export const closeBroadcast = stepOperation({
  form: F10,
  action: 'close',
  fieldsStep: 'closed',
  from: [...OPEN_BROADCAST],
  to: 'closed',
  reads: () => ({ visitor_rules: VISITOR_RULES_QUERY }),
  check: (row, values, snapshot) => [
    ...closingProblems(row, values, visitorRulesIn(snapshot).rules.broadcastMinReadings),
    ...notBefore(F10, row, 'closed_at', values.closed_at, 'requested_at', row.values.requested_at),
  ],
});

// ————————————————————————————————————————— the queue

const live = (snapshot: Snapshot) => (snapshot.tables[F10.key] ?? []).filter((r) => r.values.voided !== true);

function addMinutes(local: string, minutes: number): string {
  const ms = Date.parse(`${local.slice(0, 10)}T${local.slice(11, 16) || '00:00'}:00Z`) + minutes * 60_000;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * An open request: read fewer times than the minimum, the next reading is due READING_INTERVAL_MINUTES
 * after the last one (or after the request), overdue past it; read often enough, it waits for its
 * outcome and is never overdue. The subject names the missing person, the readings and the minutes
 * since the last reading (or since the request), in the workbook's language.
 */
function requestItem(row: LedgerRow, now: string, min: number, locale: Locale): DueItem | undefined {
  const requested = str(row.values.requested_at);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(requested)) return undefined;
  const count = countOf(row);
  const last = str(row.values.last_read_at) || requested;
  const since = Math.max(0, minutesLate(last, now));
  const name = str(row.values.missing_name);
  const subject = count === 0 ? message('broadcastQueueNotRead', locale, { name, minutes: since }) : message('broadcastQueueRead', locale, { name, count, minutes: since });
  const reading = count < min;
  const due = reading ? addMinutes(last, READING_INTERVAL_MINUTES) : last.slice(0, 16);
  const late = reading ? minutesLate(due, now) : 0;
  return {
    table: F10.key,
    record: noOf(row),
    row: sheetRow(row),
    status: str(row.values.status),
    subject,
    person: str(row.values.requester),
    rule: reading ? 'broadcast_reading' : 'broadcast_close',
    due,
    field: reading ? 'last_read_at' : 'reading_count',
    overdue: late > 0,
    minutesLate: late,
  };
}

/** The open requests of a snapshot as to-do items, overdue first. */
export function broadcastItems(snapshot: Snapshot, now: string): DueItem[] {
  const min = visitorRulesIn(snapshot).rules.broadcastMinReadings;
  const locale = LOCALES.includes(snapshot.locale) ? snapshot.locale : 'zh-CN';
  return live(snapshot)
    .filter((row) => (OPEN_BROADCAST as readonly string[]).includes(str(row.values.status)))
    .map((row) => requestItem(row, now, min, locale))
    .filter((item): item is DueItem => item !== undefined)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
}

export const broadcastQueue: WorkflowQueue = {
  reads: [F10],
  rules: BROADCAST_DUE_KINDS,
  items: broadcastItems,
};

// ————————————————————————————————————————— kefu check

/**
 * Errors: a request closed with fewer readings than the minimum and no reason for closing early
 * (or closed early other than as found); a count that is not the number of reading times, or
 * reading times that are not times.
 */
export function broadcastProblems(snapshot: Snapshot): Problem[] {
  const min = visitorRulesIn(snapshot).rules.broadcastMinReadings;
  const problems: Problem[] = [];
  for (const row of live(snapshot)) {
    const no = noOf(row);
    if (row.values.status === 'closed') {
      const early = closingProblems(row, row.values, min);
      const outcomes = F10.fields.find((f) => f.key === 'outcome')!.codes!;
      if (early.length > 0) {
        problems.push({
          kind: 'broadcastClosedEarly',
          form: F10.key,
          row: sheetRow(row),
          field: early[0].field,
          params: { record: no, count: countOf(row), min, ...localized('outcome', codeText(outcomes, row.values.outcome)) },
        });
      }
    }
    const { times, bad } = readingTimes(row.values.reading_times);
    if (bad) problems.push({ kind: 'broadcastTimeUnreadable', form: F10.key, row: sheetRow(row), field: 'reading_times', params: { record: no, value: str(row.values.reading_times) } });
    else if (times.length !== countOf(row)) {
      problems.push({
        kind: 'broadcastCountMismatch',
        form: F10.key,
        row: sheetRow(row),
        field: 'reading_count',
        params: { record: no, count: str(row.values.reading_count) || '0', times: times.length, list: times.join(READING_TIMES_SEPARATOR) },
      });
    }
  }
  return problems;
}

export const broadcastCheck: WorkflowCheck = {
  reads: [F10],
  problems: (snapshot) => ({ errors: broadcastProblems(snapshot), warnings: [] }),
};

// ————————————————————————————————————————— the workflow

export const broadcastWorkflow: Workflow = {
  // Template version 4 brought the column these read (last_read_at) and the rules table.
  since: 4,
  word: 'broadcast',
  form: F10,
  number: '<XR-no>',
  create: requestBroadcast,
  steps: { read: readBroadcast, close: closeBroadcast },
  voidable: true,
  help: t(
    '广播寻人登记（W5）：add 登记求助（协助员工、走失者特征、走失时间地点、会合地点；语种须含普通话）；read {announcer} 每播一遍记一次（当时时间、次数加一）；close {outcome, closed_at, early_close_reason} 结束：至少播满规定遍数（默认3遍），找到走失者可注明原因提前结束；void 作废（须写原因）。',
    '廣播尋人登記（W5）：add 登記求助（協助員工、走失者特徵、走失時間地點、會合地點；語種須含普通話）；read {announcer} 每播一遍記一次（當時時間、次數加一）；close {outcome, closed_at, early_close_reason} 結束：至少播滿規定遍數（預設3遍），找到走失者可註明原因提前結束；void 作廢（須寫原因）。',
    'Missing-person broadcast (W5): add registers the request (the staff who helped, the missing person, last seen when and where, the meeting point; the languages must include Mandarin); read {announcer} records one reading (the time now, the count one more); close {outcome, closed_at, early_close_reason} once read at least the minimum times (3 by default), or earlier with a reason when the person was found; void with a reason.',
  ),
  queue: broadcastQueue,
  check: broadcastCheck,
};
