import type { Locale, Text } from './locale';
import { format } from './locale';

/**
 * Every message a user can read from an operation or the command line, in the three locales.
 * Placeholders: {name}. Problems name the form (sheet), row and column, and say what to do.
 */
export const MESSAGES = {
  where: {
    'zh-CN': '“{sheet}”第 {row} 行“{column}”：',
    'zh-TW': '「{sheet}」第 {row} 列「{column}」：',
    'en-US': '{sheet}, row {row}, column "{column}": ',
  },
  whereNoRow: {
    'zh-CN': '“{sheet}”的“{column}”：',
    'zh-TW': '「{sheet}」的「{column}」：',
    'en-US': '{sheet}, column "{column}": ',
  },
  whereForm: {
    'zh-CN': '“{sheet}”：',
    'zh-TW': '「{sheet}」：',
    'en-US': '{sheet}: ',
  },
  required: {
    'zh-CN': '必须填写。',
    'zh-TW': '必須填寫。',
    'en-US': 'is required.',
  },
  requiredWhen: {
    'zh-CN': '当“{other}”为“{values}”时必须填写。',
    'zh-TW': '當「{other}」為「{values}」時必須填寫。',
    'en-US': 'is required when "{other}" is {values}.',
  },
  notInList: {
    'zh-CN': '“{value}”不是允许的值。请从以下选择：{allowed}。',
    'zh-TW': '「{value}」不是允許的值。請從以下選擇：{allowed}。',
    'en-US': '"{value}" is not an allowed value. Choose one of: {allowed}.',
  },
  notDate: {
    'zh-CN': '“{value}”不是有效日期，请按 YYYY-MM-DD 填写（如 2026-03-15）。',
    'zh-TW': '「{value}」不是有效日期，請按 YYYY-MM-DD 填寫（如 2026-03-15）。',
    'en-US': '"{value}" is not a valid date; write it as YYYY-MM-DD (e.g. 2026-03-15).',
  },
  notDateTime: {
    'zh-CN': '“{value}”不是有效的日期时间，请按 YYYY-MM-DD HH:MM 填写（如 2026-03-15 09:30）。',
    'zh-TW': '「{value}」不是有效的日期時間，請按 YYYY-MM-DD HH:MM 填寫（如 2026-03-15 09:30）。',
    'en-US': '"{value}" is not a valid date and time; write it as YYYY-MM-DD HH:MM (e.g. 2026-03-15 09:30).',
  },
  notInteger: {
    'zh-CN': '“{value}”不是整数。',
    'zh-TW': '「{value}」不是整數。',
    'en-US': '"{value}" is not a whole number.',
  },
  notNumber: {
    'zh-CN': '“{value}”不是数字。',
    'zh-TW': '「{value}」不是數字。',
    'en-US': '"{value}" is not a number.',
  },
  outOfRange: {
    'zh-CN': '{value} 超出允许范围 {min} 至 {max}。',
    'zh-TW': '{value} 超出允許範圍 {min} 至 {max}。',
    'en-US': '{value} is outside the allowed range {min} to {max}.',
  },
  tooLong: {
    'zh-CN': '内容过长（{length} 字），最多 {max} 字。',
    'zh-TW': '內容過長（{length} 字），最多 {max} 字。',
    'en-US': 'is too long ({length} characters); at most {max}.',
  },
  unknownField: {
    'zh-CN': '没有名为“{value}”的字段。可用字段：{allowed}。',
    'zh-TW': '沒有名為「{value}」的欄位。可用欄位：{allowed}。',
    'en-US': 'there is no field "{value}". Fields: {allowed}.',
  },
  systemField: {
    'zh-CN': '由系统填写，请勿提供。',
    'zh-TW': '由系統填寫，請勿提供。',
    'en-US': 'is filled in by the system; leave it out.',
  },
  notText: {
    'zh-CN': '应为文字，收到的是 {value}。',
    'zh-TW': '應為文字，收到的是 {value}。',
    'en-US': 'should be text, got {value}.',
  },
  notObject: {
    'zh-CN': '输入应为一个 JSON 对象（或对象数组）。',
    'zh-TW': '輸入應為一個 JSON 物件（或物件陣列）。',
    'en-US': 'the input should be a JSON object (or an array of objects).',
  },
  missingTable: {
    'zh-CN': '工作簿中找不到表“{table}”（工作表“{sheet}”）。请用 kefu template 新建台账，或把旧台账升级。',
    'zh-TW': '活頁簿中找不到表「{table}」（工作表「{sheet}」）。請用 kefu template 新建臺賬，或把舊臺賬升級。',
    'en-US': 'the workbook has no table "{table}" (sheet "{sheet}"). Create a ledger with kefu template, or upgrade the old one.',
  },
  missingColumn: {
    'zh-CN': '表“{table}”缺少列“{column}”。请勿重命名或删除台账的列。',
    'zh-TW': '表「{table}」缺少欄「{column}」。請勿重新命名或刪除臺賬的欄。',
    'en-US': 'table "{table}" has no column "{column}". Do not rename or delete the ledger\'s columns.',
  },
  recordNotFound: {
    'zh-CN': '找不到编号为 {value} 的记录。',
    'zh-TW': '找不到編號為 {value} 的記錄。',
    'en-US': 'there is no record {value}.',
  },
  notLedger: {
    'zh-CN': '这不是客服台账工作簿（缺少隐藏的“_kefu”工作表）。请用 kefu template 新建台账。',
    'zh-TW': '這不是客服臺賬活頁簿（缺少隱藏的「_kefu」工作表）。請用 kefu template 新建臺賬。',
    'en-US': 'this is not a Kefu Ledger workbook (the hidden "_kefu" sheet is missing). Create one with kefu template.',
  },
  whereFile: {
    'zh-CN': '文件“{file}”第 {row} 行“{column}”：',
    'zh-TW': '檔案「{file}」第 {row} 列「{column}」：',
    'en-US': 'File {file}, row {row}, column "{column}": ',
  },
  whereFileRow: {
    'zh-CN': '文件“{file}”第 {row} 行：',
    'zh-TW': '檔案「{file}」第 {row} 列：',
    'en-US': 'File {file}, row {row}: ',
  },
  whereFileOnly: {
    'zh-CN': '文件“{file}”：',
    'zh-TW': '檔案「{file}」：',
    'en-US': 'File {file}: ',
  },
  unknownTable: {
    'zh-CN': '没有名为“{value}”的表。可用的表：{allowed}。',
    'zh-TW': '沒有名為「{value}」的表。可用的表：{allowed}。',
    'en-US': 'there is no table "{value}". Tables: {allowed}.',
  },
  unsupportedFile: {
    'zh-CN': '无法读取“{file}”：请提供 .csv 或 .xlsx 文件。',
    'zh-TW': '無法讀取「{file}」：請提供 .csv 或 .xlsx 檔案。',
    'en-US': 'cannot read "{file}": give a .csv or .xlsx file.',
  },
  importEmpty: {
    'zh-CN': '没有表头行或数据行。第一行应为列名（列键或任一语言的列名）。',
    'zh-TW': '沒有表頭列或資料列。第一列應為欄名（欄鍵或任一語言的欄名）。',
    'en-US': 'there is no header or data row. The first row must name the columns (column keys or labels in any language).',
  },
  importMissingColumn: {
    'zh-CN': '缺少必填列“{column}”（列名可写 {key} 或任一语言的名称）。',
    'zh-TW': '缺少必填欄「{column}」（欄名可寫 {key} 或任一語言的名稱）。',
    'en-US': 'the required column "{column}" is missing (name it {key} or by its label in any language).',
  },
  importDuplicateHeader: {
    'zh-CN': '列“{column}”出现了两次（第 {first} 列和第 {second} 列）。',
    'zh-TW': '欄「{column}」出現了兩次（第 {first} 欄和第 {second} 欄）。',
    'en-US': 'the column "{column}" appears twice (columns {first} and {second}).',
  },
  importUnknownWorker: {
    'zh-CN': '工号“{value}”不在“外包人员”表中。请先登记该人员，或更正工号。',
    'zh-TW': '工號「{value}」不在「外包人員」表中。請先登記該人員，或更正工號。',
    'en-US': 'worker id "{value}" is not in the Workers table. Register the worker first, or correct the id.',
  },
  importPartAboveWhole: {
    'zh-CN': '{value} 大于“{whole}”（{wholeValue}）。',
    'zh-TW': '{value} 大於「{whole}」（{wholeValue}）。',
    'en-US': '{value} is more than "{whole}" ({wholeValue}).',
  },
  importFutureDate: {
    'zh-CN': '日期 {value} 晚于今天（{today}）：不能导入尚未发生的记录。',
    'zh-TW': '日期 {value} 晚於今天（{today}）：不能匯入尚未發生的記錄。',
    'en-US': 'the date {value} is after today ({today}): records of the future cannot be imported.',
  },
  importDuplicateInFile: {
    'zh-CN': '与本文件第 {other} 行重复（{key}），但内容不同。请保留正确的一行。',
    'zh-TW': '與本檔案第 {other} 列重複（{key}），但內容不同。請保留正確的一列。',
    'en-US': 'duplicates row {other} of this file ({key}) with different content. Keep the right one.',
  },
  importDuplicateExisting: {
    'zh-CN': '台账“{sheet}”第 {other} 行已有 {key}，内容不同。如需更正，请直接修改该行。',
    'zh-TW': '臺賬「{sheet}」第 {other} 列已有 {key}，內容不同。如需更正，請直接修改該列。',
    'en-US': '{key} is already in {sheet}, row {other}, with different content. To correct it, edit that row.',
  },
  importSummary: {
    'zh-CN': '“{sheet}”：导入 {imported} 行；{present} 行已在台账中，跳过；{rejected} 行有错误，未导入。',
    'zh-TW': '「{sheet}」：匯入 {imported} 列；{present} 列已在臺賬中，略過；{rejected} 列有錯誤，未匯入。',
    'en-US': '{sheet}: imported {imported} rows; {present} rows were already in the ledger and skipped; {rejected} rows had errors and were not imported.',
  },
  importIgnoredColumns: {
    'zh-CN': '未识别的列已忽略：{columns}。',
    'zh-TW': '未識別的欄已忽略：{columns}。',
    'en-US': 'unrecognised columns were ignored: {columns}.',
  },
  ruleMissingParameter: {
    'zh-CN': '规则版本 {version} 缺少参数“{parameter}”。每个版本须包含全部参数。',
    'zh-TW': '規則版本 {version} 缺少參數「{parameter}」。每個版本須包含全部參數。',
    'en-US': 'rule version {version} lacks the parameter "{parameter}". Every version must hold every parameter.',
  },
  ruleDuplicateParameter: {
    'zh-CN': '规则版本 {version} 中参数“{parameter}”出现了两次（第 {other} 行）。',
    'zh-TW': '規則版本 {version} 中參數「{parameter}」出現了兩次（第 {other} 列）。',
    'en-US': 'rule version {version} has the parameter "{parameter}" twice (also row {other}).',
  },
  ruleEffectiveMismatch: {
    'zh-CN': '规则版本 {version} 的各行生效日期不一致（{dates}）。',
    'zh-TW': '規則版本 {version} 的各列生效日期不一致（{dates}）。',
    'en-US': 'the rows of rule version {version} have different effective dates ({dates}).',
  },
  ruleSameDate: {
    'zh-CN': '规则版本 {version} 与 {other} 生效日期相同（{date}），无法确定使用哪一个。',
    'zh-TW': '規則版本 {version} 與 {other} 生效日期相同（{date}），無法確定使用哪一個。',
    'en-US': 'rule versions {version} and {other} take effect on the same date ({date}); it is unclear which applies.',
  },
  ruleBadValue: {
    'zh-CN': '参数“{parameter}”的取值 {value} 无效：应为 {expected}。',
    'zh-TW': '參數「{parameter}」的取值 {value} 無效：應為 {expected}。',
    'en-US': 'the value {value} of "{parameter}" is not valid: it must be {expected}.',
  },
  ruleOrder: {
    'zh-CN': '规则版本 {version}：“{low}”（{lowValue}）不能大于“{high}”（{highValue}）。',
    'zh-TW': '規則版本 {version}：「{low}」（{lowValue}）不能大於「{high}」（{highValue}）。',
    'en-US': 'rule version {version}: "{low}" ({lowValue}) cannot be more than "{high}" ({highValue}).',
  },
  rulesNoneForMonth: {
    'zh-CN': '{month} 没有已生效的绩效规则版本（最早的版本自 {first} 起生效）。',
    'zh-TW': '{month} 沒有已生效的績效規則版本（最早的版本自 {first} 起生效）。',
    'en-US': 'no performance rule version is in effect in {month} (the earliest takes effect on {first}).',
  },
  perfWritten: {
    'zh-CN': '{month} 绩效：{workers} 人，导出 {lines} 行，合计 {sum} 元（规则 {version}）。已写入：{files}',
    'zh-TW': '{month} 績效：{workers} 人，匯出 {lines} 列，合計 {sum} 元（規則 {version}）。已寫入：{files}',
    'en-US': 'Performance {month}: {workers} workers, {lines} lines exported, total {sum} CNY (rules {version}). Written: {files}',
  },
  perfApproved: {
    'zh-CN': '导出批次 {batch} 已审批（{by}，{at}），此后不再改写；更正将以冲销和调整行出现在下一批次。',
    'zh-TW': '匯出批次 {batch} 已審批（{by}，{at}），此後不再改寫；更正將以沖銷和調整列出現在下一批次。',
    'en-US': 'Export batch {batch} approved ({by}, {at}); it is never rewritten. Corrections appear as reversal and adjustment lines in a later batch.',
  },
  statsWritten: {
    'zh-CN': '{year} 年投诉统计：{total} 件（已办结 {closed} 件，年末未办结 {open} 件）。已写入：{file}',
    'zh-TW': '{year} 年投訴統計：{total} 件（已辦結 {closed} 件，年末未辦結 {open} 件）。已寫入：{file}',
    'en-US': 'Complaint statistics {year}: {total} complaints ({closed} closed, {open} open at year end). Written: {file}',
  },
  readingLedger: {
    'zh-CN': '正在读取台账',
    'zh-TW': '正在讀取臺賬',
    'en-US': 'reading the ledger',
  },
  perfNothingToApprove: {
    'zh-CN': '{month} 没有可审批的新导出：最近一批 {batch} 已审批。',
    'zh-TW': '{month} 沒有可審批的新匯出：最近一批 {batch} 已審批。',
    'en-US': 'there is no new export of {month} to approve: the latest batch {batch} is already approved.',
  },
  perfCorrections: {
    'zh-CN': '{month} 已有已审批批次 {batch}：本次导出只含与之相比的冲销和调整行（{lines} 行）。',
    'zh-TW': '{month} 已有已審批批次 {batch}：本次匯出只含與之相比的沖銷和調整列（{lines} 列）。',
    'en-US': '{month} already has the approved batch {batch}: this export holds only reversal and adjustment lines against it ({lines} lines).',
  },
  perfApprovedFileExists: {
    'zh-CN': '文件“{file}”是已审批的导出，不会被改写。请换一个文件名。',
    'zh-TW': '檔案「{file}」是已審批的匯出，不會被改寫。請換一個檔案名稱。',
    'en-US': 'the file "{file}" is an approved export and is never rewritten. Choose another file name.',
  },
  perfManualNeedsApprover: {
    'zh-CN': '人工调整须填写原因和审批人。',
    'zh-TW': '人工調整須填寫原因和審批人。',
    'en-US': 'a manual adjustment needs a reason and an approver.',
  },
  unsafeRewrite: {
    'zh-CN':
      '文件“{file}”包含 exceljs 无法保留的内容（{parts}）。为免丢失，命令行不会改写它，文件保持原样。请在 Excel 中用客服台账加载项操作此工作簿，或先把这些内容移到另一个工作簿。',
    'zh-TW':
      '檔案「{file}」包含 exceljs 無法保留的內容（{parts}）。為免遺失，命令列不會改寫它，檔案保持原樣。請在 Excel 中用客服臺賬增益集操作此活頁簿，或先把這些內容移到另一個活頁簿。',
    'en-US':
      'the file "{file}" holds parts that exceljs would drop ({parts}). To lose nothing, the command line will not rewrite it; the file is untouched. Work on this workbook in Excel with the Kefu Ledger add-in, or move those parts to another workbook first.',
  },
  fileNotFound: {
    'zh-CN': '找不到文件“{file}”。',
    'zh-TW': '找不到檔案「{file}」。',
    'en-US': 'file "{file}" not found.',
  },
  badJson: {
    'zh-CN': '无法解析 JSON：{detail}',
    'zh-TW': '無法解析 JSON：{detail}',
    'en-US': 'cannot parse the JSON: {detail}',
  },
  complaintRegistered: {
    'zh-CN': '已登记投诉 {number}。',
    'zh-TW': '已登記投訴 {number}。',
    'en-US': 'Complaint {number} registered.',
  },
  writeFailed: {
    'zh-CN': '写入工作簿失败，未做任何修改：{detail}',
    'zh-TW': '寫入活頁簿失敗，未做任何修改：{detail}',
    'en-US': 'writing to the workbook failed; nothing was changed: {detail}',
  },
  noPrintLayout: {
    'zh-CN': '表“{table}”没有打印版式。有打印版式的表：{printed}。',
    'zh-TW': '表「{table}」沒有列印版式。有列印版式的表：{printed}。',
    'en-US': 'table "{table}" has no print layout. Print layouts exist for: {printed}.',
  },
  bindYear: {
    'zh-CN': '年度“{value}”无效，请填写 2000 至 2100 之间的年份（如 2026）。',
    'zh-TW': '年度「{value}」無效，請填寫 2000 至 2100 之間的年份（如 2026）。',
    'en-US': 'the year "{value}" is not valid; give a year from 2000 to 2100 (e.g. 2026).',
  },
  bindVolumeSize: {
    'zh-CN': '每册份数“{value}”无效：每册 1 至 {max} 份（Excel 每个工作表最多保留 1026 个分页符）。',
    'zh-TW': '每冊份數「{value}」無效：每冊 1 至 {max} 份（Excel 每個工作表最多保留 1026 個分頁符）。',
    'en-US': 'the volume size "{value}" is not valid: a volume holds 1 to {max} tickets (Excel keeps at most 1,026 page breaks per sheet).',
  },
  bindMissingVisit: {
    'zh-CN': '已归档的投诉单 {ticket} 找不到回访表 {visit}，不能装订。请先登记回访表，或作废该投诉单。',
    'zh-TW': '已歸檔的投訴單 {ticket} 找不到回訪表 {visit}，不能裝訂。請先登記回訪表，或作廢該投訴單。',
    'en-US': 'the archived ticket {ticket} has no return-visit form {visit}, so it cannot be bound. Record the return visit first, or void the ticket.',
  },
  bindDuplicateNumber: {
    'zh-CN': '投诉编号 {ticket} 出现了 {count} 次（第 {rows} 行），不能装订。请先作废或更正重复的编号。',
    'zh-TW': '投訴編號 {ticket} 出現了 {count} 次（第 {rows} 列），不能裝訂。請先作廢或更正重複的編號。',
    'en-US': 'ticket number {ticket} appears {count} times (rows {rows}), so the year cannot be bound. Void or correct the duplicates first.',
  },
  bindDone: {
    'zh-CN': '{year} 年新装订 {count} 份投诉单（其中作废 {voids} 份），共 {volumes} 册：{list}。',
    'zh-TW': '{year} 年新裝訂 {count} 份投訴單（其中作廢 {voids} 份），共 {volumes} 冊：{list}。',
    'en-US': 'Bound {count} tickets of {year} (of which {voids} void) into {volumes} new volume(s): {list}.',
  },
  bindNothing: {
    'zh-CN': '{year} 年没有需要装订的新投诉单（已装订 {bound} 份）。',
    'zh-TW': '{year} 年沒有需要裝訂的新投訴單（已裝訂 {bound} 份）。',
    'en-US': 'Nothing new to bind for {year} ({bound} tickets already bound).',
  },
  bindPending: {
    'zh-CN': '另有 {pending} 份 {year} 年投诉单尚未归档，下次装订时再编号；缺号 {gaps} 个，已列在封面和目录中。',
    'zh-TW': '另有 {pending} 份 {year} 年投訴單尚未歸檔，下次裝訂時再編號；缺號 {gaps} 個，已列在封面和目錄中。',
    'en-US': '{pending} more tickets of {year} are not archived yet and will be numbered at a later binding; {gaps} missing numbers are listed on the covers and in the indexes.',
  },
  boundWorkbookWritten: {
    'zh-CN': '装订册工作簿已写入 {file}（{volumes} 册）。',
    'zh-TW': '裝訂冊活頁簿已寫入 {file}（{volumes} 冊）。',
    'en-US': 'Bound-volume workbook written to {file} ({volumes} volumes).',
  },
  wrongStatus: {
    'zh-CN': '{record} 当前为“{status_zhCN}”，不能{action_zhCN}；须为：{allowed_zhCN}。',
    'zh-TW': '{record} 目前為「{status_zhTW}」，不能{action_zhTW}；須為：{allowed_zhTW}。',
    'en-US': '{record} is "{status_enUS}", so it cannot be {action_enUS}; it must be: {allowed_enUS}.',
  },
  recordVoided: {
    'zh-CN': '{record} 已作废（{reason}），不能再办理。',
    'zh-TW': '{record} 已作廢（{reason}），不能再辦理。',
    'en-US': '{record} is void ({reason}); nothing more can be recorded on it.',
  },
  notBefore: {
    'zh-CN': '{value} 早于{other_zhCN}（{otherValue}），请核对时间。',
    'zh-TW': '{value} 早於{other_zhTW}（{otherValue}），請核對時間。',
    'en-US': '{value} is earlier than {other_enUS} ({otherValue}); check the time.',
  },
  wrongCategory: {
    'zh-CN': '{record} 的分类是“{category_zhCN}”，不能{action_zhCN}；仅适用于：{allowed_zhCN}。',
    'zh-TW': '{record} 的分類是「{category_zhTW}」，不能{action_zhTW}；僅適用於：{allowed_zhTW}。',
    'en-US': '{record} is in category "{category_enUS}", so it cannot be {action_enUS}; only: {allowed_enUS}.',
  },
  mustEscalate: {
    'zh-CN': '{record} 重要程度为“重大”，须呈报公司经理（填“是”）。',
    'zh-TW': '{record} 重要程度為「重大」，須呈報公司經理（填「是」）。',
    'en-US': '{record} is of critical importance: it must be escalated to the company manager (Yes).',
  },
  voidReasonRequired: {
    'zh-CN': '作废必须填写原因（--reason）。记录不会删除，只标记作废。',
    'zh-TW': '作廢必須填寫原因（--reason）。記錄不會刪除，只標記作廢。',
    'en-US': 'voiding needs a reason (--reason). Records are never deleted, only marked void.',
  },
  receptionRegistered: {
    'zh-CN': '已登记接待 {number}{linked}。',
    'zh-TW': '已登記接待 {number}{linked}。',
    'en-US': 'Reception {number} registered{linked}.',
  },
  stepRecorded: {
    'zh-CN': '{record}：已记录（{status}）。',
    'zh-TW': '{record}：已記錄（{status}）。',
    'en-US': '{record}: recorded ({status}).',
  },
  duplicateNumber: {
    'zh-CN': '编号 {value} 重复（第 {rows} 行）。',
    'zh-TW': '編號 {value} 重複（第 {rows} 列）。',
    'en-US': 'number {value} is used more than once (rows {rows}).',
  },
  numberGap: {
    'zh-CN': '编号缺号：{value}（既无记录也无作废记录）。',
    'zh-TW': '編號缺號：{value}（既無記錄也無作廢記錄）。',
    'en-US': 'numbers missing: {value} (neither a record nor a voided one).',
  },
  missingLinked: {
    'zh-CN': '{record} 应有关联记录 {value}（“{target_zhCN}”），但找不到。',
    'zh-TW': '{record} 應有關聯記錄 {value}（「{target_zhTW}」），但找不到。',
    'en-US': '{record} should have the linked record {value} (in "{target_enUS}"), which is missing.',
  },
  stepFieldMissing: {
    'zh-CN': '{record} 状态为“{status_zhCN}”，但此项未填写。',
    'zh-TW': '{record} 狀態為「{status_zhTW}」，但此項未填寫。',
    'en-US': '{record} is "{status_enUS}" but this is empty.',
  },
  ledgerOutOfStep: {
    'zh-CN': '维修台账 {record} 的状态“{value_zhCN}”与维修单（“{status_zhCN}”）不一致。',
    'zh-TW': '維修臺賬 {record} 的狀態「{value_zhTW}」與維修單（「{status_zhTW}」）不一致。',
    'en-US': 'repair ledger line {record} is "{value_enUS}" but its repair order is "{status_enUS}".',
  },
  overdueItem: {
    'zh-CN': '{record} 逾期：{what_zhCN}期限 {due}，已超 {hours} 小时。',
    'zh-TW': '{record} 逾期：{what_zhTW}期限 {due}，已超 {hours} 小時。',
    'en-US': '{record} is overdue: {what_enUS} was due {due}, {hours} h ago.',
  },
  checkSummary: {
    'zh-CN': '检查完成：{errors} 个错误，{warnings} 个警告。',
    'zh-TW': '檢查完成：{errors} 個錯誤，{warnings} 個警告。',
    'en-US': 'Check done: {errors} errors, {warnings} warnings.',
  },
  compilationTitle: {
    'zh-CN': '建议汇总',
    'zh-TW': '建議匯總',
    'en-US': 'Suggestions compiled',
  },
  nothingToCompile: {
    'zh-CN': '{period} 没有待汇总的建议。',
    'zh-TW': '{period} 沒有待匯總的建議。',
    'en-US': 'no open suggestions to compile in {period}.',
  },
  suggestionsCompiled: {
    'zh-CN': '已汇总 {count} 条建议：{title}。',
    'zh-TW': '已匯總 {count} 條建議：{title}。',
    'en-US': '{count} suggestions compiled: {title}.',
  },
  visitBeforeHandling: {
    'zh-CN': '回访表 {record} 已登记，但投诉 {ticket} 尚未登记处理结果（须先处理后回访）。',
    'zh-TW': '回訪表 {record} 已登記，但投訴 {ticket} 尚未登記處理結果（須先處理後回訪）。',
    'en-US': 'return visit {record} is recorded but complaint {ticket} has no handling result yet (handle first, then visit).',
  },
  checkError: {
    'zh-CN': '错误',
    'zh-TW': '錯誤',
    'en-US': 'error',
  },
  checkWarning: {
    'zh-CN': '警告',
    'zh-TW': '警告',
    'en-US': 'warning',
  },
} as const satisfies Record<string, Text>;

export type MessageId = keyof typeof MESSAGES;

export function message(id: MessageId, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  return format(MESSAGES[id][locale], params);
}

/** How lists are joined in each locale. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en-US' ? ', ' : '、');
}
