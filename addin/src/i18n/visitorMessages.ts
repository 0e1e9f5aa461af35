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
export const LOAN_MESSAGES = {} as const satisfies Record<string, Text>;

/** Missing-person broadcasts (W5, F10). */
export const BROADCAST_MESSAGES = {} as const satisfies Record<string, Text>;

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
export const ENTRY_MESSAGES = {} as const satisfies Record<string, Text>;
