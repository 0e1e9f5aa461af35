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
export const BROADCAST_MESSAGES = {} as const satisfies Record<string, Text>;

/** Reservations and reception plans (W6, F11, F12). */
export const RESERVATION_MESSAGES = {} as const satisfies Record<string, Text>;

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
