import { c, t, CHANNELS, DEPARTMENTS, SATISFACTION, SUBSTANTIATED, URGENCY } from './codes';
import type { Text } from '../i18n/locale';
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
      codes: [
        c('phone', '电话', '電話', 'Phone'),
        c('in_person', '上门', '上門', 'In person'),
        c('written', '书面', '書面', 'Written'),
      ],
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

/** The six reception categories of P1-接待1–7. */
const RECEPTION_CATEGORIES = [
  c('inquiry', '询问', '詢問', 'Inquiry'),
  c('complaint', '投诉', '投訴', 'Complaint'),
  c('repair', '维修', '維修', 'Repair'),
  c('issue_report', '反映问题', '反映問題', 'Issue report'),
  c('suggestion', '建议', '建議', 'Suggestion'),
  c('other', '其他', '其他', 'Other'),
];

/** F3 客户接待登记表: one row per visit, call or letter, in six categories (P1-接待1–7, workflow W2). */
export const reception: FormDecl = {
  key: 'reception',
  code: 'F3',
  title: t('客户接待登记表', '客戶接待登記表', 'Customer reception register'),
  sheet: t('客户接待登记表', '客戶接待登記表', 'Reception'),
  clause: 'P1-接待1–7',
  keyField: 'reception_no',
  numbering: { kind: 'sequence', series: 'JD', format: 'JD-{YYYYMMDD}-{NNN}', period: 'day', dateField: 'received_at' },
  copies: [],
  statuses: [
    c('registered', '已登记', '已登記', 'Registered'),
    c('referred', '已转办', '已轉辦', 'Referred'),
    c('closed', '已办结', '已辦結', 'Closed'),
  ],
  fields: [
    { key: 'reception_no', type: 'text', label: t('接待编号', '接待編號', 'Reception no.'), required: true, system: true, source: 'T' },
    { key: 'received_at', type: 'datetime', label: t('接待时间', '接待時間', 'Received at'), required: true, source: 'S' },
    { key: 'channel', type: 'code', codes: CHANNELS, label: t('方式', '方式', 'Channel'), required: true, source: 'S' },
    { key: 'caller', type: 'text', label: t('来访人', '來訪人', 'Caller'), maxLength: 50, source: 'T' },
    { key: 'caller_dept', type: 'text', label: t('来访人科室', '來訪人科室', "Caller's dept/ward"), maxLength: 50, source: 'T' },
    { key: 'caller_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    { key: 'matter', type: 'longtext', label: t('事项内容', '事項內容', 'Matter'), required: true, maxLength: 2000, source: 'S' },
    { key: 'category', type: 'code', codes: RECEPTION_CATEGORIES, label: t('分类', '分類', 'Category'), required: true, source: 'S' },
    {
      key: 'importance',
      type: 'code',
      label: t('重要程度', '重要程度', 'Importance'),
      required: { when: { field: 'category', in: ['other'] } },
      source: 'S',
      codes: [
        c('normal', '一般', '一般', 'Normal'),
        c('important', '重要', '重要', 'Important'),
        c('critical', '重大', '重大', 'Critical'),
      ],
      help: t('其他类必填，据此决定是否呈报公司经理', '其他類必填，據此決定是否呈報公司經理', 'Required for "other": decides escalation to the company manager'),
    },
    {
      key: 'answered_on_spot',
      type: 'bool',
      label: t('当场答复', '當場答復', 'Answered on the spot'),
      required: { when: { field: 'category', in: ['inquiry'] } },
      source: 'S',
      help: t('当时不能解释的，记录下来并在最短时间内答复', '當時不能解釋的，記錄下來並在最短時間內答復', 'If it cannot be explained at once, record it and reply as soon as possible'),
    },
    {
      key: 'reply_due',
      type: 'datetime',
      label: t('办结期限', '辦結期限', 'Due by'),
      system: true,
      source: 'T',
      help: t('按承诺时限表和工作日历计算', '按承諾時限表和工作日曆計算', 'From the promised-times table and the working-day calendar'),
    },
    {
      key: 'referred_to',
      type: 'code',
      codes: DEPARTMENTS,
      label: t('转交部门', '轉交部門', 'Referred to'),
      required: { when: { field: 'category', in: ['issue_report'] } },
      source: 'S',
      step: 'referred',
    },
    {
      key: 'complaint_no',
      type: 'ref',
      ref: 'complaints',
      label: t('关联投诉编号', '關聯投訴編號', 'Linked complaint no.'),
      required: { when: { field: 'category', in: ['complaint'] } },
      source: 'T',
      step: 'referred',
    },
    {
      key: 'repair_order_no',
      type: 'ref',
      ref: 'repair_orders',
      label: t('关联维修单号', '關聯維修單號', 'Linked repair order no.'),
      required: { when: { field: 'category', in: ['repair'] } },
      source: 'T',
      step: 'referred',
    },
    {
      key: 'replied_at',
      type: 'datetime',
      label: t('答复时间', '答復時間', 'Replied at'),
      required: { when: { field: 'answered_on_spot', in: ['no'] } },
      source: 'S',
      step: 'closed',
      help: t('宜在24小时内答复', '宜在24小時內答復', 'Preferably within 24 hours'),
    },
    {
      key: 'reply',
      type: 'longtext',
      label: t('答复内容', '答復內容', 'Reply'),
      required: { when: { field: 'answered_on_spot', in: ['no'] } },
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'verification_result',
      type: 'longtext',
      label: t('核实处理结果', '核實處理結果', 'Verification result'),
      required: { when: { field: 'category', in: ['issue_report'] } },
      maxLength: 2000,
      source: 'S',
      step: 'closed',
    },
    {
      key: 'compiled_in',
      type: 'text',
      label: t('汇总报告', '匯總報告', 'Compiled in (report)'),
      required: { when: { field: 'category', in: ['suggestion'] } },
      maxLength: 100,
      source: 'S',
      step: 'closed',
      help: t('定期整理的报告名称或编号及期间', '定期整理的報告名稱或編號及期間', 'Title or no. and period of the periodic compilation'),
    },
    {
      key: 'reported_to',
      type: 'code',
      label: t('报送对象', '報送對象', 'Reported to'),
      required: { when: { field: 'category', in: ['suggestion'] } },
      source: 'S',
      step: 'closed',
      codes: [
        c('customer_service', '客户服务部', '客戶服務部', 'Customer Service'),
        c('supervisor', '主管', '主管', 'Supervisor'),
      ],
    },
    {
      key: 'escalated',
      type: 'bool',
      label: t('呈报公司经理', '呈報公司經理', 'Escalated to the company manager'),
      required: { when: { field: 'category', in: ['other'] } },
      source: 'S',
      step: 'closed',
    },
    { key: 'receptionist', type: 'signature', label: t('接待人', '接待人', 'Receptionist'), required: true, source: 'S' },
  ],
};

/** F4 工程维修单, in triplicate: one repair from report to closure (P1-接待4, workflow W3). */
export const repairOrders: FormDecl = {
  key: 'repair_orders',
  code: 'F4',
  title: t('工程维修单', '工程維修單', 'Engineering repair order'),
  sheet: t('工程维修单', '工程維修單', 'Repair orders'),
  clause: 'P1-接待4',
  keyField: 'order_no',
  numbering: { kind: 'sequence', series: 'WX', format: 'WX-{YYYY}-{NNNNN}', period: 'year', dateField: 'reported_at' },
  copies: [
    {
      key: 'copy1',
      label: t('第一联', '第一聯', 'Copy 1'),
      route: t('工程部签收，工程部存根', '工程部簽收，工程部存根', "Signed for by Engineering; Engineering's stub"),
    },
    {
      key: 'copy2',
      label: t('第二联', '第二聯', 'Copy 2'),
      route: t(
        '工程部签收，随维修人员到场，完工由报修人验收签字后交回客户服务部回访',
        '工程部簽收，隨維修人員到場，完工由報修人驗收簽字後交回客戶服務部回訪',
        'Signed for by Engineering; goes with the technician, signed by the requester on completion, returned to Customer Service for the return visit',
      ),
    },
    {
      key: 'copy3',
      label: t('第三联', '第三聯', 'Copy 3'),
      route: t(
        '工程部签收，客户服务部存根；有偿维修交财务',
        '工程部簽收，客戶服務部存根；有償維修交財務',
        "Signed for by Engineering; Customer Service's stub, or to Finance for a paid repair",
      ),
    },
  ],
  statuses: [
    c('created', '已开单', '已開單', 'Created'),
    c('signed_by_engineering', '工程部已签收', '工程部已簽收', 'Signed by Engineering'),
    c('dispatched', '已派工', '已派工', 'Dispatched'),
    c('in_repair', '维修中', '維修中', 'In repair'),
    c('waiting_parts', '待料', '待料', 'Waiting for parts'),
    c('completed', '已完工', '已完工', 'Completed'),
    c('returned_to_cs', '已交回客服部', '已交回客服部', 'Returned to CS'),
    c('visited', '已回访', '已回訪', 'Visited'),
    c('closed', '已关闭', '已關閉', 'Closed'),
  ],
  fields: [
    { key: 'order_no', type: 'text', label: t('维修单号', '維修單號', 'Repair order no.'), required: true, system: true, source: 'T' },
    {
      key: 'paper_no',
      type: 'text',
      label: t('纸质单号', '紙本單號', 'Paper form no.'),
      maxLength: 30,
      source: 'T',
      help: t('预印纸质单上的编号', '預印紙本單上的編號', 'The number printed on the paper form'),
    },
    { key: 'reception_no', type: 'ref', ref: 'reception', label: t('接待编号', '接待編號', 'Reception no.'), source: 'T' },
    { key: 'reported_at', type: 'datetime', label: t('报修时间', '報修時間', 'Reported at'), required: true, source: 'T' },
    { key: 'requester', type: 'text', label: t('报修人', '報修人', 'Requester'), required: true, maxLength: 50, source: 'T' },
    { key: 'requester_dept', type: 'text', label: t('报修科室', '報修科室', "Requester's dept/ward"), maxLength: 50, source: 'T' },
    { key: 'requester_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    {
      key: 'location',
      type: 'text',
      label: t('维修地点', '維修地點', 'Location'),
      required: true,
      maxLength: 100,
      source: 'T',
      help: t('院区–楼栋–楼层–房间', '院區–樓棟–樓層–房間', 'Campus – building – floor – room'),
    },
    { key: 'fault', type: 'longtext', label: t('维修内容', '維修內容', 'Fault description'), required: true, maxLength: 2000, source: 'S' },
    {
      key: 'trade',
      type: 'code',
      label: t('维修类别', '維修類別', 'Trade'),
      source: 'T',
      codes: [
        c('water', '水', '水', 'Plumbing'),
        c('electrical', '电', '電', 'Electrical'),
        c('hvac', '暖通', '暖通', 'HVAC'),
        c('civil', '土建', '土建', 'Building works'),
        c('doors_windows', '门窗', '門窗', 'Doors & windows'),
        c('equipment', '设备', '設備', 'Equipment'),
      ],
    },
    { key: 'urgency', type: 'code', codes: URGENCY, label: t('紧急程度', '緊急程度', 'Urgency'), source: 'T' },
    {
      key: 'due_at',
      type: 'datetime',
      label: t('完工期限', '完工期限', 'Due by'),
      system: true,
      source: 'T',
      help: t('按承诺时限表和工作日历计算', '按承諾時限表和工作日曆計算', 'From the promised-times table and the working-day calendar'),
    },
    {
      key: 'engineering_signed',
      type: 'signature',
      label: t('工程部签收', '工程部簽收', 'Signed for by Engineering'),
      required: true,
      source: 'S',
      step: 'signed_by_engineering',
      help: t('三联均须由工程部签收', '三聯均須由工程部簽收', 'Engineering signs for all three copies'),
    },
    { key: 'technician', type: 'text', label: t('派工人', '派工人', 'Technician assigned'), required: true, maxLength: 50, source: 'T', step: 'dispatched' },
    { key: 'arrived_at', type: 'datetime', label: t('到场时间', '到場時間', 'Arrived at'), source: 'T', step: 'in_repair' },
    { key: 'completed_at', type: 'datetime', label: t('完工时间', '完工時間', 'Completed at'), required: true, source: 'T', step: 'completed' },
    { key: 'result', type: 'longtext', label: t('维修结果', '維修結果', 'Result'), required: true, maxLength: 1000, source: 'T', step: 'completed' },
    { key: 'materials', type: 'longtext', label: t('耗用材料', '耗用材料', 'Materials used'), maxLength: 1000, source: 'T', step: 'completed' },
    { key: 'paid', type: 'bool', label: t('有偿维修', '有償維修', 'Paid repair'), required: true, source: 'T', step: 'completed' },
    {
      key: 'cost',
      type: 'money',
      label: t('费用', '費用', 'Cost'),
      required: { when: { field: 'paid', in: ['yes'] } },
      min: 0,
      source: 'T',
      step: 'completed',
    },
    {
      key: 'requester_accepted',
      type: 'signature',
      label: t('报修人验收签字', '報修人驗收簽字', 'Accepted by requester'),
      required: true,
      source: 'T',
      step: 'completed',
    },
    {
      key: 'returned_to_cs',
      type: 'signature',
      label: t('第二联交回客服部签收', '第二聯交回客服部簽收', 'Copy 2 returned to CS, signed by'),
      required: true,
      source: 'T',
      step: 'returned_to_cs',
    },
  ],
};

/** F5 维修台账: one line per repair order (P1-接待4), keyed by its WX number. */
export const repairLedger: FormDecl = {
  key: 'repair_ledger',
  code: 'F5',
  title: t('维修台账', '維修臺賬', 'Repair ledger'),
  sheet: t('维修台账', '維修臺賬', 'Repair ledger'),
  clause: 'P1-接待4',
  keyField: 'order_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [
    c('open', '未完工', '未完工', 'Open'),
    c('completed', '已完工', '已完工', 'Completed'),
    c('closed', '已关闭', '已關閉', 'Closed'),
  ],
  fields: [
    { key: 'order_no', type: 'ref', ref: 'repair_orders', label: t('维修单号', '維修單號', 'Repair order no.'), required: true, source: 'S' },
    { key: 'entry_date', type: 'date', label: t('日期', '日期', 'Date'), required: true, source: 'T' },
    { key: 'location', type: 'text', label: t('维修地点', '維修地點', 'Location'), required: true, maxLength: 100, source: 'T' },
    { key: 'content', type: 'longtext', label: t('维修内容', '維修內容', 'Repair content'), required: true, maxLength: 2000, source: 'T' },
    { key: 'technician', type: 'text', label: t('维修人', '維修人', 'Technician'), maxLength: 50, source: 'T' },
    { key: 'completed_at', type: 'datetime', label: t('完工时间', '完工時間', 'Completed at'), required: true, source: 'T', step: 'completed' },
    { key: 'result', type: 'longtext', label: t('维修结果', '維修結果', 'Result'), required: true, maxLength: 1000, source: 'T', step: 'completed' },
    { key: 'materials', type: 'longtext', label: t('耗用材料', '耗用材料', 'Materials used'), maxLength: 1000, source: 'T', step: 'completed' },
    { key: 'paid', type: 'bool', label: t('有偿维修', '有償維修', 'Paid repair'), required: true, source: 'T', step: 'completed' },
    {
      key: 'visit_result',
      type: 'code',
      codes: SATISFACTION,
      label: t('回访结果', '回訪結果', 'Return-visit result'),
      source: 'T',
      step: 'closed',
    },
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
];

export const DUE_UNITS = [
  c('hours', '小时', '小時', 'Hours'),
  c('working_days', '工作日', '工作日', 'Working days'),
  c('calendar_days', '自然日', '自然日', 'Calendar days'),
];

/** 承诺时限表: the promised time of each kind of desk matter (configurable, DESIGN principle 9). */
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
