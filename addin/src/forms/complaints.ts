import { c, t, CHANNELS, DEPARTMENTS, SATISFACTION, SUBSTANTIATED, URGENCY } from './codes';
import type { FormDecl } from './types';

/** F1 投诉处理单: one complaint from intake to archiving (P1-投訴1–6, workflow W1). */
export const complaints: FormDecl = {
  key: 'complaints',
  code: 'F1',
  title: t('投诉处理单', '投訴處理單', 'Complaint handling ticket'),
  sheet: t('投诉处理单', '投訴處理單', 'Complaints'),
  clause: 'P1-投訴1–8',
  keyField: 'ticket_no',
  numbering: { kind: 'sequence', series: 'TS', format: 'TS-{YYYY}-{NNNN}', period: 'year', dateField: 'received_at' },
  copies: [
    {
      key: 'copy1',
      label: t('第一联', '第一聯', 'Copy 1'),
      route: t(
        '责任部门负责人签收，处理后交回客户服务部签收',
        '責任部門負責人簽收，處理後交回客戶服務部簽收',
        "Signed for by the responsible department's head; returned to Customer Service after handling",
      ),
    },
    {
      key: 'copy2',
      label: t('第二联', '第二聯', 'Copy 2'),
      route: t('客户服务部留存备查', '客戶服務部留存備查', 'Kept by Customer Service for reference'),
    },
  ],
  statuses: [
    c('received', '已受理', '已受理', 'Received'),
    c('dispatched', '已派发', '已派發', 'Dispatched'),
    c('in_handling', '处理中', '處理中', 'In handling'),
    c('handled', '已处理', '已處理', 'Handled'),
    c('awaiting_visit', '待回访', '待回訪', 'Awaiting return visit'),
    c('visited', '已回访', '已回訪', 'Visited'),
    c('archived', '已归档', '已歸檔', 'Archived'),
  ],
  fields: [
    { key: 'ticket_no', type: 'text', label: t('投诉编号', '投訴編號', 'Ticket no.'), required: true, system: true, source: 'T' },
    { key: 'received_at', type: 'datetime', label: t('受理时间', '受理時間', 'Received at'), required: true, source: 'T' },
    { key: 'channel', type: 'code', codes: CHANNELS, label: t('投诉方式', '投訴方式', 'Channel'), required: true, source: 'S' },
    { key: 'anonymous', type: 'bool', label: t('匿名', '匿名', 'Anonymous'), source: 'T' },
    {
      key: 'complainant',
      type: 'text',
      label: t('投诉人', '投訴人', 'Complainant'),
      required: { when: { field: 'anonymous', in: ['no'] } },
      maxLength: 50,
      source: 'T',
    },
    { key: 'complainant_dept', type: 'text', label: t('投诉人科室', '投訴人科室', "Complainant's dept/ward"), maxLength: 50, source: 'T' },
    { key: 'complainant_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    { key: 'content', type: 'longtext', label: t('投诉内容', '投訴內容', 'Complaint'), required: true, maxLength: 2000, source: 'S' },
    {
      key: 'subject',
      type: 'text',
      label: t('投诉事项（关键词）', '投訴事項（關鍵詞）', 'Subject (keyword)'),
      maxLength: 40,
      source: 'T',
      help: t('用于统计热点问题', '用於統計熱點問題', 'Used to find the hot topics'),
    },
    {
      key: 'category',
      type: 'code',
      label: t('投诉类别', '投訴類別', 'Category'),
      required: true,
      source: 'S',
      codes: [
        c('cleaning', '保洁', '保潔', 'Cleaning'),
        c('engineering', '工程维修', '工程維修', 'Engineering & repairs'),
        c('security', '安保秩序', '安保秩序', 'Security & order'),
        c('parking', '停车', '停車', 'Parking'),
        c('elevator', '电梯', '電梯', 'Elevators'),
        c('transport', '运送陪检', '運送陪檢', 'Patient transport & escort'),
        c('catering', '餐饮', '餐飲', 'Catering'),
        c('laundry', '被服洗涤', '被服洗滌', 'Linen & laundry'),
        c('attitude', '服务态度', '服務態度', 'Service attitude'),
        c('other', '其他', '其他', 'Other'),
      ],
    },
    { key: 'department', type: 'code', codes: DEPARTMENTS, label: t('责任部门', '責任部門', 'Responsible dept'), required: true, source: 'S' },
    { key: 'urgency', type: 'code', codes: URGENCY, label: t('紧急程度', '緊急程度', 'Urgency'), source: 'T' },
    { key: 'promised_by', type: 'datetime', label: t('承诺时限', '承諾時限', 'Promised by'), source: 'T' },
    { key: 'receptionist', type: 'signature', label: t('接待人', '接待人', 'Receptionist'), required: true, source: 'S' },
    {
      key: 'copy1_signed',
      type: 'signature',
      label: t('第一联签收', '第一聯簽收', 'Copy 1 signed for by'),
      required: true,
      source: 'S',
      step: 'dispatched',
      help: t('责任部门负责人', '責任部門負責人', "The responsible department's head"),
    },
    { key: 'copy2_filed', type: 'signature', label: t('第二联留存', '第二聯留存', 'Copy 2 filed by'), required: true, source: 'S', step: 'dispatched' },
    { key: 'action_result', type: 'longtext', label: t('处理措施及结果', '處理措施及結果', 'Action & result'), required: true, maxLength: 2000, source: 'S', step: 'handled' },
    { key: 'substantiated', type: 'code', codes: SUBSTANTIATED, label: t('是否属实', '是否屬實', 'Substantiated'), required: true, source: 'T', step: 'handled' },
    { key: 'handled_at', type: 'datetime', label: t('处理完成时间', '處理完成時間', 'Handled at'), required: true, source: 'S', step: 'handled' },
    { key: 'returned_to_cs', type: 'signature', label: t('交回客服部签收', '交回客服部簽收', 'Returned to CS, signed by'), required: true, source: 'S', step: 'awaiting_visit' },
    { key: 'return_visit_no', type: 'ref', ref: 'return_visits', label: t('回访表编号', '回訪表編號', 'Return-visit no.'), required: true, source: 'S', step: 'visited' },
    { key: 'reopen_count', type: 'int', label: t('重开次数', '重開次數', 'Times reopened'), min: 0, system: true, source: 'T' },
    {
      key: 'reception_no',
      type: 'ref',
      ref: 'reception',
      label: t('接待编号', '接待編號', 'Reception no.'),
      system: true,
      source: 'T',
      help: t('由接待登记转来时自动填写', '由接待登記轉來時自動填寫', 'Filled in when the ticket comes from the reception register'),
    },
    {
      key: 'archived',
      type: 'signature',
      label: t('归档签收', '歸檔簽收', 'Archived by'),
      required: true,
      source: 'S',
      step: 'archived',
      help: t('客户服务部统一编号装订前归档', '客戶服務部統一編號裝訂前歸檔', 'Customer Service files the ticket with its return visit for binding'),
    },
    { key: 'binding_no', type: 'text', label: t('装订册号', '裝訂冊號', 'Binding volume/seq'), system: true, source: 'S', step: 'archived' },
  ],
};

/** F2 投诉回访表: one return visit per complaint ticket, by management staff (P1-投訴5). */
export const returnVisits: FormDecl = {
  key: 'return_visits',
  code: 'F2',
  title: t('投诉回访表', '投訴回訪表', 'Complaint return-visit form'),
  sheet: t('投诉回访表', '投訴回訪表', 'Return visits'),
  clause: 'P1-投訴5–6',
  keyField: 'visit_no',
  numbering: { kind: 'derived', parentForm: 'complaints', parentField: 'ticket_no', format: '{parent}-HF' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'visit_no', type: 'text', label: t('回访表编号', '回訪表編號', 'Return-visit no.'), required: true, system: true, source: 'T' },
    { key: 'ticket_no', type: 'ref', ref: 'complaints', label: t('关联投诉编号', '關聯投訴編號', 'Ticket no.'), required: true, source: 'S' },
    {
      key: 'visited_at',
      type: 'datetime',
      label: t('回访时间', '回訪時間', 'Visited at'),
      required: true,
      source: 'T',
      help: t('宜在处理完成后3天内回访', '宜在處理完成後3天內回訪', 'Preferably within 3 days of handling'),
    },
    {
      key: 'method',
      type: 'code',
      label: t('回访方式', '回訪方式', 'Method'),
      required: true,
      source: 'T',
      codes: [c('phone', '电话', '電話', 'Phone'), c('in_person', '上门', '上門', 'In person'), c('written', '书面', '書面', 'Written')],
    },
    { key: 'person_visited', type: 'text', label: t('被回访人', '被回訪人', 'Person visited'), required: true, maxLength: 50, source: 'T' },
    { key: 'resolved', type: 'bool', label: t('是否解决', '是否解決', 'Resolved'), required: true, source: 'T' },
    { key: 'satisfaction', type: 'code', codes: SATISFACTION, label: t('满意度', '滿意度', 'Satisfaction'), required: true, source: 'T' },
    { key: 'customer_comment', type: 'longtext', label: t('客户意见', '客戶意見', 'Customer comment'), maxLength: 1000, source: 'T' },
    {
      key: 'visitor',
      type: 'signature',
      label: t('回访人', '回訪人', 'Visited by'),
      required: true,
      source: 'S',
      help: t('管理人员（非经理）', '管理人員（非經理）', 'Management staff (not the manager)'),
    },
    { key: 'received_by_cs', type: 'signature', label: t('转客服部签收', '轉客服部簽收', 'Received by CS'), required: true, source: 'S' },
  ],
};

/**
 * 投诉重开记录: one row per reopening of a ticket (P1-投訴3–5, W1 step 5). An unresolved or
 * dissatisfied return visit sends the ticket back to handling; the handling it reopened — action
 * and result, verdict, handled-at, the return to Customer Service — moves here from the ticket, with
 * the visit and the time that reopened it, so every handling round keeps its own handled-at and the
 * ticket shows the handling that stands (blank while it is handled again). The yearly statistics
 * read the rounds from here: a reopened ticket is open from its reopening until it is handled again.
 */
export const complaintReopenings: FormDecl = {
  key: 'complaint_reopenings',
  code: 'CR',
  title: t('投诉重开记录', '投訴重開記錄', 'Complaint reopenings'),
  sheet: t('投诉重开记录', '投訴重開記錄', 'Reopenings'),
  clause: 'P1-投訴3–5',
  keyField: 'reopening_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    {
      key: 'reopening_no',
      type: 'text',
      label: t('重开编号', '重開編號', 'Reopening no.'),
      required: true,
      system: true,
      maxLength: 30,
      source: 'T',
      help: t('投诉编号-R第几次重开，如 TS-2026-0001-R1', '投訴編號-R第幾次重開，如 TS-2026-0001-R1', 'Ticket no.-R and the reopening, e.g. TS-2026-0001-R1'),
    },
    { key: 'ticket_no', type: 'ref', ref: 'complaints', label: t('关联投诉编号', '關聯投訴編號', 'Ticket no.'), required: true, source: 'S' },
    {
      key: 'reopened_at',
      type: 'datetime',
      label: t('重开时间', '重開時間', 'Reopened at'),
      required: true,
      source: 'T',
      help: t('回访未解决或不满意的回访时间', '回訪未解決或不滿意的回訪時間', 'The time of the unresolved or dissatisfied return visit'),
    },
    {
      key: 'visit_no',
      type: 'ref',
      ref: 'return_visits',
      label: t('重开依据回访表编号', '重開依據回訪表編號', 'Reopened by visit no.'),
      required: true,
      source: 'T',
    },
    {
      key: 'action_result',
      type: 'longtext',
      label: t('被重开的处理措施及结果', '被重開的處理措施及結果', 'Reopened handling: action & result'),
      required: true,
      maxLength: 2000,
      source: 'S',
    },
    { key: 'substantiated', type: 'code', codes: SUBSTANTIATED, label: t('被重开处理的是否属实', '被重開處理的是否屬實', 'Reopened handling: substantiated'), required: true, source: 'T' },
    {
      key: 'handled_at',
      type: 'datetime',
      label: t('被重开处理的完成时间', '被重開處理的完成時間', 'Reopened handling: handled at'),
      required: true,
      source: 'S',
      help: t('这一轮处理完成的时间，保留不被再次处理覆盖', '這一輪處理完成的時間，保留不被再次處理覆蓋', 'When this round was handled; kept when the ticket is handled again'),
    },
    { key: 'returned_to_cs', type: 'signature', label: t('被重开处理的交回客服部签收', '被重開處理的交回客服部簽收', 'Reopened handling: returned to CS'), source: 'S' },
  ],
};

/**
 * F7 step 8 整改措施: the analysis and measures the manager records after reading the year's
 * statistics (P1-投訴8), one line per measure with the responsible department, due date and
 * progress. The statistics sheet of a year lists the year's measures and every earlier measure
 * still open at the start of that year (carried forward until closed). Progress is kept up to date
 * in the table itself, so it is an ordinary column rather than a workflow status.
 */
export const MEASURE_PROGRESS = [
  c('planned', '未开始', '未開始', 'Not started'),
  c('in_progress', '推进中', '推進中', 'In progress'),
  c('done', '已落实', '已落實', 'Done'),
  c('cancelled', '已撤销', '已撤銷', 'Cancelled'),
] as const;

/** Progress codes of a closed measure: it is no longer carried into the next year. */
export const CLOSED_MEASURE_PROGRESS: readonly string[] = ['done', 'cancelled'];

export const complaintMeasures: FormDecl = {
  key: 'complaint_measures',
  code: 'CM',
  title: t('投诉分析及整改措施', '投訴分析及整改措施', 'Complaint analysis and measures'),
  sheet: t('整改措施', '整改措施', 'Measures'),
  clause: 'P1-投訴7–8',
  keyField: 'measure_no',
  numbering: { kind: 'sequence', series: 'CM', format: 'CM-{YYYY}-{NNN}', period: 'year', dateField: 'raised_on' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'measure_no', type: 'text', label: t('措施编号', '措施編號', 'Measure no.'), required: true, system: true, source: 'T' },
    {
      key: 'stats_year',
      type: 'int',
      label: t('统计年度', '統計年度', 'Statistics year'),
      required: true,
      min: 2000,
      max: 2100,
      source: 'S',
      help: t('针对哪一年的投诉统计提出', '針對哪一年的投訴統計提出', 'The year of complaint statistics the measure answers'),
    },
    { key: 'raised_on', type: 'date', label: t('提出日期', '提出日期', 'Raised on'), required: true, source: 'T' },
    {
      key: 'finding',
      type: 'longtext',
      label: t('问题分析', '問題分析', 'Analysis'),
      required: true,
      maxLength: 1000,
      source: 'S',
      help: t('投诉重点、原因', '投訴重點、原因', 'The complaints in focus and their causes'),
    },
    { key: 'measure', type: 'longtext', label: t('整改措施', '整改措施', 'Measure'), required: true, maxLength: 1000, source: 'S' },
    { key: 'department', type: 'code', codes: DEPARTMENTS, label: t('责任部门', '責任部門', 'Responsible department'), required: true, source: 'S' },
    { key: 'owner', type: 'text', label: t('责任人', '責任人', 'Owner'), maxLength: 50, source: 'T' },
    { key: 'due_on', type: 'date', label: t('完成期限', '完成期限', 'Due date'), required: true, source: 'S' },
    { key: 'progress', type: 'code', codes: MEASURE_PROGRESS, label: t('落实情况', '落實情況', 'Progress'), required: true, source: 'S' },
    {
      key: 'closed_on',
      type: 'date',
      label: t('完成（撤销）日期', '完成（撤銷）日期', 'Closed on'),
      required: { when: { field: 'progress', in: [...CLOSED_MEASURE_PROGRESS] } },
      source: 'T',
      help: t('已落实或已撤销时填写', '已落實或已撤銷時填寫', 'When done or cancelled'),
    },
    { key: 'outcome', type: 'longtext', label: t('落实结果', '落實結果', 'Outcome'), maxLength: 1000, source: 'T' },
  ],
};

/** F6 装订目录: one line per bound volume of complaint tickets and return-visit forms (P1-投訴6). */
export const bindingIndex: FormDecl = {
  key: 'binding_index',
  code: 'F6',
  title: t('装订目录', '裝訂目錄', 'Binding index'),
  sheet: t('装订目录', '裝訂目錄', 'Binding index'),
  clause: 'P1-投訴6',
  keyField: 'volume_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    {
      key: 'volume_no',
      type: 'text',
      label: t('装订册号', '裝訂冊號', 'Volume no.'),
      required: true,
      maxLength: 20,
      source: 'S',
      help: t('格式 TS-YYYY-Vnn', '格式 TS-YYYY-Vnn', 'Format TS-YYYY-Vnn'),
    },
    { key: 'year', type: 'int', label: t('年度', '年度', 'Year'), required: true, min: 2000, max: 2100, source: 'T' },
    { key: 'first_ticket_no', type: 'ref', ref: 'complaints', label: t('起始投诉编号', '起始投訴編號', 'First ticket no.'), required: true, source: 'T' },
    { key: 'last_ticket_no', type: 'ref', ref: 'complaints', label: t('截止投诉编号', '截止投訴編號', 'Last ticket no.'), required: true, source: 'T' },
    { key: 'ticket_count', type: 'int', label: t('份数', '份數', 'Tickets'), required: true, min: 0, source: 'T' },
    {
      key: 'void_count',
      type: 'int',
      label: t('其中作废份数', '其中作廢份數', 'Of which void'),
      min: 0,
      source: 'T',
      help: t('作废单据照常编号装订并列明', '作廢單據照常編號裝訂並列明', 'Void tickets keep their numbers and are bound and listed'),
    },
    { key: 'bound_by', type: 'signature', label: t('装订人', '裝訂人', 'Bound by'), required: true, source: 'T' },
  ],
};
