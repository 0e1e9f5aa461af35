import { c, t } from './codes';
import type { Text } from '../i18n/locale';
import type { CodeDecl, FormDecl } from './types';

/** What a promised time (承诺时限) applies to: one row of the due-rules table each. */
export const DUE_RULE_CODES = [
  c('inquiry_reply', '询问答复', '詢問答復', 'Inquiry: reply'),
  c('issue_verify', '反映问题核实', '反映問題核實', 'Issue report: verification'),
  c('suggestion_compile', '建议汇总', '建議匯總', 'Suggestion: compilation'),
  c('other_escalate', '其他事项处理', '其他事項處理', 'Other: escalation or closure'),
  c('complaint_handle', '投诉处理', '投訴處理', 'Complaint: handling'),
  c('complaint_visit', '投诉回访', '投訴回訪', 'Complaint: return visit after handling'),
  c('repair_complete', '维修完工', '維修完工', 'Repair: completion'),
  c('repair_complete_urgent', '紧急维修完工', '緊急維修完工', 'Urgent repair: completion'),
  c('gear_expiring', '工器具到期提醒', '工器具到期提醒', 'Safety gear: expiry reminder'),
];

/**
 * What the field teams' to-do items wait for (DueItem.rule) besides the settings above (issue 12
 * item 5): deadlines the seed fixes (the notice 15 days ahead, the work on its date) and gear to
 * take out of use. Labels of the to-do queue and of `kefu check`'s overdue warnings.
 */
export const FIELD_DUE_KINDS: readonly CodeDecl[] = [
  c('notice_post', '调表通知单张贴', '調表通知單張貼', 'Rotation: posting the meter-change notice'),
  DUE_RULE_CODES.find((code) => code.code === 'gear_expiring')!,
  c('gear_expired', '过期工器具送检或报废', '過期工器具送檢或報廢', 'Expired safety gear: retest or scrap'),
  c('work_start', '工单按施工日期开工', '工單按施工日期開工', 'Work order: start on the work date'),
  c('rectification', '工单整改复查', '工單整改複查', 'Work order: rectification and re-check'),
];

export const DUE_UNITS = [c('hours', '小时', '小時', 'Hours'), c('working_days', '工作日', '工作日', 'Working days'), c('calendar_days', '自然日', '自然日', 'Calendar days')];

/**
 * 承诺时限表: the promised time of each kind of desk matter (configurable, DESIGN principle 9), and
 * how long before its validity date safety gear appears in the to-do queue (F16, issue 12 item 5).
 */
export const dueRules: FormDecl = {
  key: 'due_rules',
  code: 'DR',
  title: t('承诺时限表', '承諾時限表', 'Promised times'),
  sheet: t('承诺时限', '承諾時限', 'Promised times'),
  clause: 'P1-接待2; P1-投訴5',
  keyField: 'rule',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'rule', type: 'code', codes: DUE_RULE_CODES, label: t('事项', '事項', 'Applies to'), required: true, source: 'T' },
    { key: 'amount', type: 'int', label: t('时限', '時限', 'Time allowed'), required: true, min: 0, max: 1000, source: 'T' },
    { key: 'unit', type: 'code', codes: DUE_UNITS, label: t('单位', '單位', 'Unit'), required: true, source: 'T' },
    { key: 'note', type: 'text', label: t('说明', '說明', 'Note'), maxLength: 200, source: 'T' },
  ],
};

/** 工作日历: public holidays and make-up working days (调休), editable per year. */
export const workCalendar: FormDecl = {
  key: 'work_calendar',
  code: 'CAL',
  title: t('工作日历', '工作日曆', 'Working-day calendar'),
  sheet: t('工作日历', '工作日曆', 'Calendar'),
  clause: 'T',
  keyField: 'date',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'date', type: 'date', label: t('日期', '日期', 'Date'), required: true, source: 'T' },
    {
      key: 'kind',
      type: 'code',
      label: t('类型', '類型', 'Kind'),
      required: true,
      source: 'T',
      codes: [c('holiday', '放假', '放假', 'Holiday'), c('workday', '调休上班', '調休上班', 'Make-up working day')],
      help: t('未列出的日期：周一至周五上班，周六周日休息', '未列出的日期：週一至週五上班，週六週日休息', 'Dates not listed: Monday–Friday work, Saturday and Sunday off'),
    },
    { key: 'name', type: 'text', label: t('名称', '名稱', 'Name'), maxLength: 60, source: 'T' },
  ],
};

/** A row a new ledger's table starts with: plain values, and texts in the workbook's language. */
export type SeedRow = Readonly<Record<string, string | number | Text>>;

/** The promised times a new ledger starts with (T: to confirm with the client). */
export const DUE_RULE_SEED: readonly (SeedRow & { rule: string; amount: number; unit: string; note: Text })[] = [
  {
    rule: 'inquiry_reply',
    amount: 24,
    unit: 'hours',
    note: t('答复“在最短的时间内”（P1-接待2）', '答覆「在最短的時間內」（P1-接待2）', 'Reply "in the shortest time" (P1-Reception 2)'),
  },
  { rule: 'issue_verify', amount: 3, unit: 'working_days', note: t('', '', '') },
  { rule: 'suggestion_compile', amount: 30, unit: 'calendar_days', note: t('定期整理汇总', '定期整理匯總', 'Compiled at regular intervals') },
  { rule: 'other_escalate', amount: 1, unit: 'working_days', note: t('', '', '') },
  { rule: 'complaint_handle', amount: 3, unit: 'working_days', note: t('承诺时限未填写时适用', '承諾時限未填寫時適用', 'Applies when the ticket has no promised time') },
  { rule: 'complaint_visit', amount: 3, unit: 'working_days', note: t('处理完成后3天内回访', '處理完成後3天內回訪', 'Return visit within 3 days of handling') },
  { rule: 'repair_complete', amount: 2, unit: 'working_days', note: t('', '', '') },
  { rule: 'repair_complete_urgent', amount: 4, unit: 'hours', note: t('', '', '') },
  {
    rule: 'gear_expiring',
    amount: 30,
    unit: 'calendar_days',
    note: t('安全工器具在有效期至前多少天列入待办（F16）', '安全工器具在有效期至前多少天列入待辦（F16）', 'How long before its validity date safety gear appears in the to-do list (F16)'),
  },
];

/** The holidays' names, and the make-up working days' (调休) after them. */
const HOLIDAY = {
  newYear: t('元旦', '元旦', "New Year's Day"),
  springFestival: t('春节', '春節', 'Spring Festival'),
  qingming: t('清明节', '清明節', 'Qingming Festival'),
  labourDay: t('劳动节', '勞動節', 'Labour Day'),
  dragonBoat: t('端午节', '端午節', 'Dragon Boat Festival'),
  midAutumn: t('中秋节', '中秋節', 'Mid-Autumn Festival'),
  nationalDay: t('国庆节', '國慶節', 'National Day'),
  nationalDayAndMidAutumn: t('国庆节、中秋节', '國慶節、中秋節', 'National Day and Mid-Autumn Festival'),
} as const satisfies Record<string, Text>;

const makeUp = (holiday: Text): Text => t(`${holiday['zh-CN']}调休`, `${holiday['zh-TW']}調休`, `Make-up working day (${holiday['en-US']})`);
const provisional = (holiday: Text): Text => t(`${holiday['zh-CN']}（暂定）`, `${holiday['zh-TW']}（暫定）`, `${holiday['en-US']} (provisional)`);

function days(from: string, to: string, kind: 'holiday' | 'workday', name: Text): { date: string; kind: string; name: Text }[] {
  const out: { date: string; kind: string; name: Text }[] = [];
  for (let ms = Date.parse(from + 'T00:00:00Z'); ms <= Date.parse(to + 'T00:00:00Z'); ms += 86_400_000) {
    out.push({ date: new Date(ms).toISOString().slice(0, 10), kind, name });
  }
  return out;
}

/**
 * China's public holidays and make-up working days, from the State Council notices (国务院办公厅
 * 关于2025年/2026年部分节假日安排的通知). 2027's notice is not published yet: its rows are the
 * statutory holiday dates only, marked 暂定 (provisional) — replace them when it is.
 */
export const CALENDAR_SEED: readonly (SeedRow & { date: string; kind: string; name: Text })[] = [
  ...days('2025-01-01', '2025-01-01', 'holiday', HOLIDAY.newYear),
  ...days('2025-01-26', '2025-01-26', 'workday', makeUp(HOLIDAY.springFestival)),
  ...days('2025-01-28', '2025-02-04', 'holiday', HOLIDAY.springFestival),
  ...days('2025-02-08', '2025-02-08', 'workday', makeUp(HOLIDAY.springFestival)),
  ...days('2025-04-04', '2025-04-06', 'holiday', HOLIDAY.qingming),
  ...days('2025-04-27', '2025-04-27', 'workday', makeUp(HOLIDAY.labourDay)),
  ...days('2025-05-01', '2025-05-05', 'holiday', HOLIDAY.labourDay),
  ...days('2025-05-31', '2025-06-02', 'holiday', HOLIDAY.dragonBoat),
  ...days('2025-09-28', '2025-09-28', 'workday', makeUp(HOLIDAY.nationalDay)),
  ...days('2025-10-01', '2025-10-08', 'holiday', HOLIDAY.nationalDayAndMidAutumn),
  ...days('2025-10-11', '2025-10-11', 'workday', makeUp(HOLIDAY.nationalDay)),
  ...days('2026-01-01', '2026-01-03', 'holiday', HOLIDAY.newYear),
  ...days('2026-01-04', '2026-01-04', 'workday', makeUp(HOLIDAY.newYear)),
  ...days('2026-02-14', '2026-02-14', 'workday', makeUp(HOLIDAY.springFestival)),
  ...days('2026-02-15', '2026-02-23', 'holiday', HOLIDAY.springFestival),
  ...days('2026-02-28', '2026-02-28', 'workday', makeUp(HOLIDAY.springFestival)),
  ...days('2026-04-04', '2026-04-06', 'holiday', HOLIDAY.qingming),
  ...days('2026-05-01', '2026-05-05', 'holiday', HOLIDAY.labourDay),
  ...days('2026-05-09', '2026-05-09', 'workday', makeUp(HOLIDAY.labourDay)),
  ...days('2026-06-19', '2026-06-21', 'holiday', HOLIDAY.dragonBoat),
  ...days('2026-09-20', '2026-09-20', 'workday', makeUp(HOLIDAY.nationalDay)),
  ...days('2026-09-25', '2026-09-27', 'holiday', HOLIDAY.midAutumn),
  ...days('2026-10-01', '2026-10-07', 'holiday', HOLIDAY.nationalDay),
  ...days('2026-10-10', '2026-10-10', 'workday', makeUp(HOLIDAY.nationalDay)),
  ...days('2027-01-01', '2027-01-01', 'holiday', provisional(HOLIDAY.newYear)),
  ...days('2027-02-05', '2027-02-08', 'holiday', provisional(HOLIDAY.springFestival)),
  ...days('2027-04-05', '2027-04-05', 'holiday', provisional(HOLIDAY.qingming)),
  ...days('2027-05-01', '2027-05-02', 'holiday', provisional(HOLIDAY.labourDay)),
  ...days('2027-06-09', '2027-06-09', 'holiday', provisional(HOLIDAY.dragonBoat)),
  ...days('2027-09-15', '2027-09-15', 'holiday', provisional(HOLIDAY.midAutumn)),
  ...days('2027-10-01', '2027-10-03', 'holiday', provisional(HOLIDAY.nationalDay)),
];
