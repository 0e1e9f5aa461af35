import { c, t, DOCUMENT_TYPES, NO_ID_NUMBER_HELP, SCENIC_DEPARTMENTS, VEHICLE_TYPES } from './codes';
import type { CodeDecl, FormDecl } from './types';
import type { Text } from '../i18n/locale';

/** F8 轮椅/婴儿车借用登记表: one loan or rental of a wheelchair or stroller (P2-2.2, 3.1.3; workflow W4). */
export const loans: FormDecl = {
  key: 'loans',
  code: 'F8',
  title: t('轮椅/婴儿车借用登记表', '輪椅/嬰兒車借用登記表', 'Wheelchair/stroller loan register'),
  sheet: t('轮椅婴儿车借用', '輪椅嬰兒車借用', 'Loans'),
  clause: 'P2-2.2, P2-3.1.3',
  keyField: 'loan_no',
  numbering: { kind: 'sequence', series: 'JY', format: 'JY-{YYYYMMDD}-{NNN}', period: 'day', dateField: 'lent_at' },
  copies: [],
  statuses: [
    c('on_loan', '借出中', '借出中', 'On loan'),
    c('returned', '已归还', '已歸還', 'Returned'),
    c('inspected', '已检查', '已檢查', 'Inspected'),
    c('sent_for_repair', '已送修', '已送修', 'Sent for repair'),
    c('settled', '已结清', '已結清', 'Settled'),
    c('overdue', '逾期/遗失', '逾期/遺失', 'Overdue/lost'),
  ],
  fields: [
    { key: 'loan_no', type: 'text', label: t('借用编号', '借用編號', 'Loan no.'), required: true, system: true, source: 'T' },
    { key: 'vehicle_type', type: 'code', codes: VEHICLE_TYPES, label: t('车辆类型', '車輛類型', 'Vehicle type'), required: true, source: 'S' },
    {
      key: 'vehicle_no',
      type: 'text',
      label: t('车辆编号', '車輛編號', 'Vehicle no.'),
      required: true,
      maxLength: 20,
      source: 'T',
      help: t('车辆归还检查登记前不得再次出借', '車輛歸還檢查登記前不得再次出借', 'A vehicle cannot be lent again until its return check is recorded'),
    },
    {
      key: 'loan_kind',
      type: 'code',
      label: t('借用/租用', '借用/租用', 'Loan or rental'),
      required: true,
      source: 'S',
      codes: [c('loan', '借用', '借用', 'Loan'), c('rental', '租用', '租用', 'Rental')],
    },
    { key: 'lent_at', type: 'datetime', label: t('借出时间', '借出時間', 'Lent at'), required: true, source: 'T' },
    { key: 'borrower', type: 'text', label: t('借用人', '借用人', 'Borrower'), required: true, maxLength: 50, source: 'T' },
    { key: 'borrower_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    { key: 'document_type', type: 'code', codes: DOCUMENT_TYPES, label: t('证件类型', '證件類型', 'Document seen'), source: 'T', help: NO_ID_NUMBER_HELP },
    { key: 'deposit', type: 'money', label: t('押金', '押金', 'Deposit'), min: 0, source: 'T' },
    {
      key: 'rental_fee',
      type: 'money',
      label: t('租金', '租金', 'Rental fee'),
      required: { when: { field: 'loan_kind', in: ['rental'] } },
      min: 0,
      source: 'T',
    },
    { key: 'condition_out', type: 'text', label: t('出借车况', '出借車況', 'Condition when lent'), maxLength: 200, source: 'T' },
    { key: 'staff', type: 'signature', label: t('经办人', '經辦人', 'Staff'), required: true, source: 'T' },
    { key: 'returned_at', type: 'datetime', label: t('归还时间', '歸還時間', 'Returned at'), required: true, source: 'S', step: 'returned' },
    {
      key: 'return_check',
      type: 'code',
      label: t('归还检查', '歸還檢查', 'Return check'),
      required: true,
      source: 'S',
      step: 'inspected',
      codes: [c('intact', '完好', '完好', 'Intact'), c('damaged', '损坏', '損壞', 'Damaged')],
      help: t('如有损坏，应立即送修理部修理', '如有損壞，應立即送修理部修理', 'If damaged, send it to the repair shop immediately'),
    },
    {
      key: 'damage',
      type: 'longtext',
      label: t('损坏描述', '損壞描述', 'Damage'),
      required: { when: { field: 'return_check', in: ['damaged'] } },
      maxLength: 500,
      source: 'S',
      step: 'inspected',
    },
    {
      key: 'repair_slip_no',
      type: 'ref',
      ref: 'repair_slips',
      label: t('送修单号', '送修單號', 'Repair slip no.'),
      required: { when: { field: 'return_check', in: ['damaged'] } },
      source: 'S',
      step: 'sent_for_repair',
    },
    {
      key: 'settlement',
      type: 'code',
      label: t('押金退还/赔偿', '押金退還/賠償', 'Deposit refund or compensation'),
      required: true,
      source: 'T',
      step: 'settled',
      codes: [
        c('refunded', '押金已退还', '押金已退還', 'Deposit refunded'),
        c('deducted', '押金抵扣赔偿', '押金抵扣賠償', 'Deposit kept as compensation'),
        c('compensated', '另行赔偿', '另行賠償', 'Compensation paid'),
        c('none', '无押金无赔偿', '無押金無賠償', 'No deposit, no compensation'),
      ],
    },
    {
      key: 'compensation',
      type: 'money',
      label: t('赔偿金额', '賠償金額', 'Compensation'),
      required: { when: { field: 'settlement', in: ['deducted', 'compensated'] } },
      min: 0,
      source: 'T',
      step: 'settled',
    },
    // Template version 4 (issue 13): the settlement balanced to the fen, and a vehicle not brought back.
    {
      key: 'compensation_reason',
      type: 'text',
      label: t('赔偿原因', '賠償原因', 'Reason for compensation'),
      required: { when: { field: 'settlement', in: ['deducted', 'compensated'] } },
      maxLength: 200,
      source: 'T',
      step: 'settled',
    },
    {
      key: 'refund',
      type: 'money',
      label: t('退还押金', '退還押金', 'Deposit refunded'),
      min: 0,
      system: true,
      source: 'T',
      help: t('押金减去抵扣的赔偿，结清时计算', '押金減去抵扣的賠償，結清時計算', 'The deposit less the compensation kept from it, computed at settlement'),
    },
    { key: 'settled_at', type: 'datetime', label: t('结清时间', '結清時間', 'Settled at'), required: true, source: 'T', step: 'settled' },
    {
      key: 'lost_note',
      type: 'text',
      label: t('逾期/遗失说明', '逾期/遺失說明', 'Overdue or lost: note'),
      required: true,
      maxLength: 200,
      source: 'T',
      step: 'overdue',
    },
  ],
};

/**
 * F8 车辆台账: the wheelchairs and strollers lent at the service centre, one row per vehicle
 * (P2-2.2, 3.1.3; workflow W4). A vehicle is lent only when available; the loan's return check
 * makes it available again or sends it for repair, and the repair slip's result brings it back or
 * scraps it (template version 4).
 */
export const vehicles: FormDecl = {
  key: 'vehicles',
  code: 'F8',
  title: t('轮椅/婴儿车台账', '輪椅/嬰兒車臺賬', 'Wheelchair and stroller fleet'),
  sheet: t('轮椅婴儿车台账', '輪椅嬰兒車臺賬', 'Fleet'),
  clause: 'P2-2.2, P2-3.1.3',
  keyField: 'vehicle_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [
    c('available', '可借用', '可借用', 'Available'),
    c('on_loan', '借出中', '借出中', 'On loan'),
    c('under_repair', '送修中', '送修中', 'Under repair'),
    c('lost', '遗失', '遺失', 'Lost'),
    c('scrapped', '已报废', '已報廢', 'Scrapped'),
  ],
  fields: [
    {
      key: 'vehicle_no',
      type: 'text',
      label: t('车辆编号', '車輛編號', 'Vehicle no.'),
      required: true,
      maxLength: 20,
      source: 'T',
      help: t('资产编号，贴在车上', '資產編號，貼在車上', 'The asset number on the vehicle'),
    },
    { key: 'vehicle_type', type: 'code', codes: VEHICLE_TYPES, label: t('车辆类型', '車輛類型', 'Vehicle type'), required: true, source: 'S' },
    { key: 'description', type: 'text', label: t('型号/说明', '型號/說明', 'Model or description'), maxLength: 100, source: 'T' },
    { key: 'in_service_on', type: 'date', label: t('启用日期', '啟用日期', 'In service since'), source: 'T' },
    {
      key: 'current_loan',
      type: 'ref',
      ref: 'loans',
      label: t('当前借用编号', '當前借用編號', 'Current loan'),
      system: true,
      source: 'T',
      help: t('借出时填写，归还检查后清空', '借出時填寫，歸還檢查後清空', 'Set when lent, cleared by the return check'),
    },
    { key: 'repair_slip_no', type: 'ref', ref: 'repair_slips', label: t('送修单号', '送修單號', 'Repair slip no.'), system: true, source: 'S' },
    { key: 'note', type: 'text', label: t('车辆说明', '車輛說明', 'Note on the vehicle'), maxLength: 200, source: 'T' },
  ],
};

/** F9 送修单: a damaged vehicle sent to the repair shop "immediately" (P2-3.1.3; workflow W4). */
export const repairSlips: FormDecl = {
  key: 'repair_slips',
  code: 'F9',
  title: t('送修单', '送修單', 'Repair hand-over slip'),
  sheet: t('送修单', '送修單', 'Repair slips'),
  clause: 'P2-3.1.3',
  keyField: 'slip_no',
  numbering: { kind: 'sequence', series: 'SX', format: 'SX-{YYYY}-{NNNN}', period: 'year', dateField: 'sent_at' },
  copies: [],
  statuses: [c('sent', '已送修', '已送修', 'Sent'), c('received', '修理部已接收', '修理部已接收', 'Received by repair shop'), c('closed', '已完成', '已完成', 'Closed')],
  fields: [
    { key: 'slip_no', type: 'text', label: t('送修单号', '送修單號', 'Repair slip no.'), required: true, system: true, source: 'T' },
    { key: 'loan_no', type: 'ref', ref: 'loans', label: t('借用编号', '借用編號', 'Loan no.'), source: 'T' },
    { key: 'vehicle_type', type: 'code', codes: VEHICLE_TYPES, label: t('车辆类型', '車輛類型', 'Vehicle type'), required: true, source: 'S' },
    { key: 'vehicle_no', type: 'text', label: t('车辆编号', '車輛編號', 'Vehicle no.'), required: true, maxLength: 20, source: 'T' },
    { key: 'damage', type: 'longtext', label: t('损坏情况', '損壞情況', 'Damage'), required: true, maxLength: 500, source: 'S' },
    { key: 'sent_at', type: 'datetime', label: t('送修时间', '送修時間', 'Sent at'), required: true, source: 'T' },
    { key: 'sent_by', type: 'signature', label: t('送修人', '送修人', 'Sent by'), required: true, source: 'T' },
    {
      key: 'received_by_shop',
      type: 'signature',
      label: t('修理部签收', '修理部簽收', 'Received by repair shop'),
      required: true,
      source: 'T',
      step: 'received',
    },
    { key: 'repaired_at', type: 'datetime', label: t('修复时间', '修復時間', 'Finished at'), required: true, source: 'T', step: 'closed' },
    {
      key: 'result',
      type: 'code',
      label: t('修理结果', '修理結果', 'Result'),
      required: true,
      source: 'T',
      step: 'closed',
      codes: [c('repaired', '修复', '修復', 'Repaired'), c('scrapped', '报废', '報廢', 'Scrapped')],
    },
  ],
};

/** F10 广播寻人登记表: one missing-person request at the broadcast station (P2-2.3, 3.2; workflow W5). */
export const broadcasts: FormDecl = {
  key: 'broadcasts',
  code: 'F10',
  title: t('广播寻人登记表', '廣播尋人登記表', 'Missing-person broadcast register'),
  sheet: t('广播寻人登记表', '廣播尋人登記表', 'Broadcasts'),
  clause: 'P2-2.3, P2-3.2',
  keyField: 'broadcast_no',
  numbering: { kind: 'sequence', series: 'XR', format: 'XR-{YYYYMMDD}-{NNN}', period: 'day', dateField: 'requested_at' },
  copies: [],
  statuses: [
    c('requested', '已登记', '已登記', 'Requested'),
    c('broadcasting', '广播中', '廣播中', 'Broadcasting'),
    c('broadcast_done', '广播完毕', '廣播完畢', 'Broadcast done'),
    c('closed', '已结束', '已結束', 'Closed'),
  ],
  fields: [
    { key: 'broadcast_no', type: 'text', label: t('寻人编号', '尋人編號', 'Broadcast no.'), required: true, system: true, source: 'T' },
    { key: 'requested_at', type: 'datetime', label: t('求助时间', '求助時間', 'Requested at'), required: true, source: 'T' },
    { key: 'requester', type: 'text', label: t('求助人', '求助人', 'Requester'), required: true, maxLength: 50, source: 'T' },
    { key: 'requester_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    { key: 'relationship', type: 'text', label: t('与走失者关系', '與走失者關係', 'Relationship to the missing person'), maxLength: 20, source: 'T' },
    {
      key: 'assisting_staff',
      type: 'text',
      label: t('协助员工', '協助員工', 'Staff who helped'),
      maxLength: 50,
      source: 'S',
      help: t('员工遇到寻人游客应主动协助联系广播站', '員工遇到尋人遊客應主動協助聯繫廣播站', 'Staff who meet a searching visitor help them reach the broadcast station'),
    },
    { key: 'missing_name', type: 'text', label: t('走失者姓名', '走失者姓名', 'Missing person'), required: true, maxLength: 50, source: 'T' },
    {
      key: 'missing_sex',
      type: 'code',
      label: t('走失者性别', '走失者性別', 'Sex'),
      source: 'T',
      codes: [c('male', '男', '男', 'Male'), c('female', '女', '女', 'Female')],
    },
    { key: 'missing_age', type: 'int', label: t('走失者年龄', '走失者年齡', 'Age'), min: 0, max: 120, source: 'T' },
    { key: 'clothing', type: 'text', label: t('衣着特征', '衣著特徵', 'Clothing and features'), maxLength: 200, source: 'T' },
    { key: 'last_seen_at', type: 'datetime', label: t('走失时间', '走失時間', 'Last seen at'), source: 'T' },
    { key: 'last_seen_place', type: 'text', label: t('走失地点', '走失地點', 'Last seen where'), maxLength: 100, source: 'T' },
    { key: 'meeting_point', type: 'text', label: t('会合地点', '會合地點', 'Meeting point'), required: true, maxLength: 100, source: 'T' },
    {
      key: 'languages',
      type: 'codes',
      label: t('广播语种', '廣播語種', 'Languages'),
      required: true,
      source: 'S',
      codes: [
        c('mandarin', '普通话', '普通話', 'Mandarin'),
        c('local_dialect', '当地方言', '當地方言', 'Local dialect'),
        c('english', '英语', '英語', 'English'),
        c('other', '其他语种', '其他語種', 'Other language'),
      ],
      help: t('必须用普通话广播，可另加其他语种', '必須用普通話廣播，可另加其他語種', 'Mandarin is required; other languages may be added'),
    },
    {
      key: 'reading_times',
      type: 'text',
      label: t('播出时间记录', '播出時間記錄', 'Reading times'),
      required: true,
      maxLength: 400,
      source: 'S',
      step: 'broadcasting',
      help: t('每播一遍记一个时间（HH:MM），以“、”分隔', '每播一遍記一個時間（HH:MM），以「、」分隔', 'One time (HH:MM) per reading, separated by "、"'),
    },
    {
      key: 'reading_count',
      type: 'int',
      label: t('广播次数', '廣播次數', 'Readings'),
      required: true,
      min: 0,
      source: 'S',
      step: 'broadcasting',
      help: t('不少于三遍；不足三遍提前结束须说明原因', '不少於三遍；不足三遍提前結束須說明原因', 'At least three; closing early with fewer needs a reason'),
    },
    { key: 'announcer', type: 'text', label: t('广播员', '廣播員', 'Announcer'), maxLength: 50, source: 'T', step: 'broadcasting' },
    {
      key: 'outcome',
      type: 'code',
      label: t('结果', '結果', 'Outcome'),
      required: true,
      source: 'T',
      step: 'closed',
      codes: [c('found', '已找到', '已找到', 'Found'), c('handed_to_police', '移交公安', '移交公安', 'Handed to the police'), c('withdrawn', '撤销', '撤銷', 'Withdrawn')],
    },
    { key: 'closed_at', type: 'datetime', label: t('结束时间', '結束時間', 'Closed at'), required: true, source: 'T', step: 'closed' },
    {
      key: 'early_close_reason',
      type: 'text',
      label: t('不足三遍结束原因', '不足三遍結束原因', 'Reason for closing before three readings'),
      maxLength: 200,
      source: 'T',
      step: 'closed',
    },
    // Template version 4 (issue 13): when the last reading was made (the readings' times carry no date).
    { key: 'last_read_at', type: 'datetime', label: t('最近播出时间', '最近播出時間', 'Last read at'), system: true, source: 'T' },
  ],
};

/** F11 预约登记表: one reservation of a special group (P2-3.3; workflow W6). */
export const reservations: FormDecl = {
  key: 'reservations',
  code: 'F11',
  title: t('预约登记表', '預約登記表', 'Reservation register'),
  sheet: t('预约登记表', '預約登記表', 'Reservations'),
  clause: 'P2-2.3, P2-3.3',
  keyField: 'reservation_no',
  numbering: { kind: 'sequence', series: 'YP', format: 'YP-{YYYY}-{NNNN}', period: 'year', dateField: 'received_at' },
  copies: [],
  statuses: [
    c('received', '已预约', '已預約', 'Reservation received'),
    c('plan_drafted', '计划已制定', '計劃已制定', 'Plan drafted'),
    c('plan_sent', '计划已发送', '計劃已發送', 'Plan sent'),
    c('depts_ready', '各部门就绪', '各部門就緒', 'Departments ready'),
    c('tickets_delivered', '已送票', '已送票', 'Tickets delivered'),
    c('served', '已接待', '已接待', 'Served'),
    c('closed', '已关闭', '已關閉', 'Closed'),
  ],
  fields: [
    { key: 'reservation_no', type: 'text', label: t('预约编号', '預約編號', 'Reservation no.'), required: true, system: true, source: 'T' },
    { key: 'received_at', type: 'datetime', label: t('预约时间', '預約時間', 'Received at'), required: true, source: 'T' },
    { key: 'group_name', type: 'text', label: t('团体名称', '團體名稱', 'Group'), required: true, maxLength: 100, source: 'S' },
    { key: 'contact', type: 'text', label: t('联系人', '聯繫人', 'Contact'), required: true, maxLength: 50, source: 'T' },
    { key: 'contact_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), required: true, maxLength: 30, source: 'T' },
    { key: 'arrival_at', type: 'datetime', label: t('到达时间', '到達時間', 'Visit date and arrival time'), required: true, source: 'T' },
    { key: 'headcount', type: 'int', label: t('人数', '人數', 'Headcount'), required: true, min: 1, source: 'T' },
    { key: 'seniors', type: 'int', label: t('其中老人', '其中老人', 'Of which seniors'), min: 0, source: 'T' },
    { key: 'disabled', type: 'int', label: t('其中残疾人', '其中殘疾人', 'Of which disabled'), min: 0, source: 'T' },
    { key: 'children', type: 'int', label: t('其中幼儿', '其中幼兒', 'Of which children'), min: 0, source: 'T' },
    { key: 'ticket_address', type: 'text', label: t('送票地址', '送票地址', 'Ticket-delivery address'), required: true, maxLength: 200, source: 'S' },
    { key: 'ticket_time', type: 'datetime', label: t('送票时间', '送票時間', 'Ticket-delivery time'), required: true, source: 'S' },
    // Template version 4 (issue 13): the visit served and the reservation closed.
    { key: 'served_at', type: 'datetime', label: t('接待时间', '接待時間', 'Served at'), required: true, source: 'T', step: 'served' },
    { key: 'served_count', type: 'int', label: t('实到人数', '實到人數', 'Visitors served'), required: true, min: 0, source: 'T', step: 'served' },
    { key: 'closing_note', type: 'text', label: t('关闭说明', '關閉說明', 'Closing note'), maxLength: 200, source: 'T', step: 'closed' },
  ],
};

/** F11 接待计划: the reception plan drafted for a reservation (P2-3.3.2–3.3.4). */
export const receptionPlans: FormDecl = {
  key: 'reception_plans',
  code: 'F11',
  title: t('接待计划', '接待計劃', 'Reception plan'),
  sheet: t('接待计划', '接待計劃', 'Reception plans'),
  clause: 'P2-3.3.2–3.3.4',
  keyField: 'plan_no',
  numbering: { kind: 'derived', parentForm: 'reservations', parentField: 'reservation_no', format: 'JH-{parent}' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'plan_no', type: 'text', label: t('计划编号', '計劃編號', 'Plan no.'), required: true, system: true, source: 'T' },
    { key: 'reservation_no', type: 'ref', ref: 'reservations', label: t('预约编号', '預約編號', 'Reservation no.'), required: true, source: 'S' },
    { key: 'route', type: 'longtext', label: t('游览线路', '遊覽線路', 'Route'), maxLength: 1000, source: 'T' },
    { key: 'transport_parking', type: 'longtext', label: t('交通停车', '交通停車', 'Transport and parking'), maxLength: 1000, source: 'T' },
    { key: 'guide', type: 'longtext', label: t('导游讲解', '導遊講解', 'Guide and interpreter'), maxLength: 1000, source: 'T' },
    { key: 'facilities', type: 'longtext', label: t('租用游览设施', '租用遊覽設施', 'Facilities to rent'), maxLength: 1000, source: 'S' },
    { key: 'meals', type: 'longtext', label: t('订餐情况', '訂餐情況', 'Meals'), maxLength: 1000, source: 'S' },
    {
      key: 'special_needs',
      type: 'longtext',
      label: t('特殊要求', '特殊要求', 'Special needs'),
      maxLength: 1000,
      source: 'S',
      help: t('含无障碍需求', '含無障礙需求', 'Including accessibility needs'),
    },
    { key: 'other_items', type: 'longtext', label: t('其他事项', '其他事項', 'Other items'), maxLength: 2000, source: 'S' },
    { key: 'drafted_by', type: 'signature', label: t('制定人', '制定人', 'Drafted by'), required: true, source: 'T' },
  ],
};

/** F11 接待计划分发: one line per department a plan is sent to, acknowledged and made ready (P2-3.3.2, 3.3.4). */
export const planDistributions: FormDecl = {
  key: 'plan_distributions',
  code: 'F11',
  title: t('接待计划分发记录', '接待計劃分發記錄', 'Reception plan distribution'),
  sheet: t('接待计划分发', '接待計劃分發', 'Plan distribution'),
  clause: 'P2-3.3.2, P2-3.3.4',
  keyField: 'entry_id',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'entry_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T' },
    { key: 'plan_no', type: 'ref', ref: 'reception_plans', label: t('计划编号', '計劃編號', 'Plan no.'), required: true, source: 'S' },
    { key: 'department', type: 'code', codes: SCENIC_DEPARTMENTS, label: t('部门', '部門', 'Department'), required: true, source: 'S' },
    { key: 'sent_at', type: 'datetime', label: t('发送时间', '發送時間', 'Sent at'), required: true, source: 'S' },
    {
      key: 'acknowledged',
      type: 'signature',
      label: t('签收', '簽收', 'Acknowledged by'),
      source: 'S',
      help: t('部门收到计划后签收', '部門收到計劃後簽收', 'The department signs when it receives the plan'),
    },
    {
      key: 'ready',
      type: 'bool',
      label: t('已事先安排就绪', '已事先安排就緒', 'Ready'),
      source: 'S',
      help: t('各部门根据计划事先安排好各自工作', '各部門根據計劃事先安排好各自工作', 'Each department prepares its part in advance'),
    },
    // Template version 4 (issue 13): when the department said it was ready.
    { key: 'ready_at', type: 'datetime', label: t('就绪时间', '就緒時間', 'Ready at'), source: 'T' },
  ],
};

/** F12 送票签收单: tickets delivered to a reserved group, keyed by the reservation (P2-1.2, 3.3). */
export const ticketDeliveries: FormDecl = {
  key: 'ticket_deliveries',
  code: 'F12',
  title: t('送票签收单', '送票簽收單', 'Ticket delivery receipt'),
  sheet: t('送票签收单', '送票簽收單', 'Ticket deliveries'),
  clause: 'P2-1.2, P2-3.3.1',
  keyField: 'reservation_no',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'reservation_no', type: 'ref', ref: 'reservations', label: t('预约编号', '預約編號', 'Reservation no.'), required: true, source: 'T' },
    { key: 'ticket_count', type: 'int', label: t('票数', '票數', 'Tickets'), required: true, min: 1, source: 'T' },
    { key: 'ticket_type', type: 'text', label: t('票种', '票種', 'Ticket type'), required: true, maxLength: 40, source: 'T' },
    { key: 'delivered_at', type: 'datetime', label: t('送达时间', '送達時間', 'Delivered at'), required: true, source: 'T' },
    { key: 'delivered_by', type: 'signature', label: t('送票人', '送票人', 'Delivered by'), required: true, source: 'T' },
    { key: 'received_by', type: 'signature', label: t('签收人', '簽收人', 'Received by'), required: true, source: 'T' },
  ],
};

/** F13 免票放行登记: free entry of seniors and young children at a gate (P2-2.3, 3.1.2; workflow W7). */
export const freeEntries: FormDecl = {
  key: 'free_entries',
  code: 'F13',
  title: t('免票放行登记', '免票放行登記', 'Free-entry log'),
  sheet: t('免票放行登记', '免票放行登記', 'Free entries'),
  clause: 'P2-2.3, P2-3.1.2',
  keyField: 'entry_id',
  numbering: { kind: 'sequence', series: 'MP', format: 'MP-{YYYYMMDD}-{NNNN}', period: 'day', dateField: 'entered_at' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'entry_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T' },
    { key: 'entered_at', type: 'datetime', label: t('放行时间', '放行時間', 'Entered at'), required: true, source: 'T' },
    { key: 'gate', type: 'text', label: t('检票口', '檢票口', 'Gate'), required: true, maxLength: 30, source: 'T' },
    {
      key: 'category',
      type: 'code',
      label: t('放行类别', '放行類別', 'Category'),
      required: true,
      source: 'S',
      codes: [c('senior', '老人', '老人', 'Senior'), c('child', '幼儿', '幼兒', 'Child')],
    },
    {
      key: 'document_type',
      type: 'code',
      codes: DOCUMENT_TYPES,
      label: t('证件类型', '證件類型', 'Document seen'),
      required: { when: { field: 'category', in: ['senior'] } },
      source: 'S',
      help: NO_ID_NUMBER_HELP,
    },
    {
      key: 'senior_age_ok',
      type: 'bool',
      label: t('年龄≥70核验', '年齡≥70核驗', 'Age ≥ 70 checked'),
      required: { when: { field: 'category', in: ['senior'] } },
      source: 'S',
      help: t(
        '按游览当日计算周岁，70岁（含）以上；年龄门槛按当地规定可配置',
        '按遊覽當日計算週歲，70歲（含）以上；年齡門檻按當地規定可配置',
        'Age in full years on the visit date, 70 included; the threshold follows local rules',
      ),
    },
    {
      key: 'child_rule_ok',
      type: 'bool',
      label: t('幼儿核验', '幼兒核驗', 'Child rule checked'),
      required: { when: { field: 'category', in: ['child'] } },
      source: 'S',
      help: t('按当地规定的身高或年龄标准', '按當地規定的身高或年齡標準', 'Height or age rule set by local regulation'),
    },
    { key: 'headcount', type: 'int', label: t('人数', '人數', 'Headcount'), required: true, min: 1, source: 'T' },
    { key: 'checker', type: 'signature', label: t('检票员', '檢票員', 'Ticket checker'), required: true, source: 'S' },
    {
      key: 'help_given',
      type: 'bool',
      label: t('提供协助', '提供協助', 'Help given'),
      required: true,
      source: 'S',
      help: t('检票同时应提供必要的帮助', '檢票同時應提供必要的幫助', 'Offer the help needed while checking in'),
    },
    // Template version 4 (issue 13): what the check found, kept only as far as it needs (no date of birth, no document number).
    {
      key: 'age_years',
      type: 'int',
      label: t('周岁', '週歲', 'Age in full years'),
      min: 0,
      max: 150,
      system: true,
      source: 'T',
      help: t(
        '按游览当日由出生日期算出，只记周岁，不记出生日期和证件号码',
        '按遊覽當日由出生日期算出，只記週歲，不記出生日期和證件號碼',
        'Computed from the date of birth on the visit date; only the age is kept, never the date of birth or the document number',
      ),
    },
    {
      key: 'height_cm',
      type: 'int',
      label: t('身高（厘米）', '身高（公分）', 'Height (cm)'),
      min: 30,
      max: 250,
      source: 'T',
      help: t('幼儿按身高核验时填写', '幼兒按身高核驗時填寫', 'For a child checked by height'),
    },
    {
      key: 'result',
      type: 'code',
      label: t('核验结果', '核驗結果', 'Result'),
      system: true,
      source: 'S',
      codes: [c('free_pass', '免票放行', '免票放行', 'Free pass'), c('normal_ticket', '购票入园', '購票入園', 'Normal ticket')],
    },
    { key: 'rule_applied', type: 'text', label: t('适用规则', '適用規則', 'Rule applied'), maxLength: 60, system: true, source: 'T' },
  ],
};

/**
 * 检票口人数核对: the number of free passes a gate counted in a day (its turnstile or the checker's
 * tally), against which the day's free-entry log is reconciled (W7, template version 4).
 */
export const gateCounts: FormDecl = {
  key: 'gate_counts',
  code: 'F13',
  title: t('检票口免票人数', '檢票口免票人數', 'Gate free-pass counts'),
  sheet: t('检票口免票人数', '檢票口免票人數', 'Gate counts'),
  clause: 'P2-3.1.2',
  keyField: 'count_id',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'count_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T', help: t('日期-检票口', '日期-檢票口', 'Date-gate') },
    { key: 'count_date', type: 'date', label: t('日期', '日期', 'Date'), required: true, source: 'T' },
    { key: 'gate', type: 'text', label: t('检票口', '檢票口', 'Gate'), required: true, maxLength: 30, source: 'T' },
    { key: 'free_headcount', type: 'int', label: t('免票人数', '免票人數', 'Free passes counted'), required: true, min: 0, source: 'T' },
    { key: 'counted_by', type: 'signature', label: t('统计人', '統計人', 'Counted by'), required: true, source: 'T' },
  ],
};

/** F14 代邮登记: souvenirs mailed for visitors by the marketing department (P2-1.2, 2.4). */
export const postalLog: FormDecl = {
  key: 'postal_log',
  code: 'F14',
  title: t('代邮登记', '代郵登記', 'Postal forwarding log'),
  sheet: t('代邮登记', '代郵登記', 'Postal log'),
  clause: 'P2-1.2, P2-2.4',
  keyField: 'entry_id',
  numbering: { kind: 'sequence', series: 'DY', format: 'DY-{YYYY}-{NNNN}', period: 'year', dateField: 'entry_date' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'entry_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T' },
    { key: 'entry_date', type: 'date', label: t('日期', '日期', 'Date'), required: true, source: 'T' },
    { key: 'visitor', type: 'text', label: t('游客', '遊客', 'Visitor'), required: true, maxLength: 50, source: 'T' },
    { key: 'visitor_phone', type: 'text', label: t('联系电话', '聯繫電話', 'Phone'), maxLength: 30, source: 'T' },
    { key: 'items', type: 'text', label: t('邮寄物品', '郵寄物品', 'Items'), required: true, maxLength: 200, source: 'S' },
    { key: 'address', type: 'longtext', label: t('邮寄地址', '郵寄地址', 'Address'), required: true, maxLength: 300, source: 'T' },
    { key: 'courier', type: 'text', label: t('快递公司', '快遞公司', 'Courier'), maxLength: 30, source: 'T' },
    { key: 'tracking_no', type: 'text', label: t('快递单号', '快遞單號', 'Tracking no.'), maxLength: 40, source: 'T' },
    { key: 'fee', type: 'money', label: t('邮费', '郵費', 'Postage'), min: 0, source: 'T' },
    { key: 'staff', type: 'signature', label: t('经办人', '經辦人', 'Staff'), required: true, source: 'T' },
  ],
};

/** F30 无障碍设施检查表: one line per facility checked (P2-2.1, 3.1.1). */
export const accessibilityChecks: FormDecl = {
  key: 'accessibility_checks',
  code: 'F30',
  title: t('无障碍设施检查表', '無障礙設施檢查表', 'Accessibility facilities checklist'),
  sheet: t('无障碍设施检查表', '無障礙設施檢查表', 'Accessibility checks'),
  clause: 'P2-2.1, P2-3.1.1',
  keyField: 'entry_id',
  numbering: { kind: 'sequence', series: 'WZ', format: 'WZ-{YYYY}-{NNNN}', period: 'year', dateField: 'check_date' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'entry_id', type: 'text', label: t('记录号', '記錄號', 'Entry id'), required: true, system: true, source: 'T' },
    { key: 'check_date', type: 'date', label: t('检查日期', '檢查日期', 'Check date'), required: true, source: 'T' },
    {
      key: 'item',
      type: 'code',
      label: t('检查项目', '檢查項目', 'Item'),
      required: true,
      source: 'S',
      codes: [
        c('entrance_passage', '入口残疾人专用通道', '入口殘疾人專用通道', 'Accessible passage at the entrance'),
        c('exit_passage', '出口残疾人专用通道', '出口殘疾人專用通道', 'Accessible passage at the exit'),
        c('signage', '景区内外特殊标识', '景區內外特殊標識', 'Signage inside and outside the area'),
        c('accessible_toilet', '残疾人专用便池', '殘疾人專用便池', 'Accessible toilet'),
        c('anti_slip', '卫生间防滑设施', '衛生間防滑設施', 'Anti-slip facilities in toilets'),
      ],
    },
    { key: 'location', type: 'text', label: t('位置', '位置', 'Location'), required: true, maxLength: 100, source: 'T' },
    { key: 'usable', type: 'bool', label: t('设施齐全可用', '設施齊全可用', 'Present and usable'), required: true, source: 'S' },
    {
      key: 'defect',
      type: 'longtext',
      label: t('缺陷描述', '缺陷描述', 'Defect'),
      required: { when: { field: 'usable', in: ['no'] } },
      maxLength: 500,
      source: 'T',
    },
    { key: 'rectified_on', type: 'date', label: t('整改完成日期', '整改完成日期', 'Rectified on'), source: 'T' },
    { key: 'checker', type: 'signature', label: t('检查人', '檢查人', 'Checked by'), required: true, source: 'T' },
    // Template version 4 (issue 13): what was done about a defect, and who confirmed it.
    { key: 'rectification_note', type: 'text', label: t('整改情况', '整改情況', 'Rectification'), maxLength: 200, source: 'T' },
    { key: 'rectified_by', type: 'text', label: t('整改确认人', '整改確認人', 'Rectification confirmed by'), maxLength: 50, source: 'T' },
  ],
};

/** How the child rule's value is written in each language (either word is read in any workbook). */
export const CHILD_RULE_WORDS = { height: t('身高', '身高', 'height'), age: t('年龄', '年齡', 'age') } as const;

/** What each parameter of the special-visitor rules means, with its unit, and the value a new ledger starts with. */
export const VISITOR_PARAMETERS: readonly (CodeDecl & { readonly defaultValue: string | Text })[] = [
  { ...c('loan_closing_time', '车辆归还截止时间（HH:MM）', '車輛歸還截止時間（HH:MM）', 'Vehicles due back by (HH:MM)'), defaultValue: '17:30' },
  { ...c('senior_free_age', '老人免票年龄（周岁，含）', '老人免票年齡（週歲，含）', 'Senior free entry from age (full years, included)'), defaultValue: '70' },
  { ...c('child_rule', '幼儿免票标准（身高／年龄）', '幼兒免票標準（身高／年齡）', 'Child free-entry rule (height or age)'), defaultValue: CHILD_RULE_WORDS.height },
  { ...c('child_max_height_cm', '幼儿免票身高上限（厘米，含）', '幼兒免票身高上限（公分，含）', 'Child free entry up to height (cm, included)'), defaultValue: '120' },
  { ...c('child_max_age', '幼儿免票年龄上限（周岁，不含）', '幼兒免票年齡上限（週歲，不含）', 'Child free entry under age (full years)'), defaultValue: '6' },
  { ...c('broadcast_min_readings', '寻人广播最少遍数', '尋人廣播最少遍數', 'Missing-person broadcast: minimum readings'), defaultValue: '3' },
  { ...c('plan_ready_days', '接待计划须在到达前几天就绪', '接待計劃須在到達前幾天就緒', 'Reception plan ready this many days before the visit'), defaultValue: '1' },
];

/** 特殊游客服务参数: the values local rules set for the special-visitor procedures (configurable, DESIGN principle 9). */
export const visitorRules: FormDecl = {
  key: 'visitor_rules',
  code: 'VR',
  title: t('特殊游客服务参数', '特殊遊客服務參數', 'Special-visitor rules'),
  sheet: t('特殊游客服务参数', '特殊遊客服務參數', 'Visitor rules'),
  clause: 'P2-2.3, P2-3.1.2',
  keyField: 'parameter',
  numbering: { kind: 'natural' },
  copies: [],
  statuses: [],
  fields: [
    { key: 'parameter', type: 'code', codes: VISITOR_PARAMETERS.map(({ code, label }) => ({ code, label })), label: t('参数', '參數', 'Parameter'), required: true, source: 'T' },
    { key: 'value', type: 'text', label: t('取值', '取值', 'Value'), required: true, maxLength: 20, source: 'T', help: t('按当地规定填写', '按當地規定填寫', 'As local regulation sets it') },
    { key: 'note', type: 'text', label: t('说明', '說明', 'Note'), maxLength: 200, source: 'T' },
  ],
};

/** The special-visitor rules a new ledger starts with (the seed's 70, the closing time and child rule to confirm locally). */
export const VISITOR_RULE_SEED: readonly { readonly parameter: string; readonly value: string | Text }[] = VISITOR_PARAMETERS.map((p) => ({ parameter: p.code, value: p.defaultValue }));
