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

/** Wheelchair and stroller loans (W4, F8, F9). */
export const LOAN_MESSAGES = {} as const satisfies Record<string, Text>;

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

/** Reservations and reception plans (W6, F11, F12). */
export const RESERVATION_MESSAGES = {} as const satisfies Record<string, Text>;

/** Free entry, the postal log and the accessibility checklist (W7, F13, F14, F30). */
export const ENTRY_MESSAGES = {} as const satisfies Record<string, Text>;
