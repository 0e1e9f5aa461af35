import { SAFETY_TARGETS } from '../forms/codes';
import { REPORT_RECIPIENTS, accidentReports as F28, accidentVerbalReports as F25, accidentWrittenReports as F26 } from '../forms/accidents';
import { workers } from '../forms/performance';
import { formatNumber, periodOf, type SequenceNumbering } from '../ledger/numbering';
import type { DomainValue } from '../ledger/cells';
import type { Claim, LedgerRow, Snapshot, SnapshotRequest } from '../ledger/types';
import { KefuError } from '../core/problems';
import { createdAudit } from './deskSteps';
import type { Operation } from './records';

/*
 * F28, the monthly and yearly accident reports the outsourcing unit sends (P3-3, P3-6.3): for a
 * month or a year and each outsourcing unit, the accidents that occurred in it, counted against the
 * seed's seven safety targets as each written report judged them (`targets_hit`: an accident outside
 * every target's qualifier is in the total, against none), a "zero" report when there were none,
 * and the three recipients. Pure: `accidentReportsFrom` works on a snapshot; `recordAccidentReport`
 * appends the F28 row (SGR-YYYY-NNN) of one unit, refused when the period was already reported.
 */

export type ReportKind = 'monthly' | 'yearly';

export interface ReportPeriod {
  readonly kind: ReportKind;
  readonly year: number;
  /** 1–12 for a monthly report. */
  readonly month?: number;
}

/** The period of `--month YYYY-MM` or `--year YYYY`, or undefined when the text is neither. */
export function parseReportPeriod(text: string): ReportPeriod | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return undefined;
  if (m[2] === undefined) return { kind: 'yearly', year };
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { kind: 'monthly', year, month } : undefined;
}

/** 'YYYY-MM' or 'YYYY': the prefix of the dates in the period. */
export function periodText(period: ReportPeriod): string {
  return period.kind === 'monthly' ? `${period.year}-${String(period.month).padStart(2, '0')}` : String(period.year);
}

/** One accident as the report lists it. */
export interface ReportedAccident {
  readonly accidentNo: string;
  readonly occurredAt: string;
  readonly reportingUnit: string;
  readonly place: string;
  readonly summary: string;
  readonly status: string;
  /** The targets it counts against (codes of SAFETY_TARGETS); empty: reported, counted against none. */
  readonly targets: readonly string[];
  /** Whether its written report (F26) is recorded: without it no target is known yet. */
  readonly written: boolean;
}

export interface VendorAccidentReport {
  readonly vendor: string;
  readonly period: ReportPeriod;
  readonly total: number;
  /** Accidents per target code, every target present (0 when none). */
  readonly counts: Readonly<Record<string, number>>;
  /** Accidents in the total counted against no target. */
  readonly outsideTargets: number;
  readonly accidents: readonly ReportedAccident[];
  /** No accident in the period: the "zero" report. */
  readonly zero: boolean;
  /** The three recipients' codes (REPORT_RECIPIENTS). */
  readonly recipients: readonly string[];
}

const columns = (keys: readonly string[]) => ({ columns: keys, rows: 'all' as const });

/** What a report reads: the accidents, their written reports, the outsourcing units of the roster and the reports already sent. */
export function accidentReportRequest(): SnapshotRequest {
  return {
    tables: {
      [F25.key]: columns(['accident_no', 'vendor_code', 'reporting_unit', 'occurred_at', 'place', 'summary', 'status', 'voided']),
      [F26.key]: columns(['accident_no', 'targets_hit', 'voided']),
      [workers.key]: columns(['vendor_code', 'voided']),
      [F28.key]: columns(['report_no', 'report_kind', 'period_year', 'period_month', 'vendor_code', 'report_date', 'voided']),
    },
  };
}

function str(value: DomainValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function live(snapshot: Snapshot, table: string): readonly LedgerRow[] {
  return (snapshot.tables[table] ?? []).filter((r) => r.values.voided !== true);
}

/** The outsourcing units a report is made for: `vendor` alone, else every unit of the roster or of an accident. */
export function reportVendors(snapshot: Snapshot, vendor?: string): string[] {
  if (vendor !== undefined) return [vendor];
  const all = new Set<string>();
  for (const row of [...live(snapshot, workers.key), ...live(snapshot, F25.key)]) if (str(row.values.vendor_code) !== '') all.add(str(row.values.vendor_code));
  if (all.size === 0) throw new KefuError([{ kind: 'accidentReportNoVendor' }]);
  return [...all].sort();
}

/** The report of each outsourcing unit for the period (one for `vendor` when given, a zero report if it had no accident). */
export function accidentReportsFrom(snapshot: Snapshot, period: ReportPeriod, vendor?: string): VendorAccidentReport[] {
  const prefix = periodText(period);
  const targetsOf = new Map<string, string[]>();
  for (const row of live(snapshot, F26.key)) {
    const targets = row.values.targets_hit;
    targetsOf.set(str(row.values.accident_no), Array.isArray(targets) ? targets.map(String) : []);
  }
  return reportVendors(snapshot, vendor).map((code) => {
    const accidents: ReportedAccident[] = live(snapshot, F25.key)
      .filter((r) => str(r.values.vendor_code) === code && str(r.values.occurred_at).startsWith(prefix) && str(r.values.accident_no) !== '')
      .map((r) => {
        const no = str(r.values.accident_no);
        const targets = targetsOf.get(no);
        return {
          accidentNo: no,
          occurredAt: str(r.values.occurred_at),
          reportingUnit: str(r.values.reporting_unit),
          place: str(r.values.place),
          summary: str(r.values.summary),
          status: str(r.values.status),
          targets: SAFETY_TARGETS.map((t) => t.code).filter((target) => targets?.includes(target)),
          written: targets !== undefined,
        };
      })
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.accidentNo.localeCompare(b.accidentNo));
    const counts = Object.fromEntries(SAFETY_TARGETS.map((t) => [t.code, accidents.filter((a) => a.targets.includes(t.code)).length]));
    return {
      vendor: code,
      period,
      total: accidents.length,
      counts,
      outsideTargets: accidents.filter((a) => a.targets.length === 0).length,
      accidents,
      zero: accidents.length === 0,
      recipients: REPORT_RECIPIENTS.map((r) => r.code),
    };
  });
}

/** The report already sent for the period and unit (not void), if any. */
export function existingReport(snapshot: Snapshot, period: ReportPeriod, vendor: string): LedgerRow | undefined {
  return live(snapshot, F28.key).find(
    (r) =>
      str(r.values.vendor_code) === vendor &&
      r.values.report_kind === period.kind &&
      Number(r.values.period_year) === period.year &&
      (period.kind === 'yearly' || Number(r.values.period_month) === period.month),
  );
}

/** The refusal of a report sent before, naming it. */
export function reportExistsProblem(row: LedgerRow, period: ReportPeriod, vendor: string) {
  return {
    kind: 'accidentReportExists' as const,
    form: F28.key,
    row: row.ref.row + 1,
    field: 'report_no',
    params: { vendor, period: periodText(period), report: str(row.values.report_no), date: str(row.values.report_date) },
  };
}

export interface RecordReportInput {
  readonly period: ReportPeriod;
  readonly vendor: string;
}

export interface RecordedReport {
  readonly number: string;
  readonly report: VendorAccidentReport;
}

const numbering = F28.numbering as SequenceNumbering;

/**
 * Records one unit's report for the period in F28 (SGR-YYYY-NNN for the year it is sent in): the
 * counts, the accident numbers, the three recipients, who prepared it and when. A second report of
 * the same period and unit is refused, naming the first.
 */
export const recordAccidentReport: Operation<RecordReportInput, RecordReportInput & { readonly claimPeriod: string }, RecordedReport> = {
  prepare(input, context) {
    return { ...input, claimPeriod: periodOf(numbering, context.clock.now()) };
  },
  request(prepared) {
    return { ...accidentReportRequest(), claims: [{ series: numbering.series, period: prepared.claimPeriod }], writes: [F28.key] };
  },
  decide(snapshot, prepared, context) {
    const existing = existingReport(snapshot, prepared.period, prepared.vendor);
    if (existing) throw new KefuError([reportExistsProblem(existing, prepared.period, prepared.vendor)]);
    const [report] = accidentReportsFrom(snapshot, prepared.period, prepared.vendor);
    const claim: Claim | undefined = snapshot.claims[0];
    if (!claim) throw new Error('recordAccidentReport: the ledger returned no claim');
    const number = formatNumber(numbering, claim.period, claim.seq);
    const at = context.clock.now();
    const record: Record<string, DomainValue> = {
      report_no: number,
      report_date: at.slice(0, 10),
      report_kind: prepared.period.kind,
      period_year: prepared.period.year,
      period_month: prepared.period.month ?? null,
      vendor_code: prepared.vendor,
      accident_count: report.total,
      accident_nos: report.accidents.map((a) => a.accidentNo).join(', ') || null,
      ...report.counts,
      sent_to: [...report.recipients],
      prepared_by_by: context.actor.clerk,
      prepared_by_at: at.slice(0, 16),
      created_at: at.slice(0, 16),
      created_by: context.actor.clerk,
      voided: false,
      site: context.actor.site ?? null,
    };
    return {
      changes: { appends: { [F28.key]: [record] }, confirm: [claim], audit: [createdAudit(F28, record, context, at)] },
      result: { number, report },
    };
  },
};
