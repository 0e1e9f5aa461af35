import { c, t, SAFETY_TARGETS } from './codes';
import type { FormDecl } from './types';
import type { Text } from '../i18n/locale';

/** The recipients an accident is reported to at once (P3-6.1). */
const VERBAL_RECIPIENTS = [
  c('work_leader', '工作负责人', '工作負責人', 'Work leader'),
  c('responsible_person', '相关负责人', '相關負責人', 'Responsible person concerned'),
  c('centre_leaders', '中心领导', '中心領導', 'Centre leaders'),
  c('city_company_leaders', '市公司领导', '市公司領導', 'City company leaders'),
  c('local_government', '所在地政府主管部门', '所在地政府主管部門', 'Local government authority'),
  c('other_departments', '其它有关部门', '其它有關部門', 'Other departments concerned'),
];

/** F25 即时报告记录: the immediate verbal report of an accident; it gives the accident its SG number (P3-6.1; workflow W9). */
export const accidentVerbalReports: FormDecl = {
  key: 'accident_verbal_reports',
  code: 'F25',
  title: t('事故即时报告记录', '事故即時報告記錄', 'Immediate accident report log'),
  sheet: t('事故即时报告记录', '事故即時報告記錄', 'Accident verbal reports'),
  clause: 'P3-6.1',
  keyField: 'accident_no',
  numbering: { kind: 'sequence', series: 'SG', format: 'SG-{YYYY}-{NN}', period: 'year', dateField: 'occurred_at' },
  copies: [],
  statuses: [
    c('occurred', '已发生', '已發生', 'Occurred'),
    c('verbally_reported', '已口头报告', '已口頭報告', 'Verbally reported'),
    c('written_reported', '已书面报告', '已書面報告', 'Written report filed'),
    c('under_investigation', '调查处理中', '調查處理中', 'Under investigation'),
    c('closed', '已结案', '已結案', 'Closed'),
  ],
  fields: [
    { key: 'accident_no', type: 'text', label: t('事故编号', '事故編號', 'Accident no.'), required: true, system: true, source: 'T' },
    { key: 'reporting_unit', type: 'text', label: t('事故发生单位', '事故發生單位', 'Reporting unit'), required: true, maxLength: 100, source: 'S' },
    {
      key: 'vendor_code',
      type: 'text',
      label: t('外包单位', '外包單位', 'Outsourcing unit'),
      required: true,
      maxLength: 10,
      source: 'T',
      help: t(
        '外包单位代码（同作业人员名册），事故月报、年报按此汇总',
        '外包單位代碼（同作業人員名冊），事故月報、年報按此彙總',
        'The outsourcing unit’s code (as in the worker roster); the monthly and yearly reports are per unit',
      ),
    },
    { key: 'occurred_at', type: 'datetime', label: t('发生时间', '發生時間', 'Occurred at'), required: true, source: 'S' },
    { key: 'place', type: 'text', label: t('发生地点', '發生地點', 'Place'), required: true, maxLength: 200, source: 'T' },
    { key: 'summary', type: 'longtext', label: t('简要情况', '簡要情況', 'Summary'), required: true, maxLength: 1000, source: 'T' },
    {
      key: 'reported_at',
      type: 'datetime',
      label: t('报告时间', '報告時間', 'Reported at'),
      required: true,
      source: 'S',
      step: 'verbally_reported',
      help: t('必须立即报告；超过1小时标记为迟报', '必須立即報告；超過1小時標記為遲報', 'Report at once; more than 1 hour is flagged late'),
    },
    {
      key: 'report_method',
      type: 'code',
      label: t('报告方式', '報告方式', 'Method'),
      required: true,
      source: 'S',
      step: 'verbally_reported',
      codes: [c('verbal', '口头', '口頭', 'In person'), c('phone', '电话', '電話', 'Phone')],
    },
    {
      key: 'recipients',
      type: 'codes',
      codes: VERBAL_RECIPIENTS,
      label: t('报告对象', '報告對象', 'Reported to'),
      required: true,
      source: 'S',
      step: 'verbally_reported',
      help: t(
        '必要时直接报告中心领导、市公司领导和所在地政府主管部门',
        '必要時直接報告中心領導、市公司領導和所在地政府主管部門',
        'When necessary, also directly to centre and city company leaders and the local government',
      ),
    },
    { key: 'reported_by', type: 'signature', label: t('报告人', '報告人', 'Reported by'), required: true, source: 'T', step: 'verbally_reported' },
    {
      key: 'verbal_minutes',
      type: 'int',
      label: t('事发后报告用时（分钟）', '事發後報告用時（分鐘）', 'Minutes from event to report'),
      system: true,
      min: 0,
      source: 'T',
      step: 'verbally_reported',
    },
    {
      key: 'verbal_late',
      type: 'bool',
      label: t('口头报告迟报', '口頭報告遲報', 'Verbal report late'),
      system: true,
      source: 'T',
      step: 'verbally_reported',
      help: t('事发后超过1小时才报告：照常记录并标记', '事發後超過1小時才報告：照常記錄並標記', 'Reported more than 1 hour after the event: recorded and flagged'),
    },
  ],
};

/** The written-report checklists (F26): the regulation whose list of contents the report follows. */
export const WRITTEN_REPORT_CHECKLISTS = [
  c('state_grid', '国家电网公司安全事故调查规程', '國家電網公司安全事故調查規程', 'State Grid accident investigation code'),
  c('national', '生产安全事故报告和调查处理条例', '生產安全事故報告和調查處理條例', 'National accident reporting regulation'),
];

/** The checklist a written report follows when the clerk names none: the code the seed names (P3-6.2). */
export const DEFAULT_CHECKLIST = 'state_grid';

/** Hours after the event within which the written report is due (P3-6.1: 24小时内). */
export const WRITTEN_REPORT_HOURS = 24;

/** The grades of an accident: the national four, then the State Grid code's own lower levels (五级至八级事件). */
export const ACCIDENT_GRADES = [
  c('especially_major', '特别重大', '特別重大', 'Especially major'),
  c('major', '重大', '重大', 'Major'),
  c('larger', '较大', '較大', 'Larger'),
  c('general', '一般', '一般', 'General'),
  c('level5', '五级事件', '五級事件', 'Level-5 event'),
  c('level6', '六级事件', '六級事件', 'Level-6 event'),
  c('level7', '七级事件', '七級事件', 'Level-7 event'),
  c('level8', '八级事件', '八級事件', 'Level-8 event'),
];

/**
 * F26 书面事故报告: the written report, due within 24 hours of the event (P3-6.1–6.2). The unit,
 * the time and the place are the accident's (F25), copied by the step; the checklist decides what
 * else is required: every item of the brief under the State Grid code (the default), all but the
 * grade under the national regulation (its article 12 lists no grade: the investigation grades).
 */
export const accidentWrittenReports: FormDecl = {
  key: 'accident_written_reports',
  code: 'F26',
  title: t('书面事故报告', '書面事故報告', 'Written accident report'),
  sheet: t('书面事故报告', '書面事故報告', 'Accident written reports'),
  clause: 'P3-6.1–6.2',
  keyField: 'accident_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'accident_no', type: 'ref', ref: 'accident_verbal_reports', label: t('事故编号', '事故編號', 'Accident no.'), required: true, source: 'T' },
    {
      key: 'checklist',
      type: 'code',
      label: t('依据规程', '依據規程', 'Checklist'),
      source: 'T',
      codes: WRITTEN_REPORT_CHECKLISTS,
      help: t('不填按国家电网公司安全事故调查规程', '不填按國家電網公司安全事故調查規程', 'Blank: the State Grid code'),
    },
    {
      key: 'submitted_at',
      type: 'datetime',
      label: t('提交时间', '提交時間', 'Submitted at'),
      required: true,
      source: 'S',
      help: t('事故发生后24小时内提交；逾期照常记录并标记', '事故發生後24小時內提交；逾期照常記錄並標記', 'Due within 24 hours of the accident; a later report is recorded and flagged'),
    },
    { key: 'due_at', type: 'datetime', label: t('应报时间', '應報時間', 'Due by'), system: true, source: 'S' },
    { key: 'written_late', type: 'bool', label: t('书面报告逾期', '書面報告逾期', 'Written report late'), system: true, source: 'T' },
    { key: 'hours_late', type: 'decimal', label: t('逾期小时数', '逾期小時數', 'Hours late'), system: true, min: 0, source: 'T' },
    { key: 'reporting_unit', type: 'text', label: t('事故发生单位', '事故發生單位', 'Reporting unit'), required: true, system: true, maxLength: 100, source: 'S' },
    { key: 'unit_profile', type: 'longtext', label: t('单位概况', '單位概況', 'Unit profile'), required: true, maxLength: 1000, source: 'S' },
    { key: 'occurred_at', type: 'datetime', label: t('发生时间', '發生時間', 'Occurred at'), required: true, system: true, source: 'S' },
    { key: 'place', type: 'text', label: t('发生地点', '發生地點', 'Place'), required: true, system: true, maxLength: 200, source: 'S' },
    { key: 'scene', type: 'longtext', label: t('现场情况', '現場情況', 'Scene'), required: true, maxLength: 2000, source: 'S' },
    { key: 'sequence', type: 'longtext', label: t('事故简要经过', '事故簡要經過', 'Sequence of events'), required: true, maxLength: 4000, source: 'S' },
    { key: 'deaths', type: 'int', label: t('死亡人数', '死亡人數', 'Deaths'), required: true, min: 0, source: 'S' },
    { key: 'injuries', type: 'int', label: t('受伤人数', '受傷人數', 'Injured'), required: true, min: 0, source: 'S' },
    { key: 'missing', type: 'int', label: t('失踪人数', '失蹤人數', 'Missing'), required: true, min: 0, source: 'S' },
    { key: 'direct_loss', type: 'money', label: t('估计直接经济损失', '估計直接經濟損失', 'Estimated direct loss'), required: true, min: 0, source: 'S' },
    { key: 'measures', type: 'longtext', label: t('已采取的措施', '已採取的措施', 'Measures taken'), required: true, maxLength: 2000, source: 'S' },
    {
      key: 'grade',
      type: 'code',
      label: t('事故等级', '事故等級', 'Grade'),
      required: { when: { field: 'checklist', in: ['state_grid'] } },
      source: 'S',
      codes: ACCIDENT_GRADES,
    },
    {
      key: 'targets_hit',
      type: 'codes',
      codes: SAFETY_TARGETS,
      label: t('涉及安全文明施工目标', '涉及安全文明施工目標', 'Safety targets concerned'),
      source: 'T',
      help: t(
        '不属于任何目标限定范围的事故仍须上报，但不计入目标',
        '不屬於任何目標限定範圍的事故仍須上報，但不計入目標',
        'An accident outside every target still gets reported but counts against none',
      ),
    },
    { key: 'submitted_by', type: 'signature', label: t('报告人', '報告人', 'Submitted by'), required: true, source: 'T' },
  ],
};

/**
 * F27 调查处理记录: the 四不放过 investigation of an accident (P3-6.1–6.2; workflow W9). Its four
 * items, each ticked with its evidence and date, are all required to close the accident.
 */
export const accidentInvestigations: FormDecl = {
  key: 'accident_investigations',
  code: 'F27',
  title: t('事故调查处理记录', '事故調查處理記錄', 'Accident investigation and handling record'),
  sheet: t('事故调查处理记录', '事故調查處理記錄', 'Accident investigations'),
  clause: 'P3-6.1–6.2',
  keyField: 'accident_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [c('under_investigation', '调查处理中', '調查處理中', 'Under investigation'), c('closed', '已结案', '已結案', 'Closed')],
  fields: [
    { key: 'accident_no', type: 'ref', ref: 'accident_verbal_reports', label: t('事故编号', '事故編號', 'Accident no.'), required: true, source: 'T' },
    { key: 'investigator', type: 'text', label: t('调查负责人', '調查負責人', 'Lead investigator'), required: true, maxLength: 50, source: 'T' },
    {
      key: 'cause_established',
      type: 'bool',
      label: t('原因已查清', '原因已查清', 'Cause established'),
      required: true,
      source: 'S',
      step: 'closed',
      help: t('四不放过：四项全部为“是”方可结案', '四不放過：四項全部為「是」方可結案', 'Four no-lets-go: all four must be Yes to close'),
    },
    {
      key: 'cause_evidence',
      type: 'longtext',
      label: t('原因及依据', '原因及依據', 'Cause and evidence'),
      required: true,
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'cause_date',
      type: 'date',
      label: t('查清日期', '查清日期', 'Established on'),
      required: true,
      source: 'S',
      step: 'closed',
    },
    { key: 'persons_dealt', type: 'bool', label: t('责任人员已处理', '責任人員已處理', 'Responsible persons dealt with'), required: true, source: 'S', step: 'closed' },
    {
      key: 'persons_evidence',
      type: 'longtext',
      label: t('处理情况及依据', '處理情況及依據', 'Action taken and evidence'),
      required: true,
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'persons_date',
      type: 'date',
      label: t('处理日期', '處理日期', 'Dealt with on'),
      required: true,
      source: 'S',
      step: 'closed',
    },
    { key: 'measures_done', type: 'bool', label: t('整改措施已落实', '整改措施已落實', 'Corrective measures implemented'), required: true, source: 'S', step: 'closed' },
    {
      key: 'measures_evidence',
      type: 'longtext',
      label: t('整改措施及依据', '整改措施及依據', 'Measures and evidence'),
      required: true,
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'measures_date',
      type: 'date',
      label: t('落实日期', '落實日期', 'Implemented on'),
      required: true,
      source: 'S',
      step: 'closed',
    },
    { key: 'staff_educated', type: 'bool', label: t('有关人员已受教育', '有關人員已受教育', 'Staff educated'), required: true, source: 'S', step: 'closed' },
    {
      key: 'education_evidence',
      type: 'longtext',
      label: t('教育情况及依据', '教育情況及依據', 'Education and evidence'),
      required: true,
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'education_date',
      type: 'date',
      label: t('教育日期', '教育日期', 'Educated on'),
      required: true,
      source: 'S',
      step: 'closed',
    },
  ],
};

/**
 * The four 四不放过 items of F27, in order: the tick, its evidence and its date, and how the
 * principle is worded (原因未查清不放过 …).
 */
export const FOUR_NO_LET_GO = [
  { item: 'cause_established', evidence: 'cause_evidence', date: 'cause_date', principle: t('原因未查清不放过', '原因未查清不放過', 'cause not established') },
  { item: 'persons_dealt', evidence: 'persons_evidence', date: 'persons_date', principle: t('责任人员未处理不放过', '責任人員未處理不放過', 'responsible persons not dealt with') },
  { item: 'measures_done', evidence: 'measures_evidence', date: 'measures_date', principle: t('整改措施未落实不放过', '整改措施未落實不放過', 'corrective measures not implemented') },
  { item: 'staff_educated', evidence: 'education_evidence', date: 'education_date', principle: t('有关人员未受教育不放过', '有關人員未受教育不放過', 'staff concerned not educated') },
] as const;

/**
 * What brings an accident under each of the seed's seven targets (P3-3): an accident outside a
 * target's qualifier is reported but not counted against it. The written report's `targets_hit`
 * records the judgement; the serious-casualty qualifier is also checked against the grade and the
 * casualties (SERIOUS_GRADES).
 */
export const TARGET_QUALIFIERS: Readonly<Record<string, Text>> = {
  serious_casualty: t('较大及以上等级，且有人员伤亡或失踪', '較大及以上等級，且有人員傷亡或失蹤', 'grade Larger or above, with people killed, injured or missing'),
  grid_outage: t('由外包队伍施工导致的电网停电或设备事故', '由外包隊伍施工導致的電網停電或設備事故', 'a grid outage or equipment accident caused by the outsourced team’s work'),
  equipment_damage: t('工程设备损坏', '工程設備損壞', 'engineering equipment damaged'),
  fire: t('发生火灾', '發生火災', 'a fire'),
  construction_complaint: t('由于施工产生的投诉事件', '由於施工產生的投訴事件', 'a complaint arising from the work'),
  pollution: t('施工造成的环境污染', '施工造成的環境污染', 'environmental pollution caused by the work'),
  traffic: t('重大交通事故，且外包队伍负主要责任', '重大交通事故，且外包隊伍負主要責任', 'a major traffic accident for which the team bears the main responsibility'),
};

/** The grades that make an accident with casualties count against the serious-casualty target (较大 and above). */
export const SERIOUS_GRADES: readonly string[] = ['larger', 'major', 'especially_major'];

/** The three recipients of every monthly and yearly accident report (P3-6.3). */
export const REPORT_RECIPIENTS = [
  c('local_safety_supervision', '当地政府安全监督部门', '當地政府安全監督部門', 'Local government safety supervision'),
  c('superior_authority', '上级主管部门', '上級主管部門', 'Superior authority'),
  c('centre_safety_inspection', '中心安检部门', '中心安檢部門', "Centre's safety inspection dept"),
];

/** F28 事故月报/年报: the outsourcing unit's monthly or yearly accident report (P3-3, P3-6.3). */
export const accidentReports: FormDecl = {
  key: 'accident_reports',
  code: 'F28',
  title: t('事故月报/年报', '事故月報/年報', 'Monthly or yearly accident report'),
  sheet: t('事故月报年报', '事故月報年報', 'Accident reports'),
  clause: 'P3-3, P3-6.3',
  keyField: 'report_no',
  numbering: { kind: 'sequence', series: 'SGR', format: 'SGR-{YYYY}-{NNN}', period: 'year', dateField: 'report_date' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'report_no', type: 'text', label: t('报告编号', '報告編號', 'Report no.'), required: true, system: true, source: 'T' },
    { key: 'report_date', type: 'date', label: t('报送日期', '報送日期', 'Report date'), required: true, source: 'S' },
    {
      key: 'report_kind',
      type: 'code',
      label: t('报告类型', '報告類型', 'Kind'),
      required: true,
      source: 'S',
      codes: [c('monthly', '月报', '月報', 'Monthly'), c('yearly', '年报', '年報', 'Yearly')],
    },
    { key: 'period_year', type: 'int', label: t('年度', '年度', 'Year'), required: true, min: 2000, max: 2100, source: 'S' },
    {
      key: 'period_month',
      type: 'int',
      label: t('月份', '月份', 'Month'),
      required: { when: { field: 'report_kind', in: ['monthly'] } },
      min: 1,
      max: 12,
      source: 'S',
    },
    { key: 'vendor_code', type: 'text', label: t('外包单位', '外包單位', 'Outsourcing unit'), required: true, maxLength: 10, source: 'S' },
    {
      key: 'accident_count',
      type: 'int',
      label: t('事故总数', '事故總數', 'Accidents'),
      required: true,
      min: 0,
      source: 'S',
      help: t('无事故时报零', '無事故時報零', 'Report zero when there were no accidents'),
    },
    { key: 'accident_nos', type: 'text', label: t('事故编号清单', '事故編號清單', 'Accident nos.'), maxLength: 5000, source: 'T' },
    { key: 'serious_casualty', type: 'int', label: t('较大人身伤亡事故', '較大人身傷亡事故', 'Serious injury or death accidents'), required: true, min: 0, source: 'S' },
    { key: 'grid_outage', type: 'int', label: t('电网停电及设备事故', '電網停電及設備事故', 'Grid outages and equipment accidents'), required: true, min: 0, source: 'S' },
    { key: 'equipment_damage', type: 'int', label: t('工程设备损坏事故', '工程設備損壞事故', 'Engineering-equipment damage'), required: true, min: 0, source: 'S' },
    { key: 'fire', type: 'int', label: t('火灾事故', '火災事故', 'Fires'), required: true, min: 0, source: 'S' },
    { key: 'construction_complaint', type: 'int', label: t('施工产生的投诉事件', '施工產生的投訴事件', 'Complaints caused by the work'), required: true, min: 0, source: 'S' },
    { key: 'pollution', type: 'int', label: t('环境污染事件', '環境污染事件', 'Environmental pollution'), required: true, min: 0, source: 'S' },
    { key: 'traffic', type: 'int', label: t('负主要责任的重大交通事故', '負主要責任的重大交通事故', 'Major traffic accidents, mainly liable'), required: true, min: 0, source: 'S' },
    {
      key: 'sent_to',
      type: 'codes',
      label: t('报送对象', '報送對象', 'Sent to'),
      required: true,
      source: 'S',
      codes: REPORT_RECIPIENTS,
      help: t('三个对象均须报送', '三個對象均須報送', 'All three must receive it'),
    },
    { key: 'prepared_by', type: 'signature', label: t('填报人', '填報人', 'Prepared by'), required: true, source: 'T' },
  ],
};
