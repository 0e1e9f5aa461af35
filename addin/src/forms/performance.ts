import { c, t, COLLECTOR_TYPES, SEVERITY, SUBSTANTIATED } from './codes';
import type { CodeDecl, FieldDecl, FormDecl } from './types';

/**
 * The performance inputs of P3-5 (brief §3). Table and column keys are an integration contract
 * (the performance computation and the finance export read them): do not rename or reorder.
 */

const WORKERS_HELP = t('工号，以英文逗号分隔，如 WB00123,WB00124', '工號，以英文逗號分隔，如 WB00123,WB00124', 'Worker ids separated by commas, e.g. WB00123,WB00124');

/** Outsourced workers and their monthly performance-pay bases per item (rule R12). */
export const workers: FormDecl = {
  key: 'workers',
  code: 'W',
  title: t('外包人员', '外包人員', 'Outsourced workers'),
  sheet: t('外包人员', '外包人員', 'Workers'),
  clause: 'P3-5',
  keyField: 'worker_id',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    {
      key: 'worker_id',
      type: 'text',
      label: t('工号', '工號', 'Worker id'),
      required: true,
      maxLength: 20,
      source: 'T',
      help: t('字母数字组合，避免Excel删去前导零', '字母數字組合，避免Excel刪去前導零', 'Alphanumeric, so Excel keeps leading zeros'),
    },
    { key: 'name', type: 'text', label: t('姓名', '姓名', 'Name'), required: true, maxLength: 50, source: 'T' },
    { key: 'team_code', type: 'text', label: t('班组', '班組', 'Team'), required: true, maxLength: 10, source: 'T' },
    { key: 'vendor_code', type: 'text', label: t('外包单位', '外包單位', 'Vendor'), required: true, maxLength: 10, source: 'T' },
    { key: 'base_cm', type: 'money', label: t('采集器维护绩效基数', '採集器維護績效基數', 'Collector maintenance base'), required: true, min: 0, source: 'T' },
    { key: 'base_rot', type: 'money', label: t('表计轮换绩效基数', '表計輪換績效基數', 'Rotation base'), required: true, min: 0, source: 'T' },
    { key: 'base_bat', type: 'money', label: t('批量装表绩效基数', '批量裝表績效基數', 'Batch install base'), required: true, min: 0, source: 'T' },
    {
      key: 'base_total',
      type: 'money',
      label: t('月度绩效总基数', '月度績效總基數', 'Total monthly base'),
      required: true,
      min: 0,
      source: 'T',
      help: t('投诉考核的基数，也是每月扣减上限', '投訴考核的基數，也是每月扣減上限', 'Base of complaint deductions and the monthly cap on all deductions'),
    },
  ],
};

/** F23 采集器维护日报: one worker's collector maintenance on one day, for one collector type (P3-5.1). */
export const collectorDaily: FormDecl = {
  key: 'collector_daily',
  code: 'F23',
  title: t('采集器维护日报', '採集器維護日報', 'Daily collector maintenance record'),
  sheet: t('采集器维护日报', '採集器維護日報', 'Collector daily'),
  clause: 'P3-5.1',
  keyField: 'entry_id',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'entry_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T' },
    { key: 'date', type: 'date', label: t('日期', '日期', 'Date'), required: true, source: 'S' },
    { key: 'worker_id', type: 'ref', ref: 'workers', label: t('工号', '工號', 'Worker id'), required: true, source: 'S' },
    { key: 'collector_type', type: 'code', codes: COLLECTOR_TYPES, label: t('采集器类型', '採集器類型', 'Collector type'), required: true, source: 'S' },
    {
      key: 'maintained',
      type: 'int',
      label: t('维护数量', '維護數量', 'Maintained'),
      required: true,
      min: 0,
      source: 'S',
      help: t(
        '无线按采集器个数（每日5–8个），载波按用户数（每日15–20户）',
        '無線按採集器個數（每日5–8個），載波按用戶數（每日15–20戶）',
        'Wireless: collectors (5–8 a day); carrier: users (15–20 a day)',
      ),
    },
    {
      key: 'succeeded',
      type: 'int',
      label: t('成功数', '成功數', 'Succeeded'),
      required: true,
      min: 0,
      source: 'S',
      help: t(
        '以维护后首次完整采集的后台核查为准，不大于维护数量',
        '以維護後首次完整採集的後臺核查為準，不大於維護數量',
        'Per the back-office check at the first full collection; at most the number maintained',
      ),
    },
    {
      key: 'reason_code',
      type: 'code',
      label: t('原因代码', '原因代碼', 'Reason code'),
      source: 'T',
      codes: [c('dispatch_shortfall', '派工不足', '派工不足', 'Not enough work dispatched'), c('leave', '请假', '請假', 'Leave'), c('other', '其他', '其他', 'Other')],
      help: t('派工不足或请假的当日不参与考核；其他照常考核', '派工不足或請假的當日不參與考核；其他照常考核', 'Dispatch shortfall or leave excludes the day; other is assessed normally'),
    },
  ],
};

/** W8 statuses shared by rotation and batch-install work orders. */
const ORDER_TAIL: readonly CodeDecl[] = [
  c('in_progress', '施工中', '施工中', 'In progress'),
  c('completed', '已完工', '已完工', 'Completed'),
  c('field_checked', '现场已检查', '現場已檢查', 'Field checked'),
  c('collection_verified', '采集已核查', '採集已核查', 'Collection verified'),
  c('assessed', '已考核', '已考核', 'Assessed'),
  c('closed', '已关闭', '已關閉', 'Closed'),
  c('rectification', '整改中', '整改中', 'Rectification'),
];

/** The team that does a work order and the day it works, given when the order gets ready (W8 Ready). */
const READY_FIELDS: readonly FieldDecl[] = [
  {
    key: 'team_code',
    type: 'text',
    label: t('施工班组', '施工班組', 'Team'),
    required: true,
    maxLength: 10,
    source: 'T',
    step: 'ready',
    help: t('当天班前会的班组代码（如 T03）', '當天班前會的班組代碼（如 T03）', "The team code of the day's pre-shift meeting (e.g. T03)"),
  },
  { key: 'work_date', type: 'date', label: t('施工日期', '施工日期', 'Work date'), required: true, source: 'T', step: 'ready' },
  {
    key: 'preshift_no',
    type: 'ref',
    ref: 'preshift_meetings',
    label: t('班前会编号', '班前會編號', 'Pre-shift meeting no.'),
    system: true,
    source: 'T',
    step: 'ready',
    help: t('就绪时由系统找到的当天班前会', '就緒時由系統找到的當天班前會', "The day's pre-shift meeting, found when the order gets ready"),
  },
];

/** Completion of the work itself (W8 Completed; P3-4.3.1). */
const SITE_CLEANED: FieldDecl = {
  key: 'site_cleaned',
  type: 'bool',
  label: t('已清扫现场', '已清掃現場', 'Site cleaned'),
  // Not `required`: the marketing system's exports (imports) do not carry it; the Complete step
  // refuses an order whose site is not cleaned.
  source: 'S',
  step: 'completed',
  help: t('完工后立刻打扫施工现场、清除表箱内杂物', '完工後立刻打掃施工現場、清除表箱內雜物', 'Clean the site and the meter box right after the work'),
};

/**
 * The field checks of a work order (W8 FieldChecked → CollectionVerified, with rectification and
 * re-check): the latest check record and collection verification the steps made, and the last
 * rectification. The counts they produce are the performance columns above (field_checked …).
 */
const CHECK_FIELDS: readonly FieldDecl[] = [
  {
    key: 'field_check_no',
    type: 'text',
    label: t('现场检查记录号', '現場檢查記錄號', 'Field check record'),
    system: true,
    maxLength: 60,
    source: 'T',
    help: t('最近一次轮换抽查记录或排查记录的编号，抽样时填入', '最近一次輪換抽查記錄或排查記錄的編號，抽樣時填入', 'The latest rotation spot check or investigation, set when its sample is drawn'),
  },
  {
    key: 'collection_check_no',
    type: 'text',
    label: t('采集核查记录号', '採集核查記錄號', 'Collection check record'),
    system: true,
    maxLength: 60,
    source: 'T',
    help: t('最近一次采集核查记录的编号', '最近一次採集核查記錄的編號', 'The latest collection verification'),
  },
  {
    key: 'rectified_on',
    type: 'date',
    label: t('整改完成日期', '整改完成日期', 'Rectified on'),
    required: true,
    source: 'S',
    step: 'rectification',
    help: t(
      '整改完成后复查：现场问题重新抽样检查，采集问题重新核查',
      '整改完成後複查：現場問題重新抽樣檢查，採集問題重新核查',
      'After rectification comes a re-check: a new field sample, or a new collection check',
    ),
  },
  {
    key: 'rectification_note',
    type: 'longtext',
    label: t('整改情况', '整改情況', 'Rectification'),
    required: true,
    maxLength: 2000,
    source: 'S',
    step: 'rectification',
  },
];

/** 表计轮换工单: a meter-rotation work order and the inputs of rules R7–R9 (P3-4, P3-5.2; workflow W8). */
export const rotationOrders: FormDecl = {
  key: 'rotation_orders',
  code: 'RO',
  title: t('表计轮换工单', '表計輪換工單', 'Meter rotation work order'),
  sheet: t('表计轮换工单', '表計輪換工單', 'Rotation orders'),
  clause: 'P3-4.1.4, P3-4.3.2, P3-5.2',
  keyField: 'order_no',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [c('planned', '已计划', '已計劃', 'Planned'), c('notified', '已告知', '已告知', 'Notified'), c('ready', '已就绪', '已就緒', 'Ready'), ...ORDER_TAIL],
  fields: [
    { key: 'order_no', type: 'text', label: t('工单号', '工單號', 'Work-order no.'), required: true, maxLength: 40, source: 'S' },
    { key: 'workers', type: 'text', label: t('施工人员', '施工人員', 'Workers'), required: true, maxLength: 200, source: 'S', help: WORKERS_HELP },
    { key: 'due_date', type: 'date', label: t('规定完成日期', '規定完成日期', 'Due date'), required: true, source: 'S' },
    {
      key: 'done_date',
      type: 'date',
      label: t('实际完成日期', '實際完成日期', 'Done on'),
      required: true,
      source: 'S',
      step: 'completed',
      help: t('超过规定完成日期每1天扣减轮换绩效10%', '超過規定完成日期每1天扣減輪換績效10%', 'Each day past the due date deducts 10% of the rotation base'),
    },
    {
      key: 'field_checked',
      type: 'int',
      label: t('现场抽查数', '現場抽查數', 'Meters spot-checked'),
      required: true,
      min: 0,
      source: 'S',
      step: 'field_checked',
      help: t('不少于轮换表计的15%', '不少於輪換表計的15%', 'At least 15% of the meters rotated'),
    },
    {
      key: 'field_passed',
      type: 'int',
      label: t('现场抽查合格数', '現場抽查合格數', 'Spot checks passed'),
      required: true,
      min: 0,
      source: 'S',
      step: 'field_checked',
      help: t('现场抽查合格率须在98%以上', '現場抽查合格率須在98%以上', 'Field pass rate must be 98% or more'),
    },
    { key: 'collection_total', type: 'int', label: t('应采用户数', '應採用戶數', 'Users to collect'), required: true, min: 0, source: 'S', step: 'collection_verified' },
    {
      key: 'collection_ok',
      type: 'int',
      label: t('采集成功户数', '採集成功戶數', 'Users collected'),
      required: true,
      min: 0,
      source: 'S',
      step: 'collection_verified',
      help: t('采集合格率须在95%以上', '採集合格率須在95%以上', 'Collection pass rate must be 95% or more'),
    },
    {
      key: 'notice_no',
      type: 'ref',
      ref: 'meter_notices',
      label: t('调表通知单编号', '調表通知單編號', 'Meter-change notice no.'),
      required: true,
      source: 'S',
      step: 'notified',
      help: t('张贴日期须比计划轮换日期至少早15天', '張貼日期須比計劃輪換日期至少早15天', 'Posted at least 15 days before the planned rotation date'),
    },
    ...READY_FIELDS,
    SITE_CLEANED,
    ...CHECK_FIELDS,
  ],
};

/** 批量装表工单: a batch install in a residential development and the inputs of rules R9–R10 (P3-4, P3-5.3; workflow W8). */
export const batchInstalls: FormDecl = {
  key: 'batch_installs',
  code: 'BI',
  title: t('批量装表工单', '批量裝表工單', 'Batch install work order'),
  sheet: t('批量装表工单', '批量裝表工單', 'Batch installs'),
  clause: 'P3-4.1.5, P3-4.3.3, P3-5.3',
  keyField: 'order_no',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [c('planned', '已计划', '已計劃', 'Planned'), c('ready', '已就绪', '已就緒', 'Ready'), c('power_off_verified', '已验电', '已驗電', 'Power-off verified'), ...ORDER_TAIL],
  fields: [
    { key: 'order_no', type: 'text', label: t('工单号', '工單號', 'Work-order no.'), required: true, maxLength: 40, source: 'S' },
    { key: 'workers', type: 'text', label: t('施工人员', '施工人員', 'Workers'), required: true, maxLength: 200, source: 'S', help: WORKERS_HELP },
    {
      key: 'field_checked',
      type: 'int',
      label: t('现场检查及抽查数', '現場檢查及抽查數', 'Meters checked'),
      required: true,
      min: 0,
      source: 'S',
      step: 'field_checked',
      help: t('全部二级负荷加三级负荷的20%–30%', '全部二級負荷加三級負荷的20%–30%', 'All Class II loads plus 20–30% of Class III'),
    },
    {
      key: 'field_passed',
      type: 'int',
      label: t('现场检查合格数', '現場檢查合格數', 'Checks passed'),
      required: true,
      min: 0,
      source: 'S',
      step: 'field_checked',
      help: t('现场检查和抽查合格率须在99%以上', '現場檢查和抽查合格率須在99%以上', 'Field pass rate must be 99% or more'),
    },
    { key: 'collection_total', type: 'int', label: t('应采用户数', '應採用戶數', 'Users to collect'), required: true, min: 0, source: 'S', step: 'collection_verified' },
    {
      key: 'collection_ok',
      type: 'int',
      label: t('采集成功户数', '採集成功戶數', 'Users collected'),
      required: true,
      min: 0,
      source: 'S',
      step: 'collection_verified',
      help: t('采集合格率须在95%以上', '採集合格率須在95%以上', 'Collection pass rate must be 95% or more'),
    },
    { key: 'done_date', type: 'date', label: t('实际完成日期', '實際完成日期', 'Done on'), required: true, source: 'S', step: 'completed' },
    ...READY_FIELDS,
    SITE_CLEANED,
    ...CHECK_FIELDS,
  ],
};

/** F24 投诉工单: a complaint work order against the outsourced team, assessed by rule R11 (P3-5.4). */
export const complaintOrders: FormDecl = {
  key: 'complaint_orders',
  code: 'F24',
  title: t('投诉工单', '投訴工單', 'Complaint work order'),
  sheet: t('投诉工单', '投訴工單', 'Complaint orders'),
  clause: 'P3-5.4',
  keyField: 'order_no',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'order_no', type: 'text', label: t('工单号', '工單號', 'Work-order no.'), required: true, maxLength: 40, source: 'S' },
    { key: 'date', type: 'date', label: t('工单日期', '工單日期', 'Date'), required: true, source: 'T' },
    { key: 'workers', type: 'text', label: t('涉及人员', '涉及人員', 'Workers involved'), required: true, maxLength: 200, source: 'S', help: WORKERS_HELP },
    { key: 'substantiated', type: 'code', codes: SUBSTANTIATED, label: t('是否属实', '是否屬實', 'Substantiated'), required: true, source: 'S' },
    {
      key: 'severity',
      type: 'code',
      codes: SEVERITY,
      label: t('严重程度', '嚴重程度', 'Severity'),
      required: { when: { field: 'substantiated', in: ['yes', 'partly'] } },
      source: 'T',
      help: t('属实按严重程度扣减总基数，部分属实减半', '屬實按嚴重程度扣減總基數，部分屬實減半', 'Substantiated: deduction by severity from the total base; partly: half'),
    },
    {
      key: 'source',
      type: 'code',
      label: t('工单来源', '工單來源', 'Source'),
      required: true,
      // The performance issue's files carry only order_no, date, workers, substantiated and severity.
      blankOnImport: t('来源不明', '來源不明', 'source unknown'),
      source: 'T',
      help: t('导入时可留空（来源不明）；考核不看来源', '匯入時可留空（來源不明）；考核不看來源', 'May be blank in an import (source unknown); the assessment does not depend on it'),
      codes: [
        c('hotline_95598', '95598热线', '95598熱線', '95598 hotline'),
        c('hotline_12345', '12345热线', '12345熱線', '12345 hotline'),
        c('local', '本地受理', '本地受理', 'Local'),
        c('other', '其他', '其他', 'Other'),
      ],
    },
  ],
};

/**
 * The parameters of the performance rules R1–R12 (brief §3.1) and the sampling numbers of §3.2,
 * each with its recommended default. `_pct` values are in percentage points (80 = 80 %).
 */
export const RULE_PARAMETERS: readonly (CodeDecl & { readonly defaultValue: number })[] = [
  { ...c('wireless_min', '无线每日维护下限（个）', '無線每日維護下限（個）', 'Wireless daily minimum (collectors)'), defaultValue: 5 },
  { ...c('wireless_max', '无线每日维护上限（个）', '無線每日維護上限（個）', 'Wireless daily maximum (collectors)'), defaultValue: 8 },
  { ...c('carrier_min', '载波每日维护下限（户）', '載波每日維護下限（戶）', 'Carrier daily minimum (users)'), defaultValue: 15 },
  { ...c('carrier_max', '载波每日维护上限（户）', '載波每日維護上限（戶）', 'Carrier daily maximum (users)'), defaultValue: 20 },
  { ...c('wireless_qualify_pct', '无线合格成功率（%）', '無線合格成功率（%）', 'Wireless qualifying rate (%)'), defaultValue: 80 },
  { ...c('wireless_bonus_pct', '无线合格奖励（%）', '無線合格獎勵（%）', 'Wireless bonus (%)'), defaultValue: 5 },
  { ...c('wireless_step_pct', '无线每降低一档（百分点）', '無線每降低一檔（百分點）', 'Wireless step (points)'), defaultValue: 10 },
  { ...c('wireless_step_deduct_pct', '无线每档扣减（%）', '無線每檔扣減（%）', 'Wireless deduction per step (%)'), defaultValue: 5 },
  { ...c('carrier_qualify_pct', '载波合格成功率（%）', '載波合格成功率（%）', 'Carrier qualifying rate (%)'), defaultValue: 70 },
  { ...c('carrier_deduct_pct', '载波不合格扣减（%）', '載波不合格扣減（%）', 'Carrier deduction (%)'), defaultValue: 5 },
  { ...c('carrier_bonus_from_pct', '载波一档奖励起点（%）', '載波一檔獎勵起點（%）', 'Carrier bonus from (%)'), defaultValue: 80 },
  { ...c('carrier_bonus_pct', '载波一档奖励（%）', '載波一檔獎勵（%）', 'Carrier bonus (%)'), defaultValue: 5 },
  { ...c('carrier_bonus2_from_pct', '载波二档奖励起点（%）', '載波二檔獎勵起點（%）', 'Carrier higher bonus from (%)'), defaultValue: 90 },
  { ...c('carrier_bonus2_pct', '载波二档奖励（%）', '載波二檔獎勵（%）', 'Carrier higher bonus (%)'), defaultValue: 10 },
  { ...c('collection_lag_days', '采集核查滞后天数', '採集核查滯後天數', 'Collection check lag (days)'), defaultValue: 1 },
  { ...c('rotation_delay_pct_per_day', '轮换每逾期1天扣减（%）', '輪換每逾期1天扣減（%）', 'Rotation deduction per late day (%)'), defaultValue: 10 },
  { ...c('rotation_grace_days', '轮换逾期宽限天数', '輪換逾期寬限天數', 'Rotation grace (days)'), defaultValue: 0 },
  { ...c('rotation_sample_pct', '轮换抽查比例（%）', '輪換抽查比例（%）', 'Rotation sample (%)'), defaultValue: 15 },
  { ...c('rotation_field_pass_pct', '轮换现场抽查合格率（%）', '輪換現場抽查合格率（%）', 'Rotation field pass rate (%)'), defaultValue: 98 },
  { ...c('batch_class3_min_pct', '批量三级负荷抽查下限（%）', '批量三級負荷抽查下限（%）', 'Batch Class III sample minimum (%)'), defaultValue: 20 },
  { ...c('batch_class3_max_pct', '批量三级负荷抽查上限（%）', '批量三級負荷抽查上限（%）', 'Batch Class III sample maximum (%)'), defaultValue: 30 },
  { ...c('batch_field_pass_pct', '批量现场检查合格率（%）', '批量現場檢查合格率（%）', 'Batch field pass rate (%)'), defaultValue: 99 },
  { ...c('collection_pass_pct', '采集合格率（%）', '採集合格率（%）', 'Collection pass rate (%)'), defaultValue: 95 },
  { ...c('shortfall_deduct_pct_per_pt', '合格率每差1个百分点扣减（%）', '合格率每差1個百分點扣減（%）', 'Deduction per point of shortfall (%)'), defaultValue: 5 },
  { ...c('complaint_minor_pct', '投诉属实一般扣减（%）', '投訴屬實一般扣減（%）', 'Complaint, minor (%)'), defaultValue: 5 },
  { ...c('complaint_major_pct', '投诉属实较重扣减（%）', '投訴屬實較重扣減（%）', 'Complaint, major (%)'), defaultValue: 10 },
  { ...c('complaint_severe_pct', '投诉属实严重扣减（%）', '投訴屬實嚴重扣減（%）', 'Complaint, severe (%)'), defaultValue: 20 },
  { ...c('complaint_partly_factor', '部分属实系数', '部分屬實係數', 'Partly substantiated factor'), defaultValue: 0.5 },
  { ...c('item_cap_pct', '单项扣减上限（占单项基数%）', '單項扣減上限（佔單項基數%）', 'Item deduction cap (% of item base)'), defaultValue: 100 },
  { ...c('monthly_cap_pct', '月度扣减上限（占总基数%）', '月度扣減上限（佔總基數%）', 'Monthly deduction cap (% of total base)'), defaultValue: 100 },
];

/** 绩效规则: versioned rule parameters with effective dates (brief §3; DESIGN principle 9). */
export const rules: FormDecl = {
  key: 'rules',
  code: 'R',
  title: t('绩效规则参数', '績效規則參數', 'Performance rule parameters'),
  sheet: t('绩效规则', '績效規則', 'Rules'),
  clause: 'P3-5',
  keyField: 'rule_version',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    {
      key: 'rule_version',
      type: 'text',
      label: t('规则版本', '規則版本', 'Rule version'),
      required: true,
      maxLength: 20,
      source: 'T',
      help: t(
        '如 PERF-2025.1；一个版本包含全部参数，版本与参数共同确定一行',
        '如 PERF-2025.1；一個版本包含全部參數，版本與參數共同確定一行',
        'E.g. PERF-2025.1; a version holds every parameter, and version plus parameter identify a row',
      ),
    },
    { key: 'effective_from', type: 'date', label: t('生效日期', '生效日期', 'Effective from'), required: true, source: 'T' },
    {
      key: 'parameter',
      type: 'code',
      codes: RULE_PARAMETERS.map(({ code, label }) => ({ code, label })),
      label: t('参数', '參數', 'Parameter'),
      required: true,
      source: 'S',
    },
    {
      key: 'value',
      type: 'decimal',
      label: t('取值', '取值', 'Value'),
      required: true,
      min: 0,
      source: 'T',
      help: t('百分比参数以百分点填写（80表示80%）', '百分比參數以百分點填寫（80表示80%）', 'Percentages in points (80 means 80%)'),
    },
    { key: 'note', type: 'text', label: t('说明', '說明', 'Note'), maxLength: 200, source: 'T' },
  ],
};

/**
 * 绩效人工调整: MANUAL lines (brief §3.2 item 3) — an amount decided by a supervisor, with its
 * reason and approver, for one worker and month. Entered by managers; never capped.
 */
export const perfAdjustments: FormDecl = {
  key: 'perf_adjustments',
  code: 'PA',
  title: t('绩效人工调整', '績效人工調整', 'Manual performance adjustments'),
  sheet: t('绩效人工调整', '績效人工調整', 'Perf adjustments'),
  clause: 'P3-5',
  keyField: 'adjustment_no',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'adjustment_no', type: 'text', label: t('调整单号', '調整單號', 'Adjustment no.'), required: true, maxLength: 40, source: 'T' },
    {
      key: 'month',
      type: 'text',
      label: t('考核月份', '考核月份', 'Month'),
      required: true,
      maxLength: 7,
      source: 'T',
      help: t('YYYY-MM，如 2025-03', 'YYYY-MM，如 2025-03', 'YYYY-MM, e.g. 2025-03'),
    },
    { key: 'worker_id', type: 'ref', ref: 'workers', label: t('工号', '工號', 'Worker id'), required: true, source: 'T' },
    {
      key: 'amount',
      type: 'money',
      label: t('调整金额', '調整金額', 'Amount'),
      required: true,
      source: 'T',
      help: t('正数为奖励，负数为扣减（元）', '正數為獎勵，負數為扣減（元）', 'Positive: bonus; negative: deduction (CNY)'),
    },
    { key: 'reason', type: 'text', label: t('调整原因', '調整原因', 'Reason'), required: true, maxLength: 200, source: 'S' },
    { key: 'approved_by', type: 'text', label: t('审批人', '審批人', 'Approved by'), required: true, maxLength: 50, source: 'T' },
    { key: 'approved_at', type: 'date', label: t('审批日期', '審批日期', 'Approved on'), required: true, source: 'T' },
  ],
};

/**
 * 绩效导出批次: one row per approved finance export (per vendor and month). An approved batch is
 * never rewritten: a later export of the month carries reversal and adjustment lines against it.
 */
export const perfExports: FormDecl = {
  key: 'perf_exports',
  code: 'PX',
  title: t('绩效导出批次', '績效匯出批次', 'Performance export batches'),
  sheet: t('绩效导出批次', '績效匯出批次', 'Perf exports'),
  clause: 'P3-5',
  keyField: 'export_batch_id',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [],
  fields: [
    {
      key: 'export_batch_id',
      type: 'text',
      label: t('导出批次号', '匯出批次號', 'Export batch'),
      required: true,
      maxLength: 40,
      source: 'T',
      help: t('如 PA-202503-V01-1', '如 PA-202503-V01-1', 'E.g. PA-202503-V01-1'),
    },
    { key: 'period', type: 'text', label: t('期间', '期間', 'Period'), required: true, maxLength: 6, source: 'T', help: t('年月，如 202503', '年月，如 202503', 'YYYYMM, e.g. 202503') },
    { key: 'vendor_code', type: 'text', label: t('外包单位', '外包單位', 'Vendor'), required: true, maxLength: 10, source: 'T' },
    { key: 'version', type: 'int', label: t('版次', '版次', 'Version'), required: true, min: 1, source: 'T' },
    { key: 'rule_version', type: 'text', label: t('规则版本', '規則版本', 'Rule version'), required: true, maxLength: 20, source: 'T' },
    { key: 'line_count', type: 'int', label: t('行数', '行數', 'Lines'), required: true, min: 0, source: 'T' },
    { key: 'amount_sum', type: 'money', label: t('金额合计', '金額合計', 'Sum of amounts'), required: true, source: 'T' },
    { key: 'positive_sum', type: 'money', label: t('奖励合计', '獎勵合計', 'Sum of bonuses'), required: true, source: 'T' },
    { key: 'negative_sum', type: 'money', label: t('扣减合计', '扣減合計', 'Sum of deductions'), required: true, source: 'T' },
    { key: 'file', type: 'text', label: t('文件名', '檔案名稱', 'File'), maxLength: 200, source: 'T' },
    { key: 'csv_sha256', type: 'text', label: t('文件校验值（SHA-256）', '檔案校驗值（SHA-256）', 'File SHA-256'), maxLength: 64, source: 'T' },
    { key: 'approved_by', type: 'text', label: t('审批人', '審批人', 'Approved by'), required: true, maxLength: 50, source: 'T' },
    { key: 'approved_at', type: 'datetime', label: t('审批时间', '審批時間', 'Approved at'), required: true, source: 'T' },
  ],
};

/** 绩效导出明细: the lines of each approved export batch, as finance received them. */
export const perfExportLines: FormDecl = {
  key: 'perf_export_lines',
  code: 'PXL',
  title: t('绩效导出明细', '績效匯出明細', 'Performance export lines'),
  sheet: t('绩效导出明细', '績效匯出明細', 'Perf export lines'),
  clause: 'P3-5',
  keyField: 'line_id',
  numbering: { kind: 'external' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'line_id', type: 'text', label: t('明细号', '明細號', 'Line id'), required: true, maxLength: 60, source: 'T', help: t('批次号/行号', '批次號/行號', 'Batch/line number') },
    { key: 'export_batch_id', type: 'text', label: t('导出批次号', '匯出批次號', 'Export batch'), required: true, maxLength: 40, source: 'T' },
    { key: 'worker_id', type: 'ref', ref: 'workers', label: t('工号', '工號', 'Worker id'), required: true, source: 'T' },
    { key: 'item_code', type: 'text', label: t('项目代码', '項目代碼', 'Item code'), required: true, maxLength: 12, source: 'T' },
    { key: 'amount', type: 'money', label: t('金额', '金額', 'Amount'), required: true, source: 'T' },
    { key: 'base_amount', type: 'money', label: t('基数', '基數', 'Base'), required: true, source: 'T' },
    {
      key: 'rate',
      type: 'text',
      label: t('比例', '比例', 'Rate'),
      required: true,
      maxLength: 12,
      source: 'T',
      help: t('六位小数，如 0.018182', '六位小數，如 0.018182', 'Six decimals, e.g. 0.018182'),
    },
    { key: 'basis_ref', type: 'text', label: t('依据', '依據', 'Basis'), maxLength: 500, source: 'T' },
    { key: 'reason', type: 'text', label: t('原因', '原因', 'Reason'), maxLength: 500, source: 'T' },
  ],
};
