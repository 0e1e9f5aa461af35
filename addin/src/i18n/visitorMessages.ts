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

/** Reservations and reception plans (W6, F11, F12). */
export const RESERVATION_MESSAGES = {} as const satisfies Record<string, Text>;

/** Free entry, the postal log and the accessibility checklist (W7, F13, F14, F30). */
export const ENTRY_MESSAGES = {} as const satisfies Record<string, Text>;
