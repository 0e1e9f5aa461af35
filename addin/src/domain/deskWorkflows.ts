import { t } from '../forms/codes';
import { complaintReopenings, complaints, returnVisits } from '../forms/complaints';
import { DUE_RULE_CODES, dueRules, workCalendar } from '../forms/promisedTimes';
import { reception, repairLedger, repairOrders } from '../forms/receptionRepairs';
import type { FormDecl } from '../forms/types';
import { archiveComplaint, dispatchComplaint, recordHandling, recordReturnVisit, registerComplaint, returnToCustomerService } from './complaintProcedure';
import { escalateOther, receiveMatter, replyToInquiry, SUPPLIED_BY_RECEPTION, verifyIssue } from './reception';
import { closeRepair, completeRepair, dispatchRepair, repairArrived, repairWaitingParts, returnRepairCopy, signRepairOrder } from './repairProcedure';
import { COMPLAINT_DATES, RECEPTION_DATES, REPAIR_DATES, complaintDueItems, complaintGuards, dateProblems, receptionDueItems, receptionGuards, repairDueItems, repairGuards } from './deskCheck';
import { fieldsForStep } from './validate';
import type { Workflow } from './workflow';

/**
 * The service desk's three procedures (domain brief W1–W3) as workflow declarations: the
 * reception register and what each category raises, the complaint procedure, and the triplicate
 * repair order with its ledger line. Their steps are in reception.ts, complaintProcedure.ts and
 * repairProcedure.ts; their queue items and guards in deskCheck.ts.
 */

/** Every step by its name on the command line. */
export const RECEPTION_STEPS = { reply: replyToInquiry, verify: verifyIssue, escalate: escalateOther } as const;
export const COMPLAINT_STEPS = { dispatch: dispatchComplaint, handle: recordHandling, return: returnToCustomerService, visit: recordReturnVisit, archive: archiveComplaint } as const;
export const REPAIR_STEPS = {
  sign: signRepairOrder,
  dispatch: dispatchRepair,
  arrive: repairArrived,
  'wait-parts': repairWaitingParts,
  complete: completeRepair,
  return: returnRepairCopy,
  close: closeRepair,
} as const;

const DESK_DUE = [dueRules, workCalendar];

const creationBut = (form: FormDecl, supplied: readonly string[]) =>
  fieldsForStep(form)
    .map((f) => f.key)
    .filter((key) => !supplied.includes(key));

export const complaintWorkflow: Workflow = {
  word: 'complaint',
  form: complaints,
  number: '<TS-no>',
  create: registerComplaint,
  steps: COMPLAINT_STEPS,
  voidable: true,
  help: t(
    '投诉处理流程，每步签名：dispatch {copy1_signed, copy2_filed}；handle {action_result, substantiated, handled_at}；return {returned_to_cs}；visit（回访单，编号 <TS-no>-HF）{visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs}——未解决或不满意会重新打开投诉；archive {archived}；void --reason。步骤不按顺序会被拒绝（处理未记录、处理单未交回之前不能回访）。',
    '投訴處理流程，每步簽名：dispatch {copy1_signed, copy2_filed}；handle {action_result, substantiated, handled_at}；return {returned_to_cs}；visit（回訪單，編號 <TS-no>-HF）{visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs}——未解決或不滿意會重新開啟投訴；archive {archived}；void --reason。步驟不按順序會被拒絕（處理未記錄、處理單未交回之前不能回訪）。',
    'The complaint procedure, each step signed: dispatch {copy1_signed, copy2_filed}; handle {action_result, substantiated, handled_at}; return {returned_to_cs}; visit (the return-visit form, number <TS-no>-HF) {visited_at, method, person_visited, resolved, satisfaction, visitor, received_by_cs} — unresolved or dissatisfied reopens the ticket; archive {archived}; void --reason. Steps are refused out of order (no return visit before the handling is recorded and the ticket returned).',
  ),
  queue: { reads: [complaints, ...DESK_DUE], rules: DUE_RULE_CODES, items: complaintDueItems },
  check: {
    reads: [complaints, returnVisits, complaintReopenings, reception],
    problems: (snapshot, now) => ({ errors: complaintGuards(snapshot), warnings: dateProblems(snapshot, now, COMPLAINT_DATES) }),
  },
};

export const receptionWorkflow: Workflow = {
  word: 'reception',
  form: reception,
  number: '<JD-no>',
  create: receiveMatter,
  // An issue report is referred at once, an inquiry answered on the spot closed at once.
  createsIn: ['registered', 'referred', 'closed'],
  // The register's own fields, and what its category asks for besides: the department an issue is
  // referred to, the ticket's fields for a complaint, the repair order's for a repair.
  creation: [
    { form: reception, fields: fieldsForStep(reception).map((f) => f.key) },
    { form: reception, fields: ['referred_to'], when: { field: 'category', in: ['issue_report'] } },
    { key: 'complaint', form: complaints, fields: creationBut(complaints, SUPPLIED_BY_RECEPTION.complaints), when: { field: 'category', in: ['complaint'] } },
    { key: 'repair', form: repairOrders, fields: creationBut(repairOrders, SUPPLIED_BY_RECEPTION.repair_orders), when: { field: 'category', in: ['repair'] } },
  ],
  steps: RECEPTION_STEPS,
  voidable: true,
  help: t(
    'reply：对未当场答复的咨询作出答复 {replied_at, reply}；verify：问题反映的核实结果 {verification_result}；escalate：其他事项上报公司经理或办结 {escalated: yes|no}（重大事项必须上报）；void --reason：作废。compile：把该月未处理的建议汇总成一份报告：每条建议记上汇总标题和汇报对象，并办结。',
    'reply：對未當場答覆的諮詢作出答覆 {replied_at, reply}；verify：問題反映的核實結果 {verification_result}；escalate：其他事項上報公司經理或辦結 {escalated: yes|no}（重大事項必須上報）；void --reason：作廢。compile：把該月未處理的建議彙總成一份報告：每條建議記上彙總標題和彙報對象，並辦結。',
    'reply: the reply to a deferred inquiry {replied_at, reply}; verify: the verification result of an issue report {verification_result}; escalate: an "other" matter escalated to the company manager or closed {escalated: yes|no} (critical ones must be escalated); void --reason. compile: the month’s open suggestions in one report: each gets the compilation’s title and whom it was reported to, and is closed.',
  ),
  queue: { reads: [reception, ...DESK_DUE], rules: DUE_RULE_CODES, items: receptionDueItems },
  check: {
    reads: [reception, complaints, repairOrders],
    problems: (snapshot, now) => ({ errors: receptionGuards(snapshot), warnings: dateProblems(snapshot, now, RECEPTION_DATES) }),
  },
};

export const repairWorkflow: Workflow = {
  word: 'repair',
  form: repairOrders,
  number: '<WX-no>',
  steps: REPAIR_STEPS,
  voidable: true,
  voidsWith: [repairLedger],
  help: t(
    '三联报修单：sign {engineering_signed}（工程部为三联签收）；dispatch {technician}；arrive {arrived_at}；wait-parts；complete {completed_at, result, materials?, paid, cost?, requester_accepted}；return {returned_to_cs}（第二联交回客服）；close {visit_result?}。维修台账行随每一步更新。不给编号时，JSON 为对象数组，每个对象带自己的编号（reception_no、ticket_no 或 order_no）和该步的字段；整批先检查，有一步被拒绝就什么都不写。',
    '三聯報修單：sign {engineering_signed}（工程部為三聯簽收）；dispatch {technician}；arrive {arrived_at}；wait-parts；complete {completed_at, result, materials?, paid, cost?, requester_accepted}；return {returned_to_cs}（第二聯交回客服）；close {visit_result?}。維修臺賬列隨每一步更新。不給編號時，JSON 為物件陣列，每個物件帶自己的編號（reception_no、ticket_no 或 order_no）和該步的欄位；整批先檢查，有一步被拒絕就什麼都不寫。',
    'The triplicate repair order: sign {engineering_signed} (Engineering, for all three copies); dispatch {technician}; arrive {arrived_at}; wait-parts; complete {completed_at, result, materials?, paid, cost?, requester_accepted}; return {returned_to_cs} (copy 2 to Customer Service); close {visit_result?}. The repair-ledger line follows each step. Without a number, the JSON is an array of objects each holding its number (reception_no, ticket_no or order_no) and the step’s fields; the whole batch is checked first, and a refused step writes nothing.',
  ),
  queue: { reads: [repairOrders, ...DESK_DUE], rules: DUE_RULE_CODES, items: repairDueItems },
  check: {
    reads: [repairOrders, repairLedger],
    problems: (snapshot, now) => ({ errors: repairGuards(snapshot), warnings: dateProblems(snapshot, now, REPAIR_DATES) }),
  },
};
