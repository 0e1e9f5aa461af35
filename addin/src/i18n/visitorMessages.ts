import type { Text } from './locale';

/**
 * The messages of the special-visitor procedures (P2, W4–W7; issue 13) in the three locales. Part
 * of MESSAGES (messages.ts), kept here so that no file grows past the size the architecture test
 * allows. Each procedure keeps its own block.
 */

/** The special-visitor rules table (domain/visitors/visitorRules.ts). */
export const VISITOR_RULE_MESSAGES = {
  visitorRuleInvalid: {
    'zh-CN': '参数“{parameter_zhCN}”的取值“{value}”无法识别，暂按模板默认值执行。请改正。',
    'zh-TW': '參數「{parameter_zhTW}」的取值「{value}」無法識別，暫按範本預設值執行。請改正。',
    'en-US': 'the value "{value}" of the parameter "{parameter_enUS}" cannot be read; the template\'s value applies until it is corrected.',
  },
} as const satisfies Record<string, Text>;

/** The yearly special-visitor summary (`kefu visitors`, domain/visitors/visitorSummary.ts). */
export const VISITOR_SUMMARY_MESSAGES = {
  visitorSummaryWritten: {
    'zh-CN': '{year} 年特殊游客服务汇总已写入 {file}：轮椅/婴儿车借出 {loans} 次，广播寻人 {broadcasts} 次，接待预约团体 {served} 批，免票放行 {free} 人。',
    'zh-TW': '{year} 年特殊遊客服務彙總已寫入 {file}：輪椅/嬰兒車借出 {loans} 次，廣播尋人 {broadcasts} 次，接待預約團體 {served} 批，免票放行 {free} 人。',
    'en-US':
      'Special-visitor summary of {year} written to {file}: {loans} vehicle loan(s), {broadcasts} missing-person broadcast(s), {served} reserved group(s) served, {free} visitor(s) let in free.',
  },
} as const satisfies Record<string, Text>;

/** Wheelchair and stroller loans (W4, F8, F9). */
export const LOAN_MESSAGES = {
  vehicleUnknown: {
    'zh-CN': '车辆台账中没有编号为 {vehicle} 的车辆（或已作废），不能出借。请先在车辆台账登记该车辆。',
    'zh-TW': '車輛臺賬中沒有編號為 {vehicle} 的車輛（或已作廢），不能出借。請先在車輛臺賬登記該車輛。',
    'en-US': 'the fleet has no vehicle {vehicle} (or it is void), so it cannot be lent. Register the vehicle in the fleet first.',
  },
  vehicleOnLoan: {
    'zh-CN': '车辆 {vehicle} 当前为“{status_zhCN}”（借用编号 {loan}），归还检查登记前不能再次出借。',
    'zh-TW': '車輛 {vehicle} 目前為「{status_zhTW}」（借用編號 {loan}），歸還檢查登記前不能再次出借。',
    'en-US': 'vehicle {vehicle} is "{status_enUS}" (loan {loan}); it cannot be lent again until its return check is recorded.',
  },
  vehicleUnderRepair: {
    'zh-CN': '车辆 {vehicle} 当前为“{status_zhCN}”（送修单号 {slip}），修复前不能出借。',
    'zh-TW': '車輛 {vehicle} 目前為「{status_zhTW}」（送修單號 {slip}），修復前不能出借。',
    'en-US': 'vehicle {vehicle} is "{status_enUS}" (repair slip {slip}); it cannot be lent until it is repaired.',
  },
  vehicleNotAvailable: {
    'zh-CN': '车辆 {vehicle} 当前为“{status_zhCN}”，不能出借。',
    'zh-TW': '車輛 {vehicle} 目前為「{status_zhTW}」，不能出借。',
    'en-US': 'vehicle {vehicle} is "{status_enUS}", so it cannot be lent.',
  },
  vehicleWrongType: {
    'zh-CN': '车辆 {vehicle} 是{type_zhCN}，不是本次借用登记的{wanted_zhCN}。请核对车辆编号或车辆类型。',
    'zh-TW': '車輛 {vehicle} 是{type_zhTW}，不是本次借用登記的{wanted_zhTW}。請核對車輛編號或車輛類型。',
    'en-US': 'vehicle {vehicle} is a {type_enUS}, not the {wanted_enUS} this loan is for. Check the vehicle no. or the type.',
  },
  settlementNoDeposit: {
    'zh-CN': '{record} 未收押金，结清方式不能是“{settlement_zhCN}”。',
    'zh-TW': '{record} 未收押金，結清方式不能是「{settlement_zhTW}」。',
    'en-US': '{record} took no deposit, so it cannot be settled as "{settlement_enUS}".',
  },
  settlementDepositHeld: {
    'zh-CN': '{record} 收有押金 {deposit} 元，结清方式不能是“{settlement_zhCN}”：押金须退还或抵扣赔偿。',
    'zh-TW': '{record} 收有押金 {deposit} 元，結清方式不能是「{settlement_zhTW}」：押金須退還或抵扣賠償。',
    'en-US': '{record} holds a deposit of {deposit} yuan, so it cannot be settled as "{settlement_enUS}": the deposit is refunded or kept as compensation.',
  },
  compensationNotExpected: {
    'zh-CN': '{record} 结清方式为“{settlement_zhCN}”，不应填写赔偿金额（{compensation} 元）。',
    'zh-TW': '{record} 結清方式為「{settlement_zhTW}」，不應填寫賠償金額（{compensation} 元）。',
    'en-US': '{record} is settled as "{settlement_enUS}", which takes no compensation ({compensation} yuan given).',
  },
  compensationNotPositive: {
    'zh-CN': '{record} 结清方式为“{settlement_zhCN}”，赔偿金额须大于 0。',
    'zh-TW': '{record} 結清方式為「{settlement_zhTW}」，賠償金額須大於 0。',
    'en-US': '{record} is settled as "{settlement_enUS}": the compensation must be more than 0.',
  },
  compensationOverDeposit: {
    'zh-CN': '{record} 抵扣的赔偿 {compensation} 元超过押金 {deposit} 元，结清不平衡。超出押金的赔偿请选“另行赔偿”。',
    'zh-TW': '{record} 抵扣的賠償 {compensation} 元超過押金 {deposit} 元，結清不平衡。超出押金的賠償請選「另行賠償」。',
    'en-US':
      '{record}: the compensation kept, {compensation} yuan, is more than the deposit of {deposit} yuan, so the settlement does not balance. Choose "Compensation paid" for more than the deposit.',
  },
  doubleLoan: {
    'zh-CN': '车辆 {vehicle} 同时有 {count} 笔借出中的借用：{loans}（第 {rows} 行）。同一车辆归还检查前不得再次出借：请核实车辆在谁手中，登记归还或作废多出的一笔。',
    'zh-TW': '車輛 {vehicle} 同時有 {count} 筆借出中的借用：{loans}（第 {rows} 列）。同一車輛歸還檢查前不得再次出借：請核實車輛在誰手中，登記歸還或作廢多出的一筆。',
    'en-US':
      'vehicle {vehicle} has {count} loans out at once: {loans} (rows {rows}). A vehicle cannot be lent again before its return check: find out who has it, record the return or void the extra loan.',
  },
  loanVehicleOutOfStep: {
    'zh-CN': '{record} 借出中，但车辆 {vehicle} 在车辆台账中为“{status_zhCN}”（当前借用编号：{current}）。',
    'zh-TW': '{record} 借出中，但車輛 {vehicle} 在車輛臺賬中為「{status_zhTW}」（當前借用編號：{current}）。',
    'en-US': '{record} is on loan, but vehicle {vehicle} is "{status_enUS}" in the fleet (current loan: {current}).',
  },
  vehicleLoanNotOpen: {
    'zh-CN': '车辆 {vehicle} 为“借出中”，但当前借用编号 {loan} 不是该车辆借出中的借用。',
    'zh-TW': '車輛 {vehicle} 為「借出中」，但當前借用編號 {loan} 不是該車輛借出中的借用。',
    'en-US': 'vehicle {vehicle} is on loan, but its current loan {loan} is not a loan of it still out.',
  },
  vehicleSlipNotOpen: {
    'zh-CN': '车辆 {vehicle} 为“送修中”，但送修单号 {slip} 不是该车辆未完成的送修单。',
    'zh-TW': '車輛 {vehicle} 為「送修中」，但送修單號 {slip} 不是該車輛未完成的送修單。',
    'en-US': 'vehicle {vehicle} is under repair, but its repair slip {slip} is not an open slip of it.',
  },
  vehicleOpenSlip: {
    'zh-CN': '车辆 {vehicle} 为“{status_zhCN}”，但送修单 {slip} 尚未完成。',
    'zh-TW': '車輛 {vehicle} 為「{status_zhTW}」，但送修單 {slip} 尚未完成。',
    'en-US': 'vehicle {vehicle} is "{status_enUS}", but repair slip {slip} is still open.',
  },
  loansDayTitle: {
    'zh-CN': '轮椅/婴儿车借用日报 {day}（归还截止 {closing}）',
    'zh-TW': '輪椅/嬰兒車借用日報 {day}（歸還截止 {closing}）',
    'en-US': 'Wheelchair and stroller loans on {day} (due back by {closing})',
  },
  loansDayVehicles: {
    'zh-CN': '借出 {lent} 辆（轮椅 {wheelchairs}，婴儿车 {strollers}），归还 {returned} 辆，其中损坏 {damaged} 辆；遗失 {lost} 辆；截止时仍未归还 {out} 辆。',
    'zh-TW': '借出 {lent} 輛（輪椅 {wheelchairs}，嬰兒車 {strollers}），歸還 {returned} 輛，其中損壞 {damaged} 輛；遺失 {lost} 輛；截止時仍未歸還 {out} 輛。',
    'en-US': '{lent} lent ({wheelchairs} wheelchairs, {strollers} strollers), {returned} returned of which {damaged} damaged; {lost} lost; {out} still out at closing.',
  },
  loansDayDeposits: {
    'zh-CN': '押金：期初持有 {before} 元 + 收取 {taken} 元 = 退还 {refunded} 元 + 抵扣赔偿 {kept} 元 + 期末持有 {after} 元。租金 {fees} 元，另行赔偿 {paid} 元。',
    'zh-TW': '押金：期初持有 {before} 元 + 收取 {taken} 元 = 退還 {refunded} 元 + 抵扣賠償 {kept} 元 + 期末持有 {after} 元。租金 {fees} 元，另行賠償 {paid} 元。',
    'en-US':
      'Deposits: held before {before} + taken {taken} = refunded {refunded} + kept as compensation {kept} + held after {after} yuan. Rental fees {fees}, compensation paid separately {paid} yuan.',
  },
  loansDayUnbalanced: {
    'zh-CN': '押金不平衡，差 {difference} 元：请核对当天结清的借用的押金、退还押金与赔偿金额。',
    'zh-TW': '押金不平衡，差 {difference} 元：請核對當天結清的借用的押金、退還押金與賠償金額。',
    'en-US': 'the deposits do not balance by {difference} yuan: check the deposit, refund and compensation of the loans settled that day.',
  },
} as const satisfies Record<string, Text>;

/** Missing-person broadcasts (W5, F10). */
export const BROADCAST_MESSAGES = {
  broadcastMandarinRequired: {
    'zh-CN': '寻人广播必须用普通话播送（可另加其他语种）：请在语种中选上“普通话”。',
    'zh-TW': '尋人廣播必須用普通話播送（可另加其他語種）：請在語種中選上「普通話」。',
    'en-US': 'a missing-person broadcast must be read in Mandarin (other languages may be added): include Mandarin among the languages.',
  },
  broadcastTooFewReadings: {
    'zh-CN': '{record} 只播出了 {count} 遍，少于规定的 {min} 遍，不能以“{outcome_zhCN}”结束。请继续广播；找到走失者可注明原因提前结束。',
    'zh-TW': '{record} 只播出了 {count} 遍，少於規定的 {min} 遍，不能以「{outcome_zhTW}」結束。請繼續廣播；找到走失者可註明原因提前結束。',
    'en-US': '{record} has been read {count} time(s), fewer than the {min} required, so it cannot close as "{outcome_enUS}". Go on reading it; a person found earlier may close it with a reason.',
  },
  broadcastEarlyReasonMissing: {
    'zh-CN': '{record} 只播出了 {count} 遍，少于规定的 {min} 遍：找到走失者而提前结束，须填写原因。',
    'zh-TW': '{record} 只播出了 {count} 遍，少於規定的 {min} 遍：找到走失者而提前結束，須填寫原因。',
    'en-US': '{record} has been read {count} time(s), fewer than the {min} required: closing it early because the person was found needs a reason.',
  },
  broadcastClosedEarly: {
    'zh-CN': '{record} 以“{outcome_zhCN}”结束时只播出了 {count} 遍（规定至少 {min} 遍），且没有提前结束的原因。',
    'zh-TW': '{record} 以「{outcome_zhTW}」結束時只播出了 {count} 遍（規定至少 {min} 遍），且沒有提前結束的原因。',
    'en-US': '{record} was closed as "{outcome_enUS}" after {count} reading(s) (at least {min} required) without a reason for closing early.',
  },
  broadcastCountMismatch: {
    'zh-CN': '{record} 的广播次数为 {count}，播出时间记录却有 {times} 个时间（{list}）。',
    'zh-TW': '{record} 的廣播次數為 {count}，播出時間記錄卻有 {times} 個時間（{list}）。',
    'en-US': '{record} says {count} reading(s), but its reading times list {times} ({list}).',
  },
  broadcastTimeUnreadable: {
    'zh-CN': '{record} 的播出时间记录“{value}”无法识别：每遍记一个 HH:MM，以“、”分隔。',
    'zh-TW': '{record} 的播出時間記錄「{value}」無法識別：每遍記一個 HH:MM，以「、」分隔。',
    'en-US': '{record}: the reading times "{value}" cannot be read; write one HH:MM per reading, separated by "、".',
  },
  /** The to-do item of an open request: its readings and the time since the last (or since the request). */
  broadcastQueueRead: {
    'zh-CN': '{name}：已播 {count} 遍，距上次播出 {minutes} 分钟',
    'zh-TW': '{name}：已播 {count} 遍，距上次播出 {minutes} 分鐘',
    'en-US': '{name}: read {count} time(s), {minutes} min since the last reading',
  },
  broadcastQueueNotRead: {
    'zh-CN': '{name}：尚未播出，求助后已 {minutes} 分钟',
    'zh-TW': '{name}：尚未播出，求助後已 {minutes} 分鐘',
    'en-US': '{name}: not read yet, {minutes} min since the request',
  },
  // The announcement read out (the pane's Broadcasts view): Mandarin in either script, or English.
  announceOpening: {
    'zh-CN': '各位游客请注意，现在播送寻人启事。',
    'zh-TW': '各位遊客請注意，現在播送尋人啟事。',
    'en-US': 'Attention please, visitors. Here is a missing-person announcement.',
  },
  announcePerson: {
    'zh-CN': '{name}，{details}。',
    'zh-TW': '{name}，{details}。',
    'en-US': 'We are looking for {name}, {details}.',
  },
  announcePersonOnly: {
    'zh-CN': '寻找{name}。',
    'zh-TW': '尋找{name}。',
    'en-US': 'We are looking for {name}.',
  },
  announceAge: {
    'zh-CN': '{age}岁',
    'zh-TW': '{age}歲',
    'en-US': '{age} years old',
  },
  announceClothing: {
    'zh-CN': '{clothing}',
    'zh-TW': '{clothing}',
    'en-US': 'wearing or looking like this: {clothing}',
  },
  announceLastSeenBoth: {
    'zh-CN': '于{when}在{where}走失。',
    'zh-TW': '於{when}在{where}走失。',
    'en-US': 'Last seen at {when} at {where}.',
  },
  announceLastSeenWhen: {
    'zh-CN': '于{when}走失。',
    'zh-TW': '於{when}走失。',
    'en-US': 'Last seen at {when}.',
  },
  announceLastSeenWhere: {
    'zh-CN': '在{where}走失。',
    'zh-TW': '在{where}走失。',
    'en-US': 'Last seen at {where}.',
  },
  announceMeet: {
    'zh-CN': '{name}听到广播后，请到{meeting}，{requester}在那里等您。',
    'zh-TW': '{name}聽到廣播後，請到{meeting}，{requester}在那裡等您。',
    'en-US': '{name}, if you hear this, please come to {meeting}, where {requester} is waiting for you.',
  },
  announceMeetAlone: {
    'zh-CN': '{name}听到广播后，请到{meeting}会合。',
    'zh-TW': '{name}聽到廣播後，請到{meeting}會合。',
    'en-US': '{name}, if you hear this, please come to {meeting}.',
  },
  announceHelp: {
    'zh-CN': '如有游客见到，请带其到{meeting}，或与附近的景区工作人员联系。谢谢！',
    'zh-TW': '如有遊客見到，請帶其到{meeting}，或與附近的景區工作人員聯繫。謝謝！',
    'en-US': 'If you see them, please bring them to {meeting} or tell any member of staff nearby. Thank you.',
  },
  announceSeparator: {
    'zh-CN': '，',
    'zh-TW': '，',
    'en-US': ', ',
  },
} as const satisfies Record<string, Text>;

/**
 * Reservations and reception plans (W6, F11, F12). Each names the reservation (`{record}`) and,
 * where it applies, the department (`{department}` in the user's language); the sheet, row and
 * column come from the problem's place.
 */
export const RESERVATION_MESSAGES = {
  reservationCountOver: {
    'zh-CN': '“{group}”的此项人数 {value} 超过总人数 {headcount}（老人、残疾人、幼儿均为其中人数）。',
    'zh-TW': '「{group}」的此項人數 {value} 超過總人數 {headcount}（老人、殘疾人、幼兒均為其中人數）。',
    'en-US': '"{group}": {value} is more than the headcount {headcount} (seniors, disabled and children are counted within it).',
  },
  reservationTooEarly: {
    'zh-CN': '{record}：{value} 早于{other_zhCN}（{otherValue}），请核对时间。',
    'zh-TW': '{record}：{value} 早於{other_zhTW}（{otherValue}），請核對時間。',
    'en-US': '{record}: {value} is earlier than {other_enUS} ({otherValue}); check the time.',
  },
  planEmpty: {
    'zh-CN': '{record}：接待计划至少须写一项（游览线路、交通停车、导游讲解、租用游览设施、订餐情况、特殊要求或其他事项）。',
    'zh-TW': '{record}：接待計劃至少須寫一項（遊覽線路、交通停車、導遊講解、租用遊覽設施、訂餐情況、特殊要求或其他事項）。',
    'en-US': '{record}: a reception plan needs at least one item (route, transport and parking, guide, facilities, meals, special needs or other items).',
  },
  deptAlreadySent: {
    'zh-CN': '{record}：接待计划已于 {sent} 发送给{department_zhCN}，不能重复发送。',
    'zh-TW': '{record}：接待計劃已於 {sent} 發送給{department_zhTW}，不能重複發送。',
    'en-US': '{record}: the reception plan was sent to {department_enUS} on {sent}; it cannot be sent to it twice.',
  },
  deptListedTwice: {
    'zh-CN': '{record}：{department_zhCN}在发送部门中列了两次。',
    'zh-TW': '{record}：{department_zhTW}在發送部門中列了兩次。',
    'en-US': '{record}: {department_enUS} is listed twice among the departments.',
  },
  deptNotSent: {
    'zh-CN': '{record}：接待计划没有发送给{department_zhCN}，不能{action_zhCN}。请先发送给该部门。',
    'zh-TW': '{record}：接待計劃沒有發送給{department_zhTW}，不能{action_zhTW}。請先發送給該部門。',
    'en-US': '{record}: the reception plan was not sent to {department_enUS}, so it cannot be {action_enUS}. Send it to that department first.',
  },
  deptAlreadyAcknowledged: {
    'zh-CN': '{record}：{department_zhCN}已于 {at} 由 {by} 签收接待计划。',
    'zh-TW': '{record}：{department_zhTW}已於 {at} 由 {by} 簽收接待計劃。',
    'en-US': '{record}: {department_enUS} acknowledged the reception plan on {at} ({by}).',
  },
  deptNotAcknowledged: {
    'zh-CN': '{record}：{department_zhCN}尚未签收接待计划，不能登记就绪。请先登记该部门签收。',
    'zh-TW': '{record}：{department_zhTW}尚未簽收接待計劃，不能登記就緒。請先登記該部門簽收。',
    'en-US': '{record}: {department_enUS} has not acknowledged the reception plan, so it cannot be ready. Record its acknowledgement first.',
  },
  deptAlreadyReady: {
    'zh-CN': '{record}：{department_zhCN}已于 {at} 登记就绪。',
    'zh-TW': '{record}：{department_zhTW}已於 {at} 登記就緒。',
    'en-US': '{record}: {department_enUS} was marked ready on {at}.',
  },
  deptNotReadyMarked: {
    'zh-CN': '{record} 状态为“{status_zhCN}”，但{department_zhCN}尚未就绪。',
    'zh-TW': '{record} 狀態為「{status_zhTW}」，但{department_zhTW}尚未就緒。',
    'en-US': '{record} is "{status_enUS}" but {department_enUS} is not ready.',
  },
  planNoDepartments: {
    'zh-CN': '{record} 状态为“{status_zhCN}”，但接待计划没有发送给任何部门。',
    'zh-TW': '{record} 狀態為「{status_zhTW}」，但接待計劃沒有發送給任何部門。',
    'en-US': '{record} is "{status_enUS}" but its reception plan was sent to no department.',
  },
  planLinesNotSent: {
    'zh-CN': '{record} 状态为“{status_zhCN}”，计划尚未发送，却有发送给{department_zhCN}的分发记录 {line}。',
    'zh-TW': '{record} 狀態為「{status_zhTW}」，計劃尚未發送，卻有發送給{department_zhTW}的分發記錄 {line}。',
    'en-US': '{record} is "{status_enUS}", its plan not sent, yet distribution line {line} sends it to {department_enUS}.',
  },
} as const satisfies Record<string, Text>;

/** Free entry, the postal log and the accessibility checklist (W7, F13, F14, F30). */
export const ENTRY_MESSAGES = {
  idNumberRefused: {
    'zh-CN': '第 {position}–{end} 个字符像是居民身份证号码，不能记录：只记录证件类型，不记录证件号码（个人信息保护法）。请删除号码。',
    'zh-TW': '第 {position}–{end} 個字元像是居民身分證號碼，不能記錄：只記錄證件類型，不記錄證件號碼（個人信息保護法）。請刪除號碼。',
    'en-US': 'characters {position}–{end} look like a resident ID number, which must not be recorded: record the document type only, never its number (PIPL). Delete the number.',
  },
  idNumberInCell: {
    'zh-CN': '第 {position}–{end} 个字符像是居民身份证号码。台账只记录证件类型，不记录证件号码（个人信息保护法）：请在 Excel 中删除该号码。',
    'zh-TW': '第 {position}–{end} 個字元像是居民身分證號碼。臺賬只記錄證件類型，不記錄證件號碼（個人信息保護法）：請在 Excel 中刪除該號碼。',
    'en-US': 'characters {position}–{end} look like a resident ID number. The ledger records the document type only, never its number (PIPL): delete the number in Excel.',
  },
  entryRuleSenior: {
    'zh-CN': '老人：周岁≥{age}',
    'zh-TW': '老人：週歲≥{age}',
    'en-US': 'senior: age ≥ {age}',
  },
  entryRuleChildHeight: {
    'zh-CN': '幼儿：身高≤{height}厘米',
    'zh-TW': '幼兒：身高≤{height}公分',
    'en-US': 'child: height ≤ {height} cm',
  },
  entryRuleChildAge: {
    'zh-CN': '幼儿：周岁<{age}',
    'zh-TW': '幼兒：週歲<{age}',
    'en-US': 'child: age < {age}',
  },
  entryAgeNeeded: {
    'zh-CN': '核验需要出生日期或证件上的年龄（只保存周岁，不保存出生日期）。',
    'zh-TW': '核驗需要出生日期或證件上的年齡（只保存週歲，不保存出生日期）。',
    'en-US': 'the check needs the date of birth or the age on the document (only the age in full years is kept, never the date of birth).',
  },
  entryAgeTwice: {
    'zh-CN': '出生日期和证件上的年龄只填一个。',
    'zh-TW': '出生日期和證件上的年齡只填一個。',
    'en-US': 'give the date of birth or the age on the document, not both.',
  },
  entryBornAfterVisit: {
    'zh-CN': '出生日期晚于游览日期 {day}，请核对。',
    'zh-TW': '出生日期晚於遊覽日期 {day}，請核對。',
    'en-US': 'the date of birth is after the visit date {day}; check it.',
  },
  entryHeightNeeded: {
    'zh-CN': '幼儿按身高核验（{height}厘米及以下免票），请填写身高。',
    'zh-TW': '幼兒按身高核驗（{height}公分及以下免票），請填寫身高。',
    'en-US': 'children are checked by height (free up to {height} cm): give the height.',
  },
  freeEntryInconsistent: {
    'zh-CN': '{record} 的核验结果与其年龄或幼儿核验不符（可能在 Excel 中改过），请核对。',
    'zh-TW': '{record} 的核驗結果與其年齡或幼兒核驗不符（可能在 Excel 中改過），請核對。',
    'en-US': "{record}'s result contradicts its age or child check (edited in Excel?); check it.",
  },
  gateNotReconciled: {
    'zh-CN': '{day} 检票口“{gate}”（{record}）：登记免票 {logged} 人，检票口统计 {counted} 人，不一致。',
    'zh-TW': '{day} 檢票口「{gate}」（{record}）：登記免票 {logged} 人，檢票口統計 {counted} 人，不一致。',
    'en-US': '{day} gate "{gate}" ({record}): {logged} free passes logged, the gate counted {counted}; they differ.',
  },
  gateNotCounted: {
    'zh-CN': '{day} 检票口“{gate}”（{record}）：登记免票 {logged} 人，但没有检票口统计人数。',
    'zh-TW': '{day} 檢票口「{gate}」（{record}）：登記免票 {logged} 人，但沒有檢票口統計人數。',
    'en-US': '{day} gate "{gate}" ({record}): {logged} free passes logged, but the gate has no count.',
  },
  entryReconcileLine: {
    'zh-CN': '{gate}：登记免票 {logged} 人，检票口统计 {counted} 人{verdict}',
    'zh-TW': '{gate}：登記免票 {logged} 人，檢票口統計 {counted} 人{verdict}',
    'en-US': '{gate}: {logged} free passes logged, {counted} counted{verdict}',
  },
  entryReconcileMatch: {
    'zh-CN': '，一致。',
    'zh-TW': '，一致。',
    'en-US': ', matching.',
  },
  entryReconcileDiffer: {
    'zh-CN': '，不一致。',
    'zh-TW': '，不一致。',
    'en-US': '; they differ.',
  },
  entryReconcileNone: {
    'zh-CN': '{day} 没有免票登记，也没有检票口统计。',
    'zh-TW': '{day} 沒有免票登記，也沒有檢票口統計。',
    'en-US': 'nothing to reconcile on {day}: no free passes logged, no gate counted.',
  },
  entryReconciled: {
    'zh-CN': '{day}：{gates} 个检票口全部一致，共免票 {total} 人。',
    'zh-TW': '{day}：{gates} 個檢票口全部一致，共免票 {total} 人。',
    'en-US': '{day}: all {gates} gate(s) reconcile, {total} free passes in all.',
  },
  postalShipped: {
    'zh-CN': '{record} 已登记快递单号 {tracking}，不能再次寄出。',
    'zh-TW': '{record} 已登記快遞單號 {tracking}，不能再次寄出。',
    'en-US': '{record} was already shipped with tracking number {tracking}.',
  },
  usableWithDefect: {
    'zh-CN': '设施齐全可用时不应填写缺陷描述：有缺陷请选“否”。',
    'zh-TW': '設施齊全可用時不應填寫缺陷描述：有缺陷請選「否」。',
    'en-US': 'an item present and usable has no defect: choose "No" when there is one.',
  },
  nothingToRectify: {
    'zh-CN': '{record} 检查时设施齐全可用，没有需要整改的缺陷。',
    'zh-TW': '{record} 檢查時設施齊全可用，沒有需要整改的缺陷。',
    'en-US': '{record} was present and usable when checked: there is no defect to rectify.',
  },
  alreadyRectified: {
    'zh-CN': '{record} 已于 {date} 整改完成。',
    'zh-TW': '{record} 已於 {date} 整改完成。',
    'en-US': '{record} was already rectified on {date}.',
  },
  rectificationIncomplete: {
    'zh-CN': '{record} 已填整改完成日期，但此项为空。',
    'zh-TW': '{record} 已填整改完成日期，但此項為空。',
    'en-US': '{record} has a rectification date but this is empty.',
  },
} as const satisfies Record<string, Text>;
