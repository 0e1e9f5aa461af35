import { collectionChecks, fieldCheckLines, installationSheets, investigations, rotationSpotChecks } from '../../forms/fieldWork';
import { batchInstalls, rotationOrders } from '../../forms/performance';
import { columnsOf } from '../../forms/columns';
import type { CodeDecl, FormDecl } from '../../forms/types';
import { c } from '../../forms/codes';
import { isOverdue, minutesLate } from '../dueDates';
import { addDays } from './fieldGuards';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import { formatNumber, periodOf, type SequenceNumbering } from '../../ledger/numbering';
import type { AuditEntry, ChangeSet, ClaimQuery, LedgerRow, RecordUpdate, Snapshot, SnapshotRequest, TableQuery } from '../../ledger/types';
import { KefuError, localized, type Problem } from '../../core/problems';
import type { DueItem } from '../workflow';
import { MICRO, RULES_QUERY, parseRules, rulesForMonth, type RuleVersion } from '../performance/rules';
import { asObject, changeRecord, createdAudit, guardStatus, lookup, recordIn, sheetRow, stepOperation, validated, type DeskStep, type StepResult } from '../deskSteps';
import type { OperationContext } from '../records';
import { validateInput } from '../validate';
import { rowsWhere } from './registers';
import { CLASS3_MIN_BP, SAMPLE_RULES, canonicalMeters, drawBatchSample, drawFrom, drawRotationSample, freshSeed, joinMeters, mulberry32, seedState, splitMeters } from './sampling';

/**
 * The field checks of a work order (W8, brief F20–F22; issue 12 items 2 and 7): the spot check of
 * a rotation (F20) or the investigation of a batch install (F21) on a reproducible sample, its
 * per-meter lines, the three signatures of an investigation, the collection verification (F22),
 * rectification and re-check, assessment and closing. The counts land on the order's performance
 * columns (field_checked, field_passed, collection_total, collection_ok), which `kefu perf` reads
 * for ROT_QC, BAT_QC, ROT_COLL and BAT_COLL: recorded once, never keyed again.
 *
 * Every step reads the order by number and what its guards need by look-ups (an order's
 * installation sheets, check records and lines by order number; the small rules table whole), and
 * writes one change set.
 */

export type OrderKind = 'rotation' | 'batch';

interface Kind {
  readonly order: FormDecl;
  readonly check: FormDecl;
  /** The rules parameter of the field pass threshold (percent points). */
  readonly passRule: 'rotation_field_pass_pct' | 'batch_field_pass_pct';
  readonly workKind: 'rotation' | 'batch_install';
}

const KINDS: Readonly<Record<OrderKind, Kind>> = {
  rotation: { order: rotationOrders, check: rotationSpotChecks, passRule: 'rotation_field_pass_pct', workKind: 'rotation' },
  batch: { order: batchInstalls, check: investigations, passRule: 'batch_field_pass_pct', workKind: 'batch_install' },
};

/** The result of a field-check step: the order's number and status, the record made, a warning to show (a step's result). */
export type FieldStepResult = StepResult;

interface Prepared {
  readonly no: string;
  readonly values: Record<string, DomainValue>;
  readonly extra: Record<string, unknown>;
}

type Decided = { changes: ChangeSet; status: string; created?: string; warnings?: Problem[] };

/** A step on a work order whose decision reads other records too (built like stepOperation, with look-ups by order number). */
function orderStep(spec: {
  readonly kind: Kind;
  readonly action: string;
  readonly from: readonly string[];
  /** The statuses the step may leave the order in (none: it stays as it is), for the diagram and the pane. */
  readonly to?: readonly string[];
  readonly fieldsForm: FormDecl;
  readonly fields: readonly string[];
  readonly prepare: (fields: Record<string, unknown>, context: OperationContext) => { values: Record<string, DomainValue>; extra?: Record<string, unknown> };
  readonly reads: (no: string) => Record<string, TableQuery>;
  readonly writes: readonly string[];
  readonly claims?: (prepared: Prepared, context: OperationContext) => ClaimQuery[];
  readonly decide: (snapshot: Snapshot, order: LedgerRow, prepared: Prepared, context: OperationContext, at: string) => Decided;
}): DeskStep<Prepared> & { readonly describe: { readonly form: FormDecl } } {
  const { order } = spec.kind;
  return {
    describe: {
      form: order,
      action: spec.action,
      from: spec.from,
      ...(spec.to && spec.to.length > 0 ? { to: spec.to[0], alsoTo: spec.to.slice(1) } : {}),
      fieldsForm: spec.fieldsForm,
      fields: spec.fields,
    },
    prepare(input, context) {
      const no = typeof input?.no === 'string' ? input.no.trim() : '';
      if (no === '') throw new KefuError([{ kind: 'required', form: order.key, field: order.keyField }]);
      const { values, extra } = spec.prepare(asObject(input.fields ?? {}), context);
      return { no, values, extra: extra ?? {} };
    },
    request(prepared, context) {
      return {
        tables: { [order.key]: lookup(order, [prepared.no]), ...spec.reads(prepared.no) },
        writes: [order.key, ...spec.writes],
        ...(spec.claims ? { claims: spec.claims(prepared, context) } : {}),
      };
    },
    decide(snapshot, prepared, context) {
      const row = recordIn(snapshot, order, prepared.no);
      guardStatus(order, row, spec.from, spec.action);
      const decided = spec.decide(snapshot, row, prepared, context, context.clock.now());
      const result: FieldStepResult = { number: prepared.no, status: decided.status, created: decided.created, warnings: decided.warnings };
      return { changes: decided.changes, result };
    },
  };
}

function live(snapshot: Snapshot, form: FormDecl, column: string, value: string): LedgerRow[] {
  return (snapshot.tables[form.key] ?? []).filter((r) => r.values.voided !== true && String(r.values[column] ?? '') === value);
}

function common(context: OperationContext, at: string): RecordValues {
  return { created_at: at.slice(0, 16), created_by: context.actor.clerk, voided: false, ...(context.actor.site ? { site: context.actor.site } : {}) };
}

/** The rules version in effect for the order's month (its completion date, as `kefu perf` assesses it). */
function rulesFor(snapshot: Snapshot, order: LedgerRow, date: string): RuleVersion {
  const done = typeof order.values.done_date === 'string' && order.values.done_date !== '' ? order.values.done_date : date;
  return rulesForMonth(parseRules(snapshot.tables.rules ?? []), done.slice(0, 7));
}

/** passed ÷ checked meets a threshold in millionths of a percent point, compared in integers. */
export function meetsRate(passed: number, checked: number, thresholdMicro: number): boolean {
  if (checked <= 0) return false;
  return BigInt(passed) * 100n * BigInt(MICRO) >= BigInt(thresholdMicro) * BigInt(checked);
}

function pct(micro: number): string {
  return String(micro / MICRO);
}

/** The sequence of a `<order>-CC<n>` record number (0 when none yet). */
function seqOf(no: DomainValue | undefined, tag: string): number {
  const match = typeof no === 'string' ? new RegExp(`-${tag}(\\d+)$`).exec(no) : null;
  return match ? Number(match[1]) : 0;
}

function today(context: OperationContext): string {
  return context.clock.now().slice(0, 10);
}

/** Some of a form's creation fields, validated as the form declares them (the others may be absent). */
function validPart(form: FormDecl, input: Record<string, unknown>): Record<string, DomainValue> {
  const { values, problems } = validateInput(form, input);
  const given = new Set(Object.keys(input));
  const mine = problems.filter((p) => p.field === undefined || given.has(p.field) || given.has(p.field.replace(/_(by|at)$/, '')));
  if (mine.length > 0) throw new KefuError(mine);
  return Object.fromEntries(Object.entries(values).filter(([key]) => given.has(key)));
}

function dateInput(form: FormDecl, field: string, value: unknown, context: OperationContext): string {
  if (value === undefined || value === null || value === '') return today(context);
  return String(validPart(form, { [field]: value })[field] ?? today(context));
}

// ————————————————————————————————————————— the meter list and its sample

export interface OrderMeters {
  readonly all: readonly string[];
  readonly class2: readonly string[];
  readonly class3: readonly string[];
  readonly classOf: ReadonlyMap<string, string>;
}

/** An order's meters: the new meter numbers of its installation sheets (and, for a batch install, their load classes). */
export function orderMeters(snapshot: Snapshot, orderNo: string, kind: OrderKind): OrderMeters {
  const sheets = live(snapshot, installationSheets, 'parent_order_no', orderNo);
  if (sheets.length === 0) throw new KefuError([{ kind: 'recordNotFound', form: installationSheets.key, field: 'parent_order_no', params: { value: orderNo } }]);
  const problems: Problem[] = [];
  const classOf = new Map<string, string>();
  for (const sheet of sheets) {
    const meter = String(sheet.values.new_meter_no ?? '').trim();
    const load = String(sheet.values.load_class ?? '');
    if (meter === '') problems.push({ kind: 'required', form: installationSheets.key, row: sheetRow(sheet), field: 'new_meter_no' });
    else if (kind === 'batch' && load !== 'class2' && load !== 'class3') problems.push({ kind: 'required', form: installationSheets.key, row: sheetRow(sheet), field: 'load_class' });
    else classOf.set(meter, load);
  }
  if (problems.length > 0) throw new KefuError(problems);
  const all = [...classOf.keys()];
  return { all, class2: all.filter((m) => classOf.get(m) === 'class2'), class3: all.filter((m) => classOf.get(m) === 'class3'), classOf };
}

/** The sample a check record should hold, drawn again from its seed and rule version over the order's meters. */
export function redraw(record: RecordValues, meters: OrderMeters, kind: OrderKind): string[] {
  const seed = String(record.sample_seed ?? '');
  const rule = String(record.sample_rule ?? '');
  if (kind === 'rotation') {
    // As many as the record was drawn with (the rate came from the rules in effect then): a partial
    // Fisher–Yates draw of k is the first k of any larger draw from the same seed.
    const k = Math.min(Number(record.sampled ?? 0), meters.all.length);
    return [...drawFrom(canonicalMeters(meters.all), k, mulberry32(seedState(seed)))];
  }
  const drawn = drawBatchSample({ class2: meters.class2, class3: meters.class3 }, seed, Number(record.class3_rate ?? CLASS3_MIN_BP), rule);
  return [...drawn.class2, ...drawn.class3].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// ————————————————————————————————————————— sample

const PC = investigations.numbering as SequenceNumbering;

function sampleStep(kindName: OrderKind): DeskStep<Prepared> {
  const kind = KINDS[kindName];
  return orderStep({
    kind,
    action: 'sample',
    // A completed order, or one in rectification after a failed field check (its re-check).
    from: ['completed', 'rectification'],
    fieldsForm: kind.check,
    fields: kindName === 'batch' ? ['check_date', 'class3_rate'] : ['check_date'],
    prepare(fields, context) {
      const { seed, check_date: date, class3_rate: rate, ...rest } = fields;
      if (Object.keys(rest).length > 0) validated(kind.check, rest, '\u0000none');
      const values: Record<string, DomainValue> = { check_date: dateInput(kind.check, 'check_date', date, context) };
      if (kindName === 'batch') values.class3_rate = rate === undefined || rate === null || rate === '' ? CLASS3_MIN_BP : (validPart(kind.check, { class3_rate: rate }).class3_rate ?? CLASS3_MIN_BP);
      if (seed !== undefined && (typeof seed !== 'string' || seed.trim() === '' || seed.length > 40)) {
        throw new KefuError([{ kind: typeof seed === 'string' && seed.length > 40 ? 'tooLong' : 'notText', form: kind.check.key, field: 'sample_seed', params: { max: 40, value: String(seed) } }]);
      }
      return { values, extra: seed === undefined ? {} : { seed: seed.trim() } };
    },
    reads: (no) => ({
      [installationSheets.key]: rowsWhere(installationSheets, 'parent_order_no', [no]),
      ...(kindName === 'rotation' ? { rules: RULES_QUERY } : {}),
    }),
    writes: [kind.check.key, fieldCheckLines.key],
    claims: kindName === 'batch' ? (prepared) => [{ series: PC.series, period: periodOf(PC, String(prepared.values.check_date)) }] : undefined,
    decide(snapshot, order, prepared, context, at) {
      const no = prepared.no;
      const meters = orderMeters(snapshot, no, kindName);
      const seed = typeof prepared.extra.seed === 'string' ? prepared.extra.seed : freshSeed(no, at);
      const date = String(prepared.values.check_date);
      let record: Record<string, DomainValue>;
      let lines: { meter: string; as: string }[];
      const warnings: Problem[] = [];
      const confirm = [];
      if (kindName === 'rotation') {
        const rules = rulesFor(snapshot, order, date);
        const rateBp = Math.ceil(rules.values.rotation_sample_pct / 10_000);
        const drawn = drawRotationSample(meters.all, seed, SAMPLE_RULE_NOW, rateBp);
        const id = `${no}-CC${seqOf(order.values.field_check_no, 'CC') + 1}`;
        record = { entry_id: id, order_no: no, check_date: date, rotated_count: drawn.total, sampled: drawn.sample.length };
        lines = drawn.sample.map((meter) => ({ meter, as: 'rotation_sample' }));
        record = { ...record, sample_seed: seed, sample_rule: drawn.rule, sample: joinMeters(drawn.sample) };
      } else {
        const claim = snapshot.claims[0];
        if (!claim) throw new Error('sample: the ledger returned no claim');
        confirm.push(claim);
        const rateBp = Number(prepared.values.class3_rate);
        const drawn = drawBatchSample({ class2: meters.class2, class3: meters.class3 }, seed, rateBp, SAMPLE_RULE_NOW);
        const id = formatNumber(PC, claim.period, claim.seq);
        record = {
          investigation_no: id,
          order_no: no,
          check_date: date,
          class3_rate: rateBp,
          class2_total: drawn.class2.length,
          class2_checked: drawn.class2.length,
          class3_total: drawn.class3Total,
          class3_checked: drawn.class3.length,
          sample_seed: seed,
          sample_rule: drawn.rule,
          sample: joinMeters(canonicalMeters([...drawn.class2, ...drawn.class3])),
        };
        lines = [...drawn.class2.map((meter) => ({ meter, as: 'class2_all' })), ...drawn.class3.map((meter) => ({ meter, as: 'class3_sample' }))];
        if (drawn.warnRate) warnings.push({ kind: 'class3RateHigh', form: kind.check.key, field: 'class3_rate', params: { record: id, rate: rateBp / 100 } });
      }
      const id = String(record[kind.check.keyField]);
      const made: Record<string, DomainValue> = { ...record, status: 'sampled', ...common(context, at) };
      const lineRecords = lines.map(({ meter, as }) => ({
        line_id: `${id}/${meter}`,
        check_no: id,
        order_no: no,
        meter_no: meter,
        load_class: meters.classOf.get(meter) || null,
        sampled_as: as,
        ...common(context, at),
      }));
      const own = changeRecord(kind.order, order, { field_check_no: id }, context, 'sample', at);
      return {
        status: String(order.values.status),
        created: id,
        warnings,
        changes: {
          appends: { [kind.check.key]: [made], [fieldCheckLines.key]: lineRecords },
          updates: own.update ? [own.update] : [],
          confirm,
          audit: [createdAudit(kind.check, made, context, at), ...lineRecords.map((l) => createdAudit(fieldCheckLines, l, context, at)), ...own.audit],
        },
      };
    },
  });
}

const SAMPLE_RULE_NOW = SAMPLE_RULES[SAMPLE_RULES.length - 1];

// ————————————————————————————————————————— check

/** The order's latest check record (the one its field_check_no names), or a refusal. */
function latestCheck(snapshot: Snapshot, kind: Kind, order: LedgerRow): LedgerRow {
  const no = String(order.values.field_check_no ?? '');
  const rows = live(snapshot, kind.check, 'order_no', String(order.values.order_no));
  const row = rows.find((r) => r.values[kind.check.keyField] === no);
  if (!row) throw new KefuError([{ kind: 'sampleNone', form: kind.order.key, row: sheetRow(order), field: 'field_check_no', params: { record: String(order.values.order_no) } }]);
  return row;
}

interface LineDetail {
  readonly items_failed?: DomainValue;
  readonly correspondence_ok?: DomainValue;
}

function checkStep(kindName: OrderKind): DeskStep<Prepared> {
  const kind = KINDS[kindName];
  const stepFields = columnsOf(kind.check)
    .filter((c) => c.field?.step === 'checked' && !c.field.system)
    .map((c) => c.field.key);
  const fields = [...new Set(['check_date', ...stepFields])];
  return orderStep({
    kind,
    action: 'check',
    from: ['completed'],
    // A batch install waits for the three signatures (sign) before its verdict.
    to: kind === KINDS.batch ? [] : ['field_checked', 'rectification'],
    fieldsForm: kind.check,
    fields,
    prepare(input, context) {
      const { lines, check_date: date, ...own } = input;
      const values = validated(kind.check, own, 'checked');
      values.check_date = dateInput(kind.check, 'check_date', date, context);
      const details: Record<string, LineDetail> = {};
      const problems: Problem[] = [];
      for (const [i, line] of (Array.isArray(lines) ? lines : lines === undefined ? [] : [null]).entries()) {
        const { meter_no: meter, ...detail } = asObject(line);
        if (typeof meter !== 'string' || meter.trim() === '') {
          problems.push({ kind: 'required', form: fieldCheckLines.key, field: 'meter_no', row: i + 1 });
          continue;
        }
        try {
          details[meter.trim()] = validPart(fieldCheckLines, detail);
        } catch (error) {
          if (!(error instanceof KefuError)) throw error;
          problems.push(...error.problems.map((p) => ({ ...p, row: i + 1 })));
        }
      }
      if (problems.length > 0) throw new KefuError(problems);
      return { values, extra: { details } };
    },
    reads: (no) => ({
      [kind.check.key]: rowsWhere(kind.check, 'order_no', [no]),
      [fieldCheckLines.key]: rowsWhere(fieldCheckLines, 'order_no', [no]),
      rules: RULES_QUERY,
    }),
    writes: [kind.check.key, fieldCheckLines.key],
    decide(snapshot, order, prepared, context, at) {
      const record = latestCheck(snapshot, kind, order);
      const id = String(record.values[kind.check.keyField]);
      guardStatus(kind.check, record, ['sampled'], 'check');
      const sample = splitMeters(record.values.sample);
      const details = prepared.extra.details as Record<string, LineDetail>;
      const failed = new Set(splitMeters(prepared.values.failed_meters));
      for (const [meter, detail] of Object.entries(details)) {
        const items = Array.isArray(detail.items_failed) ? detail.items_failed : [];
        if (items.length > 0 || detail.correspondence_ok === false) failed.add(meter);
      }
      const outside = [...failed].filter((m) => !sample.includes(m));
      if (outside.length > 0) {
        throw new KefuError(outside.map((value) => ({ kind: 'meterNotInSample' as const, form: kind.check.key, field: 'failed_meters', params: { record: id, value, sample: joinMeters(sample) } })));
      }
      const lines = live(snapshot, fieldCheckLines, 'check_no', id);
      const updates: RecordUpdate[] = [];
      const audit: AuditEntry[] = [];
      const itemsFailed = new Set<string>();
      let correspondenceFailures = 0;
      for (const line of lines) {
        const meter = String(line.values.meter_no);
        const detail = details[meter] ?? {};
        const items = Array.isArray(detail.items_failed) ? (detail.items_failed as string[]) : [];
        items.forEach((item) => itemsFailed.add(item));
        const corresponds = kindName === 'batch' ? detail.correspondence_ok !== false : null;
        if (corresponds === false) correspondenceFailures += 1;
        const change = changeRecord(
          fieldCheckLines,
          line,
          { result: failed.has(meter) ? 'fail' : 'pass', items_failed: items.length > 0 ? items : null, correspondence_ok: corresponds },
          context,
          'check',
          at,
        );
        if (change.update) updates.push(change.update);
        audit.push(...change.audit);
      }
      const checked = lines.length;
      const passed = lines.filter((l) => !failed.has(String(l.values.meter_no))).length;
      const recordValues: RecordValues = {
        ...prepared.values,
        failed_meters: failed.size > 0 ? joinMeters(canonicalMeters([...failed])) : null,
        passed,
        items_failed: itemsFailed.size > 0 ? [...itemsFailed] : null,
        ...(kindName === 'batch' ? { correspondence_failures: correspondenceFailures } : {}),
        status: 'checked',
      };
      const rec = changeRecord(kind.check, record, recordValues, context, 'check', at);
      // A rotation passes or goes to rectification now; a batch install waits for the three signatures.
      const rules = rulesFor(snapshot, order, String(prepared.values.check_date));
      const status = kindName === 'batch' ? 'completed' : meetsRate(passed, checked, rules.values[kind.passRule]) ? 'field_checked' : 'rectification';
      const own = changeRecord(kind.order, order, { field_checked: checked, field_passed: passed, status }, context, 'check', at);
      return {
        status,
        changes: {
          updates: [...(own.update ? [own.update] : []), ...(rec.update ? [rec.update] : []), ...updates],
          audit: [...own.audit, ...rec.audit, ...audit],
        },
      };
    },
  });
}

// ————————————————————————————————————————— sign (F21)

const SIGNATURES = ['construction_sign', 'inspection_sign', 'property_sign'] as const;

const signInvestigation = orderStep({
  kind: KINDS.batch,
  action: 'sign',
  from: ['completed'],
  to: ['field_checked', 'rectification'],
  fieldsForm: investigations,
  fields: [...SIGNATURES],
  prepare: (fields) => ({ values: validated(investigations, fields, 'signed') }),
  reads: (no) => ({ [investigations.key]: rowsWhere(investigations, 'order_no', [no]), rules: RULES_QUERY }),
  writes: [investigations.key],
  decide(snapshot, order, prepared, context, at) {
    const record = latestCheck(snapshot, KINDS.batch, order);
    guardStatus(investigations, record, ['checked'], 'sign');
    const rec = changeRecord(investigations, record, { ...prepared.values, status: 'signed' }, context, 'sign', at);
    const rules = rulesFor(snapshot, order, at.slice(0, 10));
    const passed = Number(order.values.field_passed ?? 0);
    const checked = Number(order.values.field_checked ?? 0);
    const status = meetsRate(passed, checked, rules.values.batch_field_pass_pct) ? 'field_checked' : 'rectification';
    const own = changeRecord(batchInstalls, order, { status }, context, 'sign', at);
    return { status, changes: { updates: [...(own.update ? [own.update] : []), ...(rec.update ? [rec.update] : [])], audit: [...own.audit, ...rec.audit] } };
  },
});

// ————————————————————————————————————————— collection verification (F22)

function verifyCollection(kindName: OrderKind): DeskStep<Prepared> {
  const kind = KINDS[kindName];
  const fields = ['process_end_date', 'users_total', 'users_collected', 'checker', 'check_date'];
  return orderStep({
    kind,
    action: 'verify-collection',
    from: ['field_checked'],
    to: ['collection_verified', 'rectification'],
    fieldsForm: collectionChecks,
    fields,
    prepare(input) {
      const values = validated(collectionChecks, { ...input, work_kind: kind.workKind, order_no: 'x' });
      const total = Number(values.users_total);
      const collected = Number(values.users_collected);
      if (collected > total) throw new KefuError([{ kind: 'collectedAboveTotal', form: collectionChecks.key, field: 'users_collected', params: { value: collected, total } }]);
      return { values };
    },
    reads: () => ({ rules: RULES_QUERY }),
    writes: [collectionChecks.key],
    decide(snapshot, order, prepared, context, at) {
      const no = prepared.no;
      const id = `${no}-CJ${seqOf(order.values.collection_check_no, 'CJ') + 1}`;
      const made: Record<string, DomainValue> = { ...prepared.values, entry_id: id, order_no: no, work_kind: kind.workKind, ...common(context, at) };
      const total = Number(prepared.values.users_total);
      const collected = Number(prepared.values.users_collected);
      const rules = rulesFor(snapshot, order, String(prepared.values.check_date));
      const status = meetsRate(collected, total, rules.values.collection_pass_pct) ? 'collection_verified' : 'rectification';
      const own = changeRecord(kind.order, order, { collection_total: total, collection_ok: collected, collection_check_no: id, status }, context, 'verify-collection', at);
      return {
        status,
        created: id,
        changes: { appends: { [collectionChecks.key]: [made] }, updates: own.update ? [own.update] : [], audit: [createdAudit(collectionChecks, made, context, at), ...own.audit] },
      };
    },
  });
}

// ————————————————————————————————————————— rectification, assessment, closing

function rectify(kindName: OrderKind): DeskStep<Prepared> {
  const kind = KINDS[kindName];
  return orderStep({
    kind,
    action: 'rectify',
    from: ['rectification'],
    to: ['completed', 'field_checked'],
    fieldsForm: kind.order,
    fields: ['rectified_on', 'rectification_note'],
    prepare: (fields) => ({ values: validated(kind.order, fields, 'rectification') }),
    reads: () => ({}),
    writes: [],
    decide(_snapshot, order, prepared, context, at) {
      // A failed collection check is re-checked from FieldChecked; a failed field check from Completed (a new sample).
      const status = String(order.values.collection_check_no ?? '') !== '' ? 'field_checked' : 'completed';
      const own = changeRecord(kind.order, order, { ...prepared.values, status }, context, 'rectify', at);
      return { status, changes: { updates: own.update ? [own.update] : [], audit: own.audit } };
    },
  });
}

function simple(kindName: OrderKind, action: 'assess' | 'close', from: string, to: string): DeskStep {
  return stepOperation({ form: KINDS[kindName].order, action, from: [from], to });
}

function steps(kindName: OrderKind): Record<string, DeskStep> {
  return {
    sample: sampleStep(kindName),
    check: checkStep(kindName),
    ...(kindName === 'batch' ? { sign: signInvestigation } : {}),
    'verify-collection': verifyCollection(kindName),
    rectify: rectify(kindName),
    assess: simple(kindName, 'assess', 'collection_verified', 'assessed'),
    close: simple(kindName, 'close', 'assessed', 'closed'),
  };
}

/** The field-check steps of a rotation order (W8 after Completed), by action. */
export const ROTATION_CHECK_STEPS: Readonly<Record<string, DeskStep>> = steps('rotation');
/** The field-check steps of a batch-install order (W8 after Completed, with the investigation's three signatures), by action. */
export const BATCH_CHECK_STEPS: Readonly<Record<string, DeskStep>> = steps('batch');

// ————————————————————————————————————————— kefu sample, kefu check and the to-do queue

/** What `kefu sample` and the check read of an order: the order, its meters, its check records. */
export function sampleRequest(kindName: OrderKind, orderNo: string): SnapshotRequest {
  const kind = KINDS[kindName];
  return {
    tables: {
      [kind.order.key]: lookup(kind.order, [orderNo]),
      [installationSheets.key]: rowsWhere(installationSheets, 'parent_order_no', [orderNo]),
      [kind.check.key]: rowsWhere(kind.check, 'order_no', [orderNo]),
    },
  };
}

export interface SampleReport {
  readonly record: string;
  readonly seed: string;
  readonly rule: string;
  readonly recorded: readonly string[];
  readonly redrawn: readonly string[];
  /** Redrawn but not recorded, recorded but not redrawn. */
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly problem?: Problem;
}

/** Each recorded sample of the order beside the one its seed and rule version redraw now. */
export function verifySamples(snapshot: Snapshot, kindName: OrderKind, orderNo: string): SampleReport[] {
  const kind = KINDS[kindName];
  const records = live(snapshot, kind.check, 'order_no', orderNo);
  if (records.length === 0) throw new KefuError([{ kind: 'sampleNone', form: kind.order.key, params: { record: orderNo } }]);
  const meters = orderMeters(snapshot, orderNo, kindName);
  return records.map((row) => {
    const record = String(row.values[kind.check.keyField]);
    const seed = String(row.values.sample_seed ?? '');
    const rule = String(row.values.sample_rule ?? '');
    const recorded = splitMeters(row.values.sample);
    const at = { form: kind.check.key, row: sheetRow(row), field: 'sample' };
    if (!SAMPLE_RULES.includes(rule)) {
      return { record, seed, rule, recorded, redrawn: [], missing: [], extra: [], problem: { kind: 'sampleRuleUnknown', ...at, field: 'sample_rule', params: { record, rule } } };
    }
    const redrawn = redraw(row.values, meters, kindName);
    const missing = redrawn.filter((m) => !recorded.includes(m));
    const extra = recorded.filter((m) => !redrawn.includes(m));
    const problem: Problem | undefined =
      missing.length + extra.length > 0 ? { kind: 'sampleMismatch', ...at, params: { record, seed, rule, missing: joinMeters(missing) || '—', extra: joinMeters(extra) || '—' } } : undefined;
    return { record, seed, rule, recorded, redrawn, missing, extra, problem };
  });
}

/**
 * The guard violations of the field checks for `kefu check` (the lead plugs them into the W8
 * workflows' `check`): an order field checked (or later) whose latest check record is missing,
 * not checked, or below the pass threshold of the rules; an investigation of such an order not
 * signed by all three; a recorded sample that does not redraw from its seed.
 */
export function fieldCheckProblems(snapshot: Snapshot, kindName: OrderKind): Problem[] {
  const kind = KINDS[kindName];
  const problems: Problem[] = [];
  const checks = new Map((snapshot.tables[kind.check.key] ?? []).map((r) => [String(r.values[kind.check.keyField]), r]));
  let versions: RuleVersion[] | undefined;
  try {
    versions = parseRules(snapshot.tables.rules ?? []);
  } catch {
    versions = undefined; // the performance check reports a bad rules table
  }
  const passedStatuses = ['field_checked', 'collection_verified', 'assessed', 'closed'];
  for (const order of snapshot.tables[kind.order.key] ?? []) {
    if (order.values.voided === true || !passedStatuses.includes(String(order.values.status))) continue;
    const no = String(order.values.order_no);
    const checkNo = String(order.values.field_check_no ?? '');
    // An order imported with its counts (the marketing system's export, finance's CSV) has no
    // check record of ours: its counts are the import's. Only orders checked here are checked.
    if (checkNo === '') continue;
    const record = checks.get(checkNo);
    const at = { form: kind.order.key, row: sheetRow(order), field: 'field_check_no' };
    const done = kindName === 'batch' ? 'signed' : 'checked';
    if (!record || record.values.voided === true || record.values.status !== done) {
      problems.push({ kind: 'fieldCheckMissing', ...at, params: { record: no, value: checkNo || '—' } });
      continue;
    }
    if (kindName === 'batch') {
      const missing = SIGNATURES.filter((s) => !record.values[`${s}_by`] || !record.values[`${s}_at`]);
      if (missing.length > 0) {
        const labels = missing.map((s) => columnsOf(investigations).find((c) => c.key === `${s}_by`)?.label ?? { 'zh-CN': s, 'zh-TW': s, 'en-US': s });
        problems.push({
          kind: 'investigationUnsigned',
          form: investigations.key,
          row: sheetRow(record),
          field: `${missing[0]}_by`,
          params: {
            record: no,
            value: checkNo,
            ...localized('missing', { 'zh-CN': labels.map((l) => l['zh-CN']).join('、'), 'zh-TW': labels.map((l) => l['zh-TW']).join('、'), 'en-US': labels.map((l) => l['en-US']).join(', ') }),
          },
        });
      }
    }
    const passed = Number(order.values.field_passed ?? 0);
    const checked = Number(order.values.field_checked ?? 0);
    const month = String(order.values.done_date ?? record.values.check_date ?? '').slice(0, 7);
    const rules = versions && /^\d{4}-\d{2}$/.test(month) ? versions.filter((v) => v.effectiveFrom <= `${month}-01`).pop() : undefined;
    if (rules && !meetsRate(passed, checked, rules.values[kind.passRule])) {
      problems.push({ kind: 'fieldCheckBelow', ...at, field: 'field_passed', params: { record: no, passed, checked, threshold: pct(rules.values[kind.passRule]) } });
    }
  }
  // Every recorded sample redraws from its seed (the order's meters read with it).
  for (const order of snapshot.tables[kind.order.key] ?? []) {
    if (order.values.voided === true) continue;
    const no = String(order.values.order_no);
    if (!live(snapshot, kind.check, 'order_no', no).length || !live(snapshot, installationSheets, 'parent_order_no', no).length) continue;
    try {
      for (const report of verifySamples(snapshot, kindName, no)) if (report.problem) problems.push(report.problem);
    } catch (error) {
      if (!(error instanceof KefuError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems;
}

/** The tables fieldCheckProblems reads (whole). */
export function fieldCheckReads(kindName: OrderKind): FormDecl[] {
  const kind = KINDS[kindName];
  return [kind.order, kind.check, installationSheets, collectionChecks];
}

/** Days a team has to rectify after a failed field check or collection verification (T: the seed sets no deadline). */
export const RECTIFICATION_DAYS = 7;

/** What the queue calls a rectification it lists. */
export const RECTIFICATION_RULES: readonly CodeDecl[] = [c('rectification', '整改', '整改', 'Rectification')];

/** The date a record of `form` numbered `no` was checked on (its check_date), if the snapshot holds it. */
function checkedOn(snapshot: Snapshot, form: FormDecl, no: string): string | undefined {
  if (no === '') return undefined;
  const row = (snapshot.tables[form.key] ?? []).find((r) => r.values[form.keyField] === no);
  const date = row?.values.check_date;
  return typeof date === 'string' && date !== '' ? date.slice(0, 10) : undefined;
}

/**
 * Open rectifications for the to-do queue: each order in rectification, due RECTIFICATION_DAYS
 * after the check that failed (the collection verification when one was recorded after the field
 * check, else the spot check or investigation), at the end of that day.
 */
export function rectificationItems(snapshot: Snapshot, kindName: OrderKind, now: string): DueItem[] {
  const kind = KINDS[kindName];
  return (snapshot.tables[kind.order.key] ?? [])
    .filter((r) => r.values.voided !== true && r.values.status === 'rectification')
    .map((r) => {
      const collection = checkedOn(snapshot, collectionChecks, String(r.values.collection_check_no ?? ''));
      const field = checkedOn(snapshot, kind.check, String(r.values.field_check_no ?? ''));
      const failedOn = collection ?? field ?? String(r.values.done_date ?? now.slice(0, 10));
      const due = `${addDays(failedOn, RECTIFICATION_DAYS)} 23:59`;
      return {
        table: kind.order.key,
        record: String(r.values.order_no),
        row: sheetRow(r),
        status: 'rectification',
        subject: String(r.values.collection_check_no || r.values.field_check_no || ''),
        person: String(r.values.team_code ?? r.values.workers ?? ''),
        rule: 'rectification',
        due,
        overdue: isOverdue(due, now),
        minutesLate: minutesLate(due, now),
      };
    });
}
