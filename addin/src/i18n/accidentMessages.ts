import type { Text } from './locale';

/**
 * The messages of accidents (W9, F25–F28) in the three locales: the steps' refusals, the check's
 * findings and what `kefu accidents` prints. Part of MESSAGES (messages.ts), kept here so that no
 * file grows past the size the architecture test allows.
 */
export const ACCIDENT_MESSAGES = {
  targetOutsideQualifier: {
    'zh-CN': '{record} 不能计入“{target_zhCN}”：该目标只计{qualifier_zhCN}的事故，本事故等级为“{grade_zhCN}”，伤亡及失踪 {casualties} 人。',
    'zh-TW': '{record} 不能計入「{target_zhTW}」：該目標只計{qualifier_zhTW}的事故，本事故等級為「{grade_zhTW}」，傷亡及失蹤 {casualties} 人。',
    'en-US': '{record} cannot count against "{target_enUS}": that target counts only {qualifier_enUS}, and this accident is graded "{grade_enUS}" with {casualties} killed, injured or missing.',
  },
  accidentCloseIncomplete: {
    'zh-CN': '{record} 不能结案：四不放过第 {n} 项“{principle_zhCN}”未落实（{gaps_zhCN}）。四项均须为“是”，并填写依据和日期。',
    'zh-TW': '{record} 不能結案：四不放過第 {n} 項「{principle_zhTW}」未落實（{gaps_zhTW}）。四項均須為「是」，並填寫依據和日期。',
    'en-US': '{record} cannot be closed: item {n} of the four no-lets-go, "{principle_enUS}", is not done ({gaps_enUS}). All four must be Yes, with evidence and a date.',
  },
  accidentClosedIncomplete: {
    'zh-CN': '{record} 已结案，但四不放过第 {n} 项“{principle_zhCN}”未落实（{gaps_zhCN}）。',
    'zh-TW': '{record} 已結案，但四不放過第 {n} 項「{principle_zhTW}」未落實（{gaps_zhTW}）。',
    'en-US': '{record} is closed, but item {n} of the four no-lets-go, "{principle_enUS}", is not done ({gaps_enUS}).',
  },
  accidentWrittenOverdue: {
    'zh-CN': '{record} 的书面事故报告应在事发后24小时内（{due} 前）提交，已逾期 {hours} 小时仍未登记。',
    'zh-TW': '{record} 的書面事故報告應在事發後24小時內（{due} 前）提交，已逾期 {hours} 小時仍未登記。',
    'en-US': 'the written report of {record} was due within 24 hours of the event (by {due}); it is {hours} h overdue and still not recorded.',
  },
  accidentVerbalLate: {
    'zh-CN': '{record} 事发 {minutes} 分钟后才口头报告，超过1小时（应立即报告）。',
    'zh-TW': '{record} 事發 {minutes} 分鐘後才口頭報告，超過1小時（應立即報告）。',
    'en-US': '{record} was reported verbally {minutes} minutes after the event, more than 1 hour (it must be reported at once).',
  },
  accidentReportExists: {
    'zh-CN': '外包单位 {vendor} {period} 的事故报告已报送：{report}（{date}），不能重复报送。',
    'zh-TW': '外包單位 {vendor} {period} 的事故報告已報送：{report}（{date}），不能重複報送。',
    'en-US': 'the accident report of {period} for the outsourcing unit {vendor} was already sent: {report} ({date}); it is not sent twice.',
  },
  accidentReportNoVendor: {
    'zh-CN': '台账中没有外包单位（作业人员名册和事故记录中都没有），不知道为谁编制零报告。请用 --vendor 指定外包单位。',
    'zh-TW': '臺賬中沒有外包單位（作業人員名冊和事故記錄中都沒有），不知道為誰編製零報告。請用 --vendor 指定外包單位。',
    'en-US': 'the ledger names no outsourcing unit (neither the worker roster nor any accident), so there is no one to make a zero report for. Name the unit with --vendor.',
  },
} as const satisfies Record<string, Text>;

export const ACCIDENT_REPORT_MESSAGES = {
  accidentReportsWritten: {
    'zh-CN': '{period} 事故报告已写入 {file}：{reports} 个外包单位，事故共 {accidents} 起{zero}。',
    'zh-TW': '{period} 事故報告已寫入 {file}：{reports} 個外包單位，事故共 {accidents} 起{zero}。',
    'en-US': 'Accident reports of {period} written to {file}: {reports} outsourcing unit(s), {accidents} accident(s) in all{zero}.',
  },
  accidentReportsZero: {
    'zh-CN': '（零报告：{vendors}）',
    'zh-TW': '（零報告：{vendors}）',
    'en-US': ' (zero reports: {vendors})',
  },
  accidentReportsRecorded: {
    'zh-CN': '已登记报送记录：{numbers}（报送对象：{recipients}）。',
    'zh-TW': '已登記報送記錄：{numbers}（報送對象：{recipients}）。',
    'en-US': 'Reports recorded: {numbers} (sent to: {recipients}).',
  },
} as const satisfies Record<string, Text>;
