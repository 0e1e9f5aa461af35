import type { Text } from './locale';

/**
 * The messages of the field teams' work orders (W8) and registers (F15–F18), in the three
 * locales: part of MESSAGES (messages.ts), kept here so that no file grows past 800 lines.
 * Each names the work order (`{record}`) and what refuses it; the sheet, row and column come
 * from the problem's place.
 */
export const FIELD_MESSAGES = {
  noticeMissing: {
    'zh-CN': '{record} 的调表通知单 {notice} 不存在，不能登记告知。',
    'zh-TW': '{record} 的調表通知單 {notice} 不存在，不能登記告知。',
    'en-US': '{record}: meter-change notice {notice} does not exist, so the order cannot be notified.',
  },
  noticeVoided: {
    'zh-CN': '{record}：调表通知单 {notice} 已作废（{reason}），不能作为告知依据。请张贴新的通知单。',
    'zh-TW': '{record}：調表通知單 {notice} 已作廢（{reason}），不能作為告知依據。請張貼新的通知單。',
    'en-US': '{record}: meter-change notice {notice} is void ({reason}) and cannot stand for the notice. Post a new one.',
  },
  noticeOtherOrder: {
    'zh-CN': '{record}：调表通知单 {notice} 属于工单 {other}，不是本工单的。',
    'zh-TW': '{record}：調表通知單 {notice} 屬於工單 {other}，不是本工單的。',
    'en-US': '{record}: meter-change notice {notice} belongs to order {other}, not to this one.',
  },
  noticeTooLate: {
    'zh-CN': '{record}：调表通知单 {notice} 于 {posted} 张贴，距计划轮换日期 {planned} 仅 {days} 天，须至少提前15天（差 {short} 天）。请重新张贴并推迟计划日期。',
    'zh-TW': '{record}：調表通知單 {notice} 於 {posted} 張貼，距計劃輪換日期 {planned} 僅 {days} 天，須至少提前15天（差 {short} 天）。請重新張貼並延後計劃日期。',
    'en-US':
      '{record}: meter-change notice {notice} was posted on {posted}, only {days} days before the planned date {planned}; it must be at least 15 days ahead ({short} days short). Post it again and move the planned date.',
  },
  noticeIncomplete: {
    'zh-CN': '{record}：调表通知单 {notice} 未填写此项，不能登记告知。',
    'zh-TW': '{record}：調表通知單 {notice} 未填寫此項，不能登記告知。',
    'en-US': '{record}: meter-change notice {notice} leaves this empty, so the order cannot be notified.',
  },
  usersNotMarked: {
    'zh-CN': '{record}：调表通知单 {notice} 未确认已标记轮换用户（须为“是”）。',
    'zh-TW': '{record}：調表通知單 {notice} 未確認已標記輪換用戶（須為「是」）。',
    'en-US': '{record}: meter-change notice {notice} does not confirm the users are marked (must be Yes).',
  },
  noMeeting: {
    'zh-CN': '{record}：班组 {team} 在 {date} 没有班前会记录（或仅有已作废的），不能就绪。请先登记当天班前会。',
    'zh-TW': '{record}：班組 {team} 在 {date} 沒有班前會記錄（或僅有已作廢的），不能就緒。請先登記當天班前會。',
    'en-US': "{record}: team {team} has no pre-shift meeting on {date} (or only a void one), so the order cannot be ready. Record the day's meeting first.",
  },
  crewNotSigned: {
    'zh-CN': '{record}：班前会 {meeting} 名单上的 {names_zhCN} 未签字。',
    'zh-TW': '{record}：班前會 {meeting} 名單上的 {names_zhTW} 未簽字。',
    'en-US': '{record}: pre-shift meeting {meeting}: {names_enUS} on the roster did not sign.',
  },
  crewNotOnRoster: {
    'zh-CN': '{record}：班前会 {meeting} 的签字人 {names_zhCN} 不在当天施工人员名单上。',
    'zh-TW': '{record}：班前會 {meeting} 的簽字人 {names_zhTW} 不在當天施工人員名單上。',
    'en-US': '{record}: pre-shift meeting {meeting}: {names_enUS} signed but are not on the roster.',
  },
  meetingCheckNotDone: {
    'zh-CN': '{record}：班前会 {meeting} 此项检查未通过（须为“是”或“合格”）。',
    'zh-TW': '{record}：班前會 {meeting} 此項檢查未通過（須為「是」或「合格」）。',
    'en-US': '{record}: pre-shift meeting {meeting} does not pass this check (must be Yes or Pass).',
  },
  workerUnknown: {
    'zh-CN': '{record}：施工人员工号 {worker} 不在外包人员表中。',
    'zh-TW': '{record}：施工人員工號 {worker} 不在外包人員表中。',
    'en-US': '{record}: worker id {worker} is not in the workers table.',
  },
  workerNotOnRoster: {
    'zh-CN': '{record}：施工人员 {name}（{worker}）不在班前会 {meeting} 的名单上，未参加班前会签字。',
    'zh-TW': '{record}：施工人員 {name}（{worker}）不在班前會 {meeting} 的名單上，未參加班前會簽字。',
    'en-US': '{record}: worker {name} ({worker}) is not on the roster of pre-shift meeting {meeting} and did not sign it.',
  },
  gearExpired: {
    'zh-CN': '{record}：班组 {team} 的工器具 {gear} 有效期至 {until}，在施工日期 {date} 已过期。请送检或报废后再开工。',
    'zh-TW': '{record}：班組 {team} 的工器具 {gear} 有效期至 {until}，在施工日期 {date} 已過期。請送檢或報廢後再開工。',
    'en-US': '{record}: gear {gear} of team {team} was valid until {until} and is expired on the work date {date}. Have it tested or scrap it first.',
  },
  gearStatusStale: {
    'zh-CN': '工器具 {record} 状况为“合格”，但有效期至 {until}，今天（{today}）已过期。',
    'zh-TW': '工器具 {record} 狀況為「合格」，但有效期至 {until}，今天（{today}）已過期。',
    'en-US': 'gear {record} is marked valid but its validity ended on {until} (today is {today}).',
  },
  powerOffNotSafe: {
    'zh-CN': '{record}：装表前须确认此项为“是”（确认电源无电并有可靠明显的断开点）。',
    'zh-TW': '{record}：裝表前須確認此項為「是」（確認電源無電並有可靠明顯的斷開點）。',
    'en-US': '{record}: this must be Yes before installing (no voltage and a reliable, visible break point).',
  },
  powerOffMissing: {
    'zh-CN': '{record} 状态为“{status_zhCN}”，但没有确认电源无电并有可靠明显断开点的验电记录。',
    'zh-TW': '{record} 狀態為「{status_zhTW}」，但沒有確認電源無電並有可靠明顯斷開點的驗電記錄。',
    'en-US': '{record} is "{status_enUS}" but has no power-off check confirming no voltage and a reliable, visible break point.',
  },
  siteNotCleaned: {
    'zh-CN': '{record}：完工前须清扫施工现场、清除表箱内杂物（已清扫现场须为“是”）。',
    'zh-TW': '{record}：完工前須清掃施工現場、清除表箱內雜物（已清掃現場須為「是」）。',
    'en-US': '{record}: clean the site and the meter box before completing (Site cleaned must be Yes).',
  },
  noInstallationSheets: {
    'zh-CN': '{record}：没有登记所属本工单的装接单，不能完工。',
    'zh-TW': '{record}：沒有登記所屬本工單的裝接單，不能完工。',
    'en-US': '{record}: no installation sheet is recorded for this order, so it cannot be completed.',
  },
  sheetWrongKind: {
    'zh-CN': '{record}：装接单 {sheet} 的工作类型与工单不符。',
    'zh-TW': '{record}：裝接單 {sheet} 的工作類型與工單不符。',
    'en-US': '{record}: installation sheet {sheet} is of another kind of work than the order.',
  },
  sheetIncomplete: {
    'zh-CN': '装接单 {record} 未填写此项。',
    'zh-TW': '裝接單 {record} 未填寫此項。',
    'en-US': 'installation sheet {record} leaves this empty.',
  },
  parentOrderMissing: {
    'zh-CN': '工单 {value} 不在“{target_zhCN}”中（或已作废），请核对所属工单号和工作类型。',
    'zh-TW': '工單 {value} 不在「{target_zhTW}」中（或已作廢），請核對所屬工單號和工作類型。',
    'en-US': 'order {value} is not in "{target_enUS}" (or is void); check the order no. and the kind of work.',
  },
  sheetNameMismatch: {
    'zh-CN': '装接单 {record}（工单 {order}）户名与实际用户不一致（已照实登记）。',
    'zh-TW': '裝接單 {record}（工單 {order}）戶名與實際用戶不一致（已照實登記）。',
    'en-US': 'installation sheet {record} (order {order}): the name does not match the actual user (recorded as it is).',
  },
  sheetNoCorrespondence: {
    'zh-CN': '装接单 {record}（工单 {order}）的装接单、表计、表位、空开、用户未全对应（已照实登记）。',
    'zh-TW': '裝接單 {record}（工單 {order}）的裝接單、表計、表位、空開、用戶未全對應（已照實登記）。',
    'en-US': 'installation sheet {record} (order {order}): sheet, meter, position, breaker and user do not all correspond (recorded as it is).',
  },
  sheetWorkmanshipFailed: {
    'zh-CN': '装接单 {record}（工单 {order}）施工工艺不合格：{items_zhCN}（已照实登记）。',
    'zh-TW': '裝接單 {record}（工單 {order}）施工工藝不合格：{items_zhTW}（已照實登記）。',
    'en-US': 'installation sheet {record} (order {order}) failed workmanship items: {items_enUS} (recorded as they are).',
  },
} as const satisfies Record<string, Text>;

/** The messages of the field checks (W8): sampling, spot checks, investigations, collection verification. */
export const FIELD_CHECK_MESSAGES = {
  meterNotInSample: {
    'zh-CN': '{record}：表号 {value} 不在本次样本中（样本：{sample}），只能登记样本中表计的检查结果。',
    'zh-TW': '{record}：表號 {value} 不在本次樣本中（樣本：{sample}），只能登記樣本中表計的檢查結果。',
    'en-US': '{record}: meter {value} is not in the sample ({sample}); only sampled meters can be given a result.',
  },
  collectedAboveTotal: {
    'zh-CN': '采集成功户数 {value} 多于应采用户数 {total}，请核对。',
    'zh-TW': '採集成功戶數 {value} 多於應採用戶數 {total}，請核對。',
    'en-US': 'users collected ({value}) are more than the users in total ({total}); check the figures.',
  },
  class3RateHigh: {
    'zh-CN': '{record}：三级负荷抽查比例 {rate}% 高于 30%，已按此比例抽样。',
    'zh-TW': '{record}：三級負荷抽查比例 {rate}% 高於 30%，已按此比例抽樣。',
    'en-US': '{record}: the Class III sampling rate {rate}% is above 30%; the sample was drawn at that rate.',
  },
  sampleRedrawn: {
    'zh-CN': '{record}（{rule}，种子 {seed}）：样本 {count} 只：{sample}。',
    'zh-TW': '{record}（{rule}，種子 {seed}）：樣本 {count} 隻：{sample}。',
    'en-US': '{record} ({rule}, seed {seed}): {count} meter(s) sampled: {sample}.',
  },
  sampleMatches: {
    'zh-CN': '{record}：按种子和规则版本重抽，与记录的样本一致。',
    'zh-TW': '{record}：按種子和規則版本重抽，與記錄的樣本一致。',
    'en-US': '{record}: redrawn from its seed and rule version, the sample matches the record.',
  },
  sampleMismatch: {
    'zh-CN': '{record}：记录的样本与按种子 {seed}、规则 {rule} 重抽的样本不一致：重抽有而记录没有：{missing}；记录有而重抽没有：{extra}。',
    'zh-TW': '{record}：記錄的樣本與按種子 {seed}、規則 {rule} 重抽的樣本不一致：重抽有而記錄沒有：{missing}；記錄有而重抽沒有：{extra}。',
    'en-US': '{record}: the recorded sample differs from the one redrawn with seed {seed} and rule {rule}: redrawn but not recorded: {missing}; recorded but not redrawn: {extra}.',
  },
  sampleRuleUnknown: {
    'zh-CN': '{record}：抽样规则版本“{rule}”无法识别，不能重抽。',
    'zh-TW': '{record}：抽樣規則版本「{rule}」無法識別，不能重抽。',
    'en-US': '{record}: sampling rule version "{rule}" is unknown, so the sample cannot be redrawn.',
  },
  sampleNone: {
    'zh-CN': '工单 {record} 还没有抽样记录。',
    'zh-TW': '工單 {record} 還沒有抽樣記錄。',
    'en-US': 'work order {record} has no sample yet.',
  },
  fieldCheckMissing: {
    'zh-CN': '{record} 状态为“现场已检查”，但找不到已检查的记录 {value}。',
    'zh-TW': '{record} 狀態為「現場已檢查」，但找不到已檢查的記錄 {value}。',
    'en-US': '{record} is field checked, but its checked record {value} is missing.',
  },
  fieldCheckBelow: {
    'zh-CN': '{record} 状态为“现场已检查”，但合格率 {passed}/{checked} 低于 {threshold}%。',
    'zh-TW': '{record} 狀態為「現場已檢查」，但合格率 {passed}/{checked} 低於 {threshold}%。',
    'en-US': '{record} is field checked, but its pass rate {passed}/{checked} is below {threshold}%.',
  },
  investigationUnsigned: {
    'zh-CN': '{record} 的排查记录 {value} 缺少三方签字（{missing_zhCN}）。',
    'zh-TW': '{record} 的排查記錄 {value} 缺少三方簽字（{missing_zhTW}）。',
    'en-US': 'the investigation {value} of {record} lacks signatures: {missing_enUS}.',
  },
} as const satisfies Record<string, Text>;
