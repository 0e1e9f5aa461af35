import { c, t, CHANNELS, DEPARTMENTS, SATISFACTION, SUBSTANTIATED } from '../forms/codes';
import type { CodeDecl } from '../forms/types';
import { CLOSED_MEASURE_PROGRESS, complaintMeasures, complaints as complaintsForm, MEASURE_PROGRESS } from '../forms/complaints';
import type { Locale, Text } from '../i18n/locale';
import type { ReportBlock, ReportCell, ReportChart, ReportSheet } from '../ledger/types';
import type { Operation } from './records';
import {
  BUCKETS,
  COMPLAINT_COLUMNS,
  computeYear,
  MEASURE_COLUMNS,
  MONTHS,
  ratioValue,
  REOPENING_COLUMNS,
  type TicketFacts,
  VISIT_COLUMNS_READ,
  type Matrix,
  type Ratio,
  type YearStatistics,
} from './statistics';

/**
 * The yearly complaint statistics sheet (投诉统计表, domain brief §4), blocks top to bottom as the
 * brief lays them out, labels in the workbook's language, native number formats. Written through
 * the ledger's report-sheet part, so the add-in (Office.js) and the command line make the same sheet.
 * The analysis and measures of step 8 come from the measures table (整改措施), open ones carried
 * into each next year's sheet until closed. Three native charts (monthly trend, category Pareto,
 * departments) sit to the right of the blocks in Excel; a file written without Excel shows data
 * bars in the count columns instead.
 */

export const STATISTICS_RULE_VERSION = 'stats-2';

export const STATISTICS_LABELS = {
  title: t('投诉统计表', '投訴統計表', 'Complaint statistics'),
  project: t('项目', '項目', 'Project'),
  year: t('年度', '年度', 'Year'),
  preparedBy: t('编制人', '編製人', 'Prepared by'),
  date: t('编制日期', '編製日期', 'Date'),
  ruleVersion: t('统计口径版本', '統計口徑版本', 'Rule version'),
  headline: t('一、主要指标', '一、主要指標', '1. Headline figures'),
  figure: t('指标', '指標', 'Figure'),
  value: t('数值', '數值', 'Value'),
  count: t('件数', '件數', 'Count'),
  of: t('基数', '基數', 'Out of'),
  share: t('占比', '佔比', 'Share'),
  total: t('投诉总数', '投訴總數', 'Complaints'),
  previous: t('上年投诉总数', '上年投訴總數', 'Previous year'),
  change: t('同比变化', '同比變化', 'Change on previous year'),
  substantiated: t('属实（含部分属实）', '屬實（含部分屬實）', 'Substantiated (incl. partly)'),
  closed: t('年内办结', '年內辦結', 'Closed within the year'),
  onTime: t('按承诺时限办结', '按承諾時限辦結', 'Closed on time (promised)'),
  overdueOpen: t('年末未办结且已超承诺时限', '年末未辦結且已超承諾時限', 'Open at year end, past the promised time'),
  meanHours: t('平均处理时长（小时）', '平均處理時長（小時）', 'Mean handling time (hours)'),
  medianHours: t('处理时长中位数（小时）', '處理時長中位數（小時）', 'Median handling time (hours)'),
  visitRate: t('回访率', '回訪率', 'Return-visit rate'),
  satisfaction: t('满意率（满意＋基本满意）', '滿意率（滿意＋基本滿意）', 'Satisfaction (satisfied + fairly)'),
  reopened: t('重开投诉（重开次数）', '重開投訴（重開次數）', 'Reopened tickets (reopenings)'),
  repeat: t('重复投诉人', '重複投訴人', 'Repeat complainants'),
  monthByCategory: t('二、月份 × 类别', '二、月份 × 類別', '2. Month × category'),
  departmentByCategory: t('三、责任部门 × 类别', '三、責任部門 × 類別', '3. Department × category'),
  substantiatedShare: t('属实率', '屬實率', 'Substantiated'),
  satisfactionShare: t('满意率', '滿意率', 'Satisfaction'),
  channelByMonth: t('四、投诉方式 × 月份', '四、投訴方式 × 月份', '4. Channel × month'),
  hotTopics: t('五、热点问题（前10位）', '五、熱點問題（前10位）', '5. Hot topics (top 10)'),
  rank: t('排名', '排名', 'Rank'),
  subject: t('投诉事项', '投訴事項', 'Subject'),
  cumulative: t('累计占比', '累計佔比', 'Cumulative'),
  otherSubjects: t('其他事项', '其他事項', 'Other subjects'),
  noSubject: t('未填事项', '未填事項', 'No subject'),
  buckets: t('六、处理时长分布', '六、處理時長分佈', '6. Handling time'),
  substantiation: t('七、是否属实 × 类别', '七、是否屬實 × 類別', '7. Substantiated by category'),
  visits: t('八、回访结果 × 责任部门', '八、回訪結果 × 責任部門', '8. Return-visit results by department'),
  visited: t('已回访', '已回訪', 'Visited'),
  category: t('类别', '類別', 'Category'),
  department: t('责任部门', '責任部門', 'Department'),
  month: t('月份', '月份', 'Month'),
  channel: t('投诉方式', '投訴方式', 'Channel'),
  sum: t('合计', '合計', 'Total'),
  none: t('（未填）', '（未填）', '(blank)'),
  categoryPareto: t('类别排序（帕累托）', '類別排序（柏拉圖）', 'Categories by count (Pareto)'),
  measures: t('九、分析及整改措施', '九、分析及整改措施', '9. Analysis and measures'),
  noMeasures: t('（尚无整改措施：请在“整改措施”表中登记）', '（尚無整改措施：請在「整改措施」表中登記）', '(No measures yet: record them in the Measures table)'),
  carried: t('结转', '結轉', 'carried'),
  overdue: t('逾期', '逾期', 'overdue'),
  traceNote: t(
    '每个数字背后的投诉单见“{sheet}”表：按月份、类别、部门等列筛选即得。',
    '每個數字背後的投訴單見「{sheet}」表：按月份、類別、部門等欄篩選即得。',
    'The tickets behind every figure are on the sheet "{sheet}": filter its columns (month, category, department …).',
  ),
  detailHours: t('处理时长（小时）', '處理時長（小時）', 'Handling time (hours)'),
  detailBucket: t('时长分段', '時長分段', 'Handling-time bucket'),
  detailOnTime: t('按承诺时限办结', '按承諾時限辦結', 'Closed on time'),
  detailOverdue: t('年末逾期未办结', '年末逾期未辦結', 'Open, overdue at year end'),
  detailVisit: t('回访结果', '回訪結果', 'Return visit'),
  yes: t('是', '是', 'Yes'),
  no: t('否', '否', 'No'),
  chartMonthly: t('月度投诉趋势（按类别）', '月度投訴趨勢（按類別）', 'Complaints by month and category'),
  chartPareto: t('投诉类别帕累托图', '投訴類別柏拉圖', 'Complaint categories (Pareto)'),
  chartDepartments: t('各责任部门投诉（按类别）', '各責任部門投訴（按類別）', 'Complaints by department and category'),
} satisfies Record<string, Text>;
const L = STATISTICS_LABELS;

export const BUCKET_LABELS: Record<(typeof BUCKETS)[number], Text> = {
  le24h: t('≤24小时', '≤24小時', '≤ 24 h'),
  d1to3: t('1–3天（不含1天）', '1–3天（不含1天）', '(1 d, 3 d]'),
  d3to7: t('3–7天（不含3天）', '3–7天（不含3天）', '(3 d, 7 d]'),
  gt7d: t('7天以上', '7天以上', '> 7 d'),
  open: t('年末未办结', '年末未辦結', 'Open at year end'),
};

const PENDING: CodeDecl = c('pending', '未认定', '未認定', 'Not yet decided');
const CATEGORY_CODES_DECL: readonly CodeDecl[] = complaintsForm.fields.find((f) => f.key === 'category')?.codes ?? [];
const VERDICT_CODES: readonly CodeDecl[] = [...SUBSTANTIATED, PENDING];

/** A code as both sheets show it: its label, "(blank)" for a blank cell, an undeclared value as found. */
function codeLabel(codes: readonly CodeDecl[], code: string, locale: Locale): string {
  return code === '(none)' ? L.none[locale] : (codes.find((x) => x.code === code)?.label[locale] ?? code);
}

/** A remark in parentheses after a word: full-width in Chinese ("2025（结转）"), " (carried)" in English. */
function parenthesized(remark: string, locale: Locale): string {
  return locale === 'en-US' ? ` (${remark})` : `（${remark}）`;
}

/** 'MM' as both sheets show it: "3月", or "03" in English. */
function monthLabel(month: string, locale: Locale): string {
  return locale === 'en-US' ? month : `${Number(month)}月`;
}

/** A complaint column's header, as on the complaint table. */
function complaintLabel(key: string, locale: Locale): string {
  return complaintsForm.fields.find((f) => f.key === key)!.label[locale];
}

/** The sheet listing the tickets behind the figures of a year: "投诉统计明细 2026". */
export function statisticsDetailSheetName(year: number, locale: Locale): string {
  return `${t('投诉统计明细', '投訴統計明細', 'Complaint details')[locale]} ${year}`;
}

/** The sheet's name for a year: "投诉统计 2026". */
export function statisticsSheetName(year: number, locale: Locale): string {
  return `${t('投诉统计', '投訴統計', 'Complaint stats')[locale]} ${year}`;
}

const COUNT = '0';
const PERCENT = '0.0%';
const HOURS = '0.0';

export interface SheetHeader {
  readonly project: string;
  readonly preparedBy: string;
  /** 'YYYY-MM-DD' */
  readonly date: string;
}

export function statisticsSheet(stats: YearStatistics, header: SheetHeader, locale: Locale): ReportSheet {
  const text = (value: string): ReportCell => ({ text: value });
  const n = (value: number): ReportCell => ({ number: value, format: COUNT });
  const pct = (r: Ratio | null | undefined): ReportCell => {
    const v = ratioValue(r);
    return v === null ? text('—') : { number: v, format: PERCENT };
  };
  const hours = (r: Ratio | null): ReportCell => {
    const v = ratioValue(r);
    return v === null ? text('—') : { number: v, format: HOURS };
  };
  const label = (codes: readonly CodeDecl[], code: string): string => codeLabel(codes, code, locale);
  const month = (m: string): string => monthLabel(m, locale);
  const category = (k: string) => label(CATEGORY_CODES_DECL, k);
  const department = (k: string) => label(DEPARTMENTS, k);

  const rows: ReportCell[][] = [];
  const bold: number[] = [];
  const title = (cells: ReportCell[]) => {
    bold.push(rows.length);
    rows.push(cells);
  };
  const blank = () => rows.push([]);
  const dataBars: ReportBlock[] = [];

  title([text(`${L.title[locale]} ${stats.year}`)]);
  rows.push([text(L.project[locale]), text(header.project), text(L.year[locale]), n(stats.year)]);
  rows.push([text(L.preparedBy[locale]), text(header.preparedBy), text(L.date[locale]), text(header.date)]);
  rows.push([text(L.ruleVersion[locale]), text(STATISTICS_RULE_VERSION)]);
  rows.push([text(L.traceNote[locale].replace('{sheet}', statisticsDetailSheetName(stats.year, locale)))]);
  blank();

  const h = stats.headline;
  title([text(L.headline[locale])]);
  title([text(L.figure[locale]), text(L.count[locale]), text(L.of[locale]), text(L.share[locale])]);
  rows.push([text(L.total[locale]), n(h.total.count)]);
  if (h.previousTotal !== undefined && h.change) {
    rows.push([text(L.previous[locale]), n(h.previousTotal)]);
    rows.push([text(L.change[locale]), n(h.change.difference), n(h.previousTotal), pct(h.change.ratio)]);
  }
  rows.push([text(L.substantiated[locale]), n(h.substantiated.count), n(h.substantiated.share.den), pct(h.substantiated.share)]);
  rows.push([text(L.closed[locale]), n(h.closed.count), n(h.closed.share.den), pct(h.closed.share)]);
  rows.push([text(L.onTime[locale]), n(h.onTime.count), n(h.onTime.share.den), pct(h.onTime.share)]);
  // Beside the rate: the open tickets it cannot count yet, though their promised time has passed.
  rows.push([text(L.overdueOpen[locale]), n(h.onTime.overdueOpen.count), n(stats.handlingBuckets.open.count), pct({ num: h.onTime.overdueOpen.count, den: stats.handlingBuckets.open.count })]);
  rows.push([text(L.meanHours[locale]), hours(h.meanHours)]);
  rows.push([text(L.medianHours[locale]), hours(h.medianHours)]);
  rows.push([text(L.visitRate[locale]), n(h.returnVisits.count), n(h.returnVisits.rate.den), pct(h.returnVisits.rate)]);
  rows.push([text(L.satisfaction[locale]), n(h.satisfaction.count), n(h.satisfaction.share.den), pct(h.satisfaction.share)]);
  rows.push([text(L.reopened[locale]), n(h.reopened.count), n(h.reopened.reopenings)]);
  rows.push([text(L.repeat[locale]), n(h.repeatComplainants.count)]);
  blank();

  const matrixBlock = (
    heading: Text,
    corner: Text,
    m: Matrix,
    rowLabel: (k: string) => string,
    columnLabel: (k: string) => string,
    extra?: { headers: string[]; cells: (i: number) => ReportCell[] },
  ): ReportBlock => {
    title([text(heading[locale])]);
    const header = rows.length;
    title([text(corner[locale]), ...m.columns.map((k) => text(columnLabel(k))), text(L.sum[locale]), ...(extra?.headers.map(text) ?? [])]);
    m.rows.forEach((k, i) => {
      rows.push([text(rowLabel(k)), ...m.cells[i].map((x) => n(x.count)), n(m.rowTotals[i].count), ...(extra?.cells(i) ?? [])]);
    });
    rows.push([text(L.sum[locale]), ...m.columnTotals.map((x) => n(x.count)), n(m.total.count)]);
    blank();
    dataBars.push({ row: header + 1, column: m.columns.length + 1, rows: m.rows.length, columns: 1 });
    // The block's header row, row labels and cells (no totals): what a chart draws.
    return { row: header, column: 0, rows: m.rows.length + 1, columns: m.columns.length + 1 };
  };

  const monthly = matrixBlock(L.monthByCategory, L.month, stats.monthByCategory, month, category);

  // The categories by count, most first, with the cumulative share: the Pareto chart's source.
  const byCount = stats.monthByCategory.columns
    .map((k, j) => ({ k, count: stats.monthByCategory.columnTotals[j].count }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count);
  title([text(L.categoryPareto[locale])]);
  const paretoHeader = rows.length;
  // The cumulative share before the share: the chart draws the first three columns.
  title([text(L.category[locale]), text(L.count[locale]), text(L.cumulative[locale]), text(L.share[locale])]);
  let running = 0;
  for (const x of byCount) {
    running += x.count;
    rows.push([text(category(x.k)), n(x.count), pct({ num: running, den: h.total.count }), pct({ num: x.count, den: h.total.count })]);
  }
  blank();
  if (byCount.length > 0) dataBars.push({ row: paretoHeader + 1, column: 1, rows: byCount.length, columns: 1 });
  const pareto: ReportBlock = { row: paretoHeader, column: 0, rows: byCount.length + 1, columns: 3 };

  const departments = matrixBlock(L.departmentByCategory, L.department, stats.departmentByCategory, department, category, {
    headers: [L.share[locale], L.substantiatedShare[locale], L.satisfactionShare[locale]],
    cells: (i) => [pct(stats.departments[i].share), pct(stats.departments[i].substantiated), pct(stats.departments[i].satisfaction)],
  });
  matrixBlock(L.channelByMonth, L.channel, stats.channelByMonth, (k) => label(CHANNELS, k), month);

  title([text(L.hotTopics[locale])]);
  title([text(L.rank[locale]), text(L.subject[locale]), text(L.count[locale]), text(L.share[locale]), text(L.cumulative[locale])]);
  if (stats.hotTopics.top.length > 0) dataBars.push({ row: rows.length, column: 2, rows: stats.hotTopics.top.length, columns: 1 });
  for (const line of stats.hotTopics.top) rows.push([n(line.rank), text(line.subject), n(line.count), pct(line.share), pct(line.cumulative)]);
  const rest = stats.hotTopics.all.slice(stats.hotTopics.top.length);
  if (rest.length > 0) {
    const restCount = rest.reduce((s, l) => s + l.count, 0);
    rows.push([null, text(L.otherSubjects[locale]), n(restCount), pct({ num: restCount, den: stats.hotTopics.withSubject }), pct(rest[rest.length - 1].cumulative)]);
  }
  if (stats.hotTopics.withoutSubject.count > 0) rows.push([null, text(L.noSubject[locale]), n(stats.hotTopics.withoutSubject.count)]);
  blank();

  title([text(L.buckets[locale])]);
  title([text(L.figure[locale]), text(L.count[locale]), text(L.share[locale])]);
  dataBars.push({ row: rows.length, column: 1, rows: BUCKETS.length, columns: 1 });
  for (const b of BUCKETS) {
    rows.push([text(BUCKET_LABELS[b][locale]), n(stats.handlingBuckets[b].count), pct({ num: stats.handlingBuckets[b].count, den: h.total.count })]);
  }
  rows.push([text(L.sum[locale]), n(h.total.count)]);
  blank();

  matrixBlock(L.substantiation, L.category, stats.substantiationByCategory, category, (k) => label(VERDICT_CODES, k));
  matrixBlock(L.visits, L.department, stats.visitsByDepartment, department, (k) => label(SATISFACTION, k), {
    headers: [L.satisfactionShare[locale]],
    cells: (i) => [pct(stats.departments[i].satisfaction)],
  });

  // Step 8: the analysis and the measures, carried ones first.
  title([text(L.measures[locale])]);
  const measureField = (key: string) => complaintMeasures.fields.find((f) => f.key === key)!.label[locale];
  title(['measure_no', 'stats_year', 'finding', 'measure', 'department', 'owner', 'due_on', 'progress', 'closed_on'].map((k) => text(measureField(k))));
  if (stats.measures.length === 0) rows.push([text(L.noMeasures[locale])]);
  for (const m of stats.measures) {
    const open = !CLOSED_MEASURE_PROGRESS.includes(m.progress);
    const late = open && m.dueOn !== '' && m.dueOn < header.date;
    rows.push([
      text(m.measureNo),
      text(m.carried ? `${m.statsYear}${parenthesized(L.carried[locale], locale)}` : String(m.statsYear)),
      text(m.finding),
      text(m.measure),
      text(department(m.department)),
      text(m.owner),
      text(m.dueOn),
      text(label(MEASURE_PROGRESS, m.progress) + (late ? parenthesized(L.overdue[locale], locale) : '')),
      text(m.closedOn),
    ]);
  }

  // Charts to the right of the widest block, one under the other.
  const right = rows.reduce((w, r) => Math.max(w, r.length), 0) + 1;
  const place = (i: number): ReportBlock => ({ row: 1 + i * 20, column: right, rows: 18, columns: 9 });
  const charts: ReportChart[] = [
    { name: 'kefu_stats_monthly', title: L.chartMonthly[locale], kind: 'stackedColumns', source: monthly, placement: place(0) },
    ...(byCount.length > 0 ? [{ name: 'kefu_stats_pareto', title: L.chartPareto[locale], kind: 'pareto' as const, source: pareto, placement: place(1) }] : []),
    { name: 'kefu_stats_departments', title: L.chartDepartments[locale], kind: 'stackedBars', source: departments, placement: place(2) },
  ];

  return {
    name: statisticsSheetName(stats.year, locale),
    rows,
    columnWidths: [26, ...Array.from({ length: 14 }, () => 11)],
    frozenRows: 1,
    boldRows: bold,
    charts,
    dataBars,
  };
}

/**
 * The tickets behind the figures, one row per ticket of the year with every key it is counted
 * under, labelled as on the statistics sheet: filtering a column (or two) gives the tickets of any
 * count there.
 */
export function statisticsDetailSheet(year: number, tickets: readonly TicketFacts[], locale: Locale): ReportSheet {
  const row = detailRow(locale);
  return {
    name: statisticsDetailSheetName(year, locale),
    rows: [detailHeader(locale), ...tickets.map(row)],
    columnWidths: [16, 17, 8, 14, 14, 12, 24, 12, 14, 16, 14, 12, 10],
    frozenRows: 1,
    boldRows: [0],
    autoFilter: true,
  };
}

function detailHeader(locale: Locale): ReportCell[] {
  return [
    complaintLabel('ticket_no', locale),
    complaintLabel('received_at', locale),
    L.month[locale],
    L.category[locale],
    L.department[locale],
    L.channel[locale],
    L.subject[locale],
    // The verdict column is headed as on the sheet's block 7.
    complaintLabel('substantiated', locale),
    L.detailHours[locale],
    L.detailBucket[locale],
    L.detailOnTime[locale],
    L.detailVisit[locale],
    complaintLabel('reopen_count', locale),
  ].map((text) => ({ text }));
}

/** One ticket's row of the detail sheet (label cells made once per locale, shared by every row). */
export function detailRow(locale: Locale): (f: TicketFacts) => ReportCell[] {
  const cells = new Map<readonly CodeDecl[], Map<string, ReportCell>>();
  const label = (codes: readonly CodeDecl[], code: string): ReportCell => {
    const known = cells.get(codes) ?? new Map<string, ReportCell>();
    cells.set(codes, known);
    let cell = known.get(code);
    if (!cell) {
      cell = { text: codeLabel(codes, code, locale) };
      known.set(code, cell);
    }
    return cell;
  };
  const months = new Map(MONTHS.map((m) => [m, { text: monthLabel(m, locale) }]));
  const buckets = new Map(BUCKETS.map((b) => [b, { text: BUCKET_LABELS[b][locale] }]));
  const yes: ReportCell = { text: L.yes[locale] };
  const no: ReportCell = { text: L.no[locale] };
  const overdue: ReportCell = { text: L.detailOverdue[locale] };
  return (f) => [
    { text: f.no },
    { text: f.receivedAt },
    months.get(f.month) ?? { text: f.month },
    label(CATEGORY_CODES_DECL, f.category),
    label(DEPARTMENTS, f.department),
    label(CHANNELS, f.channel),
    { text: f.subject },
    label(VERDICT_CODES, f.verdict),
    f.handlingMinutes === null ? null : { number: f.handlingMinutes / 60, format: HOURS },
    buckets.get(f.bucket)!,
    f.onTime === null ? (f.overdue ? overdue : null) : f.onTime ? yes : no,
    f.visit === '' ? null : label(SATISFACTION, f.visit),
    { number: f.reopenings },
  ];
}

export interface StatisticsRequest {
  readonly year: number;
  /** Write the statistics sheet (the command line writes it into a workbook of its own). */
  readonly sheet: boolean;
  /**
   * Also the detail sheet (default: with the sheet). The command line leaves it out and writes it
   * from the outcome's tickets as it streams the file out, never holding its rows all at once.
   */
  readonly details?: boolean;
}

export interface StatisticsOutcome {
  readonly statistics: YearStatistics;
  readonly sheet: ReportSheet;
  /** The tickets of the year with the keys they are counted under, in ticket-number order. */
  readonly tickets: readonly TicketFacts[];
  /** The tickets behind the figures (statisticsDetailSheet), when asked for. */
  readonly details?: ReportSheet;
}

export function isYear(text: string): boolean {
  return /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100;
}

/**
 * The year's statistics as one operation: read only the columns the figures need (complaints and
 * return visits, and whether the sheet exists) → compute → write the sheet as a report sheet.
 */
export const complaintStatisticsOperation: Operation<StatisticsRequest, StatisticsRequest, StatisticsOutcome> = {
  prepare(input) {
    if (!Number.isInteger(input.year) || !isYear(String(input.year))) throw new Error(`Not a year (YYYY): ${input.year}`);
    return input;
  },
  request(input) {
    return {
      tables: {
        complaints: { columns: [...COMPLAINT_COLUMNS], rows: 'all' },
        return_visits: { columns: [...VISIT_COLUMNS_READ], rows: 'all' },
        complaint_reopenings: { columns: [...REOPENING_COLUMNS], rows: 'all' },
        complaint_measures: { columns: [...MEASURE_COLUMNS], rows: 'all' },
      },
      // The sheet's name depends on the workbook's locale, known only once read: ask for all three.
      sheets: input.sheet
        ? (['zh-CN', 'zh-TW', 'en-US'] as const).flatMap((l) => [statisticsSheetName(input.year, l), ...((input.details ?? true) ? [statisticsDetailSheetName(input.year, l)] : [])])
        : [],
    };
  },
  decide(snapshot, input, context) {
    const complaintRows = (snapshot.tables.complaints ?? []).map((r) => r.values);
    const visitRows = (snapshot.tables.return_visits ?? []).map((r) => r.values);
    const hasPrevious = complaintRows.some((r) => String(r.received_at ?? '').startsWith(`${input.year - 1}-`));
    const measureRows = (snapshot.tables.complaint_measures ?? []).map((r) => r.values);
    const reopeningRows = (snapshot.tables.complaint_reopenings ?? []).map((r) => r.values);
    const { statistics, tickets } = computeYear(complaintRows, visitRows, input.year, hasPrevious ? complaintRows : undefined, measureRows, reopeningRows);
    const sheet = statisticsSheet(statistics, { project: context.actor.site ?? '', preparedBy: context.actor.clerk, date: context.clock.now().slice(0, 10) }, snapshot.locale);
    const details = input.sheet && (input.details ?? true) ? statisticsDetailSheet(input.year, tickets, snapshot.locale) : undefined;
    return { changes: input.sheet ? { sheets: details ? [sheet, details] : [sheet] } : {}, result: { statistics, sheet, tickets, ...(details ? { details } : {}) } };
  },
};
