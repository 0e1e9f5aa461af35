import type { Locale, Text } from './locale';
import { format } from './locale';
import { FIELD_CHECK_MESSAGES, FIELD_MESSAGES } from './fieldMessages';
import { USAGE_MESSAGES } from './usageMessages';
import { ACCIDENT_MESSAGES, ACCIDENT_REPORT_MESSAGES } from './accidentMessages';
import { BROADCAST_MESSAGES, ENTRY_MESSAGES, LOAN_MESSAGES, RESERVATION_MESSAGES, VISITOR_RULE_MESSAGES, VISITOR_SUMMARY_MESSAGES } from './visitorMessages';

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
  whereInput: {
    'zh-CN': '“{column}”：',
    'zh-TW': '「{column}」：',
    'en-US': '{column}: ',
  },
  whereRecord: {
    'zh-CN': '第 {row} 条记录的“{column}”：',
    'zh-TW': '第 {row} 筆記錄的「{column}」：',
    'en-US': 'Record {row}, "{column}": ',
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
  unstorableControl: {
    'zh-CN': '第 {position} 个字符是 Excel 无法保存的控制字符 {code}，请删除。',
    'zh-TW': '第 {position} 個字元是 Excel 無法儲存的控制字元 {code}，請刪除。',
    'en-US': 'character {position} is the control character {code}, which Excel cannot store; delete it.',
  },
  unstorableNonCharacter: {
    'zh-CN': '第 {position} 个字符是 Excel 无法保存的非字符 {code}，请删除。',
    'zh-TW': '第 {position} 個字元是 Excel 無法儲存的非字元 {code}，請刪除。',
    'en-US': 'character {position} is the noncharacter {code}, which Excel cannot store; delete it.',
  },
  unstorableSurrogate: {
    'zh-CN': '第 {position} 个字符是不成对的代理项 {code}（残缺的字符），Excel 无法保存。请删除，或重新输入原来的字符。',
    'zh-TW': '第 {position} 個字元是不成對的代理項 {code}（殘缺的字元），Excel 無法儲存。請刪除，或重新輸入原來的字元。',
    'en-US': 'character {position} is the unpaired surrogate {code} (half of a character), which Excel cannot store; delete it or type the character again.',
  },
  tooManyDigits: {
    'zh-CN': '{value} 有 {digits} 位有效数字，超过 Excel 能保存的 {max} 位，会被舍入。请核对；编号、卡号等请写成文字（在 JSON 中加引号）。',
    'zh-TW': '{value} 有 {digits} 位有效數字，超過 Excel 能儲存的 {max} 位，會被捨入。請核對；編號、卡號等請寫成文字（在 JSON 中加引號）。',
    'en-US': '{value} has {digits} significant digits, more than the {max} Excel keeps, so it would be rounded. Check it; write ids, card numbers and the like as text (in quotes in JSON).',
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
    'zh-CN': '工作簿中找不到表“{table}”（工作表“{sheet}”），可能是旧版模板建的台账。请先升级台账（kefu upgrade，或任务窗格中的升级工作簿），或用 kefu template 新建台账。',
    'zh-TW': '活頁簿中找不到表「{table}」（工作表「{sheet}」），可能是舊版範本建立的臺賬。請先升級臺賬（kefu upgrade，或工作窗格中的升級活頁簿），或用 kefu template 新建臺賬。',
    'en-US':
      'the workbook has no table "{table}" (sheet "{sheet}"): it may be a ledger from an earlier template. Upgrade it first (kefu upgrade, or Upgrade workbook in the task pane), or create a ledger with kefu template.',
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
  importIncomplete: {
    'zh-CN': '“{table_zhCN}”从 {file} 的导入未完成（批次 {batch}，见“{log_zhCN}”第 {line} 行）：应写入 {expected} 行，只写入了 {written} 行。请再导入一次该文件：已有的行会被识别，只补写缺少的行。',
    'zh-TW':
      '「{table_zhTW}」從 {file} 的匯入未完成（批次 {batch}，見「{log_zhTW}」第 {line} 列）：應寫入 {expected} 列，只寫入了 {written} 列。請再匯入一次該檔案：已有的列會被辨識，只補寫缺少的列。',
    'en-US':
      'the import of {file} into {table_enUS} did not complete (batch {batch}, {log_enUS} row {line}): {written} of {expected} rows were written. Import the file again: the rows already there are recognised and only the missing ones are written.',
  },
  importIncompleteRefused: {
    'zh-CN': '“{table_zhCN}”从 {file} 的导入（批次 {batch}，{expected} 行）未完成，其数据不能计入。请先再导入一次该文件，再重新计算。',
    'zh-TW': '「{table_zhTW}」從 {file} 的匯入（批次 {batch}，{expected} 列）未完成，其資料不能計入。請先再匯入一次該檔案，再重新計算。',
    'en-US': 'the import of {file} into {table_enUS} (batch {batch}, {expected} rows) did not complete, so its data cannot be counted. Import the file again, then compute again.',
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
  perfNoData: {
    'zh-CN': '{month} 没有任何绩效数据（采集记录、工单、投诉工单、人工调整都没有），未写出导出文件。请先导入该月数据；确要导出空文件请加 --allow-empty。',
    'zh-TW': '{month} 沒有任何績效資料（採集記錄、工單、投訴工單、人工調整都沒有），未寫出匯出檔案。請先匯入該月資料；確要匯出空檔案請加 --allow-empty。',
    'en-US':
      '{month} has no performance data at all (no collector records, work orders, complaint orders or manual adjustments); no export was written. Import the month’s data first, or add --allow-empty to export an empty file.',
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
    'zh-CN': '{year} 年投诉统计：{total} 件（已办结 {closed} 件，年末未办结 {open} 件，其中已超承诺时限 {overdue} 件）。已写入：{file}',
    'zh-TW': '{year} 年投訴統計：{total} 件（已辦結 {closed} 件，年末未辦結 {open} 件，其中已超承諾時限 {overdue} 件）。已寫入：{file}',
    'en-US': 'Complaint statistics {year}: {total} complaints ({closed} closed, {open} open at year end, {overdue} of them past the promised time). Written: {file}',
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
  tableHasTotals: {
    'zh-CN': '“{sheet}”上的表“{table}”有汇总行，新记录无法写在它下面。请在 Excel 中关闭该表的汇总行（表设计 → 汇总行），再试一次。',
    'zh-TW': '「{sheet}」上的表格「{table}」有合計列，新記錄無法寫在它下面。請在 Excel 中關閉該表格的合計列（表格設計 → 合計列），再試一次。',
    'en-US': 'the table "{table}" on "{sheet}" has a totals row, so new records cannot go below it. Turn the totals row off in Excel (Table Design → Total Row) and try again.',
  },
  cellInTheWay: {
    'zh-CN': '“{sheet}”的单元格 {cell} 已有内容，挡住了表“{table}”的新行。为免覆盖，什么都没有写入。请把该内容移走后再试。',
    'zh-TW': '「{sheet}」的儲存格 {cell} 已有內容，擋住了表格「{table}」的新列。為免覆蓋，什麼都沒有寫入。請把該內容移走後再試。',
    'en-US': 'cell {cell} of "{sheet}" holds something where the table "{table}" needs its new row. Nothing was written, so nothing is overwritten; move that content and try again.',
  },
  firstColumnNotLedgers: {
    'zh-CN': '“{sheet}”上的表“{table}”的第一列“{header}”不是台账的列。Excel 只把首格有内容的新行并入表格，所以新记录无法写在它下面；什么都没有写入。请把这一列移到表格的其他位置后再试。',
    'zh-TW': '「{sheet}」上的表格「{table}」的第一欄「{header}」不是臺賬的欄。Excel 只把首格有內容的新列併入表格，所以新記錄無法寫在它下面；什麼都沒有寫入。請把這一欄移到表格的其他位置後再試。',
    'en-US':
      'the first column "{header}" of the table "{table}" on "{sheet}" is not one of the ledger\'s. Excel takes a new row into a table only when its first cell holds something, so new records cannot go below it; nothing was written. Move that column elsewhere in the table and try again.',
  },
  columnInTheWay: {
    'zh-CN': '“{sheet}”的单元格 {cell} 已有内容，挡住了表“{table}”要新增的列。为免覆盖，什么都没有写入。请把该内容移走后再升级。',
    'zh-TW': '「{sheet}」的儲存格 {cell} 已有內容，擋住了表格「{table}」要新增的欄。為免覆蓋，什麼都沒有寫入。請把該內容移走後再升級。',
    'en-US': 'cell {cell} of "{sheet}" holds something where the table "{table}" gets a new column. Nothing was written, so nothing is overwritten; move that content and upgrade again.',
  },
  tableInTheWay: {
    'zh-CN': '“{sheet}”的单元格 {cell} 已有内容，挡住了要加入的表“{table}”。为免覆盖，什么都没有写入。请把该内容移走后再升级。',
    'zh-TW': '「{sheet}」的儲存格 {cell} 已有內容，擋住了要加入的表格「{table}」。為免覆蓋，什麼都沒有寫入。請把該內容移走後再升級。',
    'en-US': 'cell {cell} of "{sheet}" holds something where the table "{table}" goes. Nothing was written, so nothing is overwritten; move that content and upgrade again.',
  },
  isDirectory: {
    'zh-CN': '“{path}”是文件夹，不是工作簿。请给出 .xlsx 文件的路径。',
    'zh-TW': '「{path}」是資料夾，不是活頁簿。請給出 .xlsx 檔案的路徑。',
    'en-US': '"{path}" is a folder, not a workbook. Give the path of an .xlsx file.',
  },
  noPermission: {
    'zh-CN': '没有权限读写“{path}”。请检查文件和所在文件夹的权限，或换一个位置。',
    'zh-TW': '沒有權限讀寫「{path}」。請檢查檔案和所在資料夾的權限，或換一個位置。',
    'en-US': 'no permission to read or write "{path}". Check the permissions of the file and its folder, or use another place.',
  },
  ledgerReadOnly: {
    'zh-CN': '台账“{path}”是只读的，命令行不会改写它，文件保持原样。如确需修改，请先取消只读属性。',
    'zh-TW': '臺賬「{path}」是唯讀的，命令列不會改寫它，檔案保持原樣。如確需修改，請先取消唯讀屬性。',
    'en-US': 'the ledger "{path}" is read-only, so the command line will not change it; the file is untouched. Make it writable first if it is meant to change.',
  },
  openInExcel: {
    'zh-CN': '台账“{path}”正在 Excel 中打开（{user}）。请在 Excel 中用客服台账加载项操作，或关闭 Excel 后再运行命令；文件保持原样。',
    'zh-TW': '臺賬「{path}」正在 Excel 中開啟（{user}）。請在 Excel 中用客服臺賬增益集操作，或關閉 Excel 後再執行命令；檔案保持原樣。',
    'en-US': 'the ledger "{path}" is open in Excel ({user}). Use the Kefu Ledger add-in there, or close Excel and run the command again; the file is untouched.',
  },
  ledgerWaiting: {
    'zh-CN': '台账“{path}”正被另一个命令使用：{holder}。正在等待……',
    'zh-TW': '臺賬「{path}」正被另一個命令使用：{holder}。正在等待……',
    'en-US': 'the ledger "{path}" is in use by another command: {holder}. Waiting…',
  },
  ledgerLocked: {
    'zh-CN': '台账“{path}”一直被另一个命令占用：{holder}。什么都没有写入；请等它结束后再试（--wait 可设等待秒数）。',
    'zh-TW': '臺賬「{path}」一直被另一個命令佔用：{holder}。什麼都沒有寫入；請等它結束後再試（--wait 可設等待秒數）。',
    'en-US': 'the ledger "{path}" stayed in use by another command: {holder}. Nothing was written; try again when it is done (--wait sets how many seconds to wait).',
  },
  ledgerLockLost: {
    'zh-CN': '写入台账“{path}”期间，它的锁被另一个命令当作失效解除了。为免冲突，什么都没有写入，请再运行一次。',
    'zh-TW': '寫入臺賬「{path}」期間，它的鎖被另一個命令當作失效解除了。為免衝突，什麼都沒有寫入，請再執行一次。',
    'en-US': 'while the ledger "{path}" was being written, another command took its lock as stale. Nothing was written, to avoid a conflict; run the command again.',
  },
  ledgerChanged: {
    'zh-CN': '台账“{path}”在命令运行期间被另一个程序改动了（已重试两次）。什么都没有写入；请关闭正在改它的程序后再试。',
    'zh-TW': '臺賬「{path}」在命令執行期間被另一個程式改動了（已重試兩次）。什麼都沒有寫入；請關閉正在改它的程式後再試。',
    'en-US': 'the ledger "{path}" was changed by another program while the command ran (tried three times). Nothing was written; close the program changing it and try again.',
  },
  diskFull: {
    'zh-CN': '写入“{path}”时磁盘已满。原文件保持原样，未完成的文件已删除；请腾出空间后再试。',
    'zh-TW': '寫入「{path}」時磁碟已滿。原檔案保持原樣，未完成的檔案已刪除；請騰出空間後再試。',
    'en-US': 'the disk is full while writing "{path}". The original is untouched and the unfinished file was removed; free some space and try again.',
  },
  notXlsx: {
    'zh-CN': '“{path}”不是 Excel 工作簿（.xlsx）。请给出台账工作簿的路径。',
    'zh-TW': '「{path}」不是 Excel 活頁簿（.xlsx）。請給出臺賬活頁簿的路徑。',
    'en-US': '"{path}" is not an Excel workbook (.xlsx). Give the path of a ledger workbook.',
  },
  damagedXlsx: {
    'zh-CN': '工作簿“{path}”已损坏或不完整（可能复制中断）。请从 .bak 备份或原始来源恢复。',
    'zh-TW': '活頁簿「{path}」已損壞或不完整（可能複製中斷）。請從 .bak 備份或原始來源還原。',
    'en-US': 'the workbook "{path}" is damaged or incomplete (a copy cut short?). Restore it from its .bak backup or from where it came from.',
  },
  encryptedXlsx: {
    'zh-CN': '工作簿“{path}”设有打开密码，命令行无法读取。请在 Excel 中用加载项操作，或先取消密码（文件 → 信息 → 保护工作簿）。',
    'zh-TW': '活頁簿「{path}」設有開啟密碼，命令列無法讀取。請在 Excel 中用增益集操作，或先取消密碼（檔案 → 資訊 → 保護活頁簿）。',
    'en-US': 'the workbook "{path}" is protected by a password to open, which the command line cannot read. Use the add-in in Excel, or remove the password first (File → Info → Protect Workbook).',
  },
  zip64Xlsx: {
    'zh-CN': '工作簿“{path}”超过 4 GB，命令行无法处理。请把往年记录归档到另一个工作簿。',
    'zh-TW': '活頁簿「{path}」超過 4 GB，命令列無法處理。請把往年記錄歸檔到另一個活頁簿。',
    'en-US': 'the workbook "{path}" is over 4 GB, which the command line cannot handle. Archive earlier years into another workbook.',
  },
  outputIsInput: {
    'zh-CN': '{flag} “{path}”就是正在读取的台账，写入会覆盖台账。请换一个文件名。',
    'zh-TW': '{flag} 「{path}」就是正在讀取的臺賬，寫入會覆蓋臺賬。請換一個檔名。',
    'en-US': '{flag} "{path}" is the ledger being read: writing it would replace the ledger. Choose another file name.',
  },
  outputIsBackup: {
    'zh-CN': '{flag} “{path}”是台账的备份（.bak），写入会毁掉备份。请换一个文件名。',
    'zh-TW': '{flag} 「{path}」是臺賬的備份（.bak），寫入會毀掉備份。請換一個檔名。',
    'en-US': '{flag} "{path}" is the ledger\'s backup (.bak): writing it would destroy the backup. Choose another file name.',
  },
  outputIsLedger: {
    'zh-CN': '{flag} “{path}”是一个已有的台账，写入会覆盖它。请换一个文件名；确要覆盖请加 --force。',
    'zh-TW': '{flag} 「{path}」是一個既有的臺賬，寫入會覆蓋它。請換一個檔名；確要覆蓋請加 --force。',
    'en-US': '{flag} "{path}" is an existing ledger: writing it would replace it. Choose another file name, or add --force if that is what you want.',
  },
  outputExists: {
    'zh-CN': '{flag} “{path}”已存在，不会覆盖。请换一个文件名；确要覆盖请加 --force。',
    'zh-TW': '{flag} 「{path}」已存在，不會覆蓋。請換一個檔名；確要覆蓋請加 --force。',
    'en-US': '{flag} "{path}" already exists and is not overwritten. Choose another file name, or add --force to replace it.',
  },
  // The command line's usage and help: usageMessages.ts.
  ...USAGE_MESSAGES,
  ledgerTooNew: {
    'zh-CN': '台账“{path}”由更新版本的客服台账制作（模板版本 {version}，本程序为 {ours}）。为免损坏，不会写入；请更新 kefu。',
    'zh-TW': '臺賬「{path}」由較新版本的客服臺賬製作（範本版本 {version}，本程式為 {ours}）。為免損壞，不會寫入；請更新 kefu。',
    'en-US': 'the ledger "{path}" was made by a newer Kefu Ledger (template version {version}; this one is {ours}). To damage nothing it is not written; update kefu.',
  },
  ledgerNeedsUpgrade: {
    'zh-CN': '台账“{path}”来自较早的模板（版本 {version}，当前为 {ours}），文件保持原样。请先运行“kefu upgrade {path}”（或在 Excel 加载项中点“升级工作簿”），所有记录都会保留。',
    'zh-TW': '臺賬「{path}」來自較早的範本（版本 {version}，目前為 {ours}），檔案保持原樣。請先執行「kefu upgrade {path}」（或在 Excel 增益集中按「升級活頁簿」），所有記錄都會保留。',
    'en-US':
      'the ledger "{path}" comes from an earlier template (version {version}; now {ours}); the file is untouched. Run "kefu upgrade {path}" first (or Upgrade workbook in the Excel add-in): every record is kept.',
  },
  workbookTooNew: {
    'zh-CN': '工作簿“{path}”由更新版本的客服台账制作（模板版本 {version}，本加载项为 {ours}）。为免损坏，加载项不会写入它；请更新加载项（或请管理员部署新版本）。',
    'zh-TW': '活頁簿「{path}」由較新版本的客服臺賬製作（範本版本 {version}，本增益集為 {ours}）。為免損壞，增益集不會寫入它；請更新增益集（或請管理員部署新版本）。',
    'en-US':
      'the workbook "{path}" was made by a newer Kefu Ledger (template version {version}; this add-in is {ours}). To damage nothing the add-in does not write into it; update the add-in (or ask your administrator to deploy the new version).',
  },
  workbookNeedsUpgrade: {
    'zh-CN': '工作簿“{path}”来自较早的模板（版本 {version}，当前为 {ours}）。升级之前，加载项不会写入它（待办等仍可查看）。点“升级工作簿”补上缺少的部分，所有记录都会保留。',
    'zh-TW': '活頁簿「{path}」來自較早的範本（版本 {version}，目前為 {ours}）。升級之前，增益集不會寫入它（待辦等仍可查看）。按「升級活頁簿」補上缺少的部分，所有記錄都會保留。',
    'en-US':
      'the workbook "{path}" comes from an earlier template (version {version}; now {ours}). Until it is upgraded the add-in writes nothing into it (the to-do list and other reading still work). Upgrade workbook adds what is missing and keeps every record.',
  },
  dictionaryRequired: {
    'zh-CN': '必填',
    'zh-TW': '必填',
    'en-US': 'required',
  },
  demoWritten: {
    'zh-CN': '{file}：接待 {receptions} 件，投诉 {complaints} 件，报修单 {repairs} 张，服务台操作 {actions} 次，截至 {today}',
    'zh-TW': '{file}：接待 {receptions} 件，投訴 {complaints} 件，報修單 {repairs} 張，服務臺操作 {actions} 次，截至 {today}',
    'en-US': '{file}: {receptions} receptions, {complaints} complaints, {repairs} repair orders, {actions} desk actions, up to {today}',
  },
  demoScenicWritten: {
    'zh-CN': '{file}：景区 {first} 至 {last}，轮椅婴儿车借用 {loans} 次，广播寻人 {broadcasts} 次，预约团体 {reservations} 个，免票核验 {entries} 次',
    'zh-TW': '{file}：景區 {first} 至 {last}，輪椅嬰兒車借用 {loans} 次，廣播尋人 {broadcasts} 次，預約團體 {reservations} 個，免票核驗 {entries} 次',
    'en-US': '{file}: scenic area {first} to {last}, {loans} wheelchair and stroller loans, {broadcasts} missing-person broadcasts, {reservations} group reservations, {entries} free-entry checks',
  },
  demoPerformanceWritten: {
    'zh-CN': '{file}：人员 {workers} 名，采集记录 {records} 条，轮换工单 {rotations} 张，批量装表 {installs} 批，投诉工单 {orders} 张',
    'zh-TW': '{file}：人員 {workers} 名，採集記錄 {records} 筆，輪換工單 {rotations} 張，批次裝表 {installs} 批，投訴工單 {orders} 張',
    'en-US': '{file}: {workers} workers, {records} collector records, {rotations} rotation orders, {installs} batch installs, {orders} complaint orders',
  },
  internalError: {
    'zh-CN': '内部错误：{detail}。文件保持原样。请把这条消息和所用命令报告给维护人员（设置 KEFU_DEBUG=1 可看到详情）。',
    'zh-TW': '內部錯誤：{detail}。檔案保持原樣。請把這則訊息和所用命令回報給維護人員（設定 KEFU_DEBUG=1 可看到詳情）。',
    'en-US': 'internal error: {detail}. The files are untouched. Please report this message and the command to the maintainers (KEFU_DEBUG=1 shows the details).',
  },
  upgradeDone: {
    'zh-CN': '台账“{path}”已从模板版本 {from} 升级到 {to}：新增表 {tables} 个、列 {columns} 个、初始行 {rows} 行，审计日志 {sealed} 行加上了校验链。所有记录都已保留；上一版保留为 .bak。',
    'zh-TW': '臺賬「{path}」已從範本版本 {from} 升級到 {to}：新增表格 {tables} 個、欄 {columns} 個、初始列 {rows} 列，稽核日誌 {sealed} 列加上了校驗鏈。所有記錄都已保留；上一版保留為 .bak。',
    'en-US':
      'the ledger "{path}" is upgraded from template version {from} to {to}: {tables} tables, {columns} columns and {rows} starting rows added, {sealed} audit rows sealed in the hash chain. Every record is kept; the previous version is the .bak.',
  },
  workbookUpgraded: {
    'zh-CN':
      '工作簿“{path}”已从模板版本 {from} 升级到 {to}：新增表 {tables} 个、列 {columns} 个、工作表 {sheets} 个、初始行 {rows} 行，审计日志 {sealed} 行加上了校验链。所有记录都已保留，审计日志记下了这次升级。',
    'zh-TW':
      '活頁簿「{path}」已從範本版本 {from} 升級到 {to}：新增表格 {tables} 個、欄 {columns} 個、工作表 {sheets} 個、初始列 {rows} 列，稽核日誌 {sealed} 列加上了校驗鏈。所有記錄都已保留，稽核日誌記下了這次升級。',
    'en-US':
      'the workbook "{path}" is upgraded from template version {from} to {to}: {tables} tables, {columns} columns, {sheets} sheets and {rows} starting rows added, {sealed} audit rows sealed in the hash chain. Every record is kept; the audit log records the upgrade.',
  },
  upgradeNothing: {
    'zh-CN': '台账“{path}”已是当前模板（版本 {version}），无需升级。',
    'zh-TW': '臺賬「{path}」已是目前範本（版本 {version}），無需升級。',
    'en-US': 'the ledger "{path}" already has the current template (version {version}); nothing to upgrade.',
  },
  fileNotFound: {
    'zh-CN': '找不到文件“{path}”。',
    'zh-TW': '找不到檔案「{path}」。',
    'en-US': 'file "{path}" not found.',
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
  recordRegistered: {
    'zh-CN': '已登记{form} {number}。',
    'zh-TW': '已登記{form} {number}。',
    'en-US': '{form} {number} registered.',
  },
  workflowAddHelp: {
    'zh-CN':
      '登记“{form}”（一个 JSON 对象或对象数组），并打印其编号。字段：{fields}。字段用数据字典中的列键（见 kefu dictionary）；代码字段可用代码或任一语言的名称；签名写作 {"by": 姓名, "at": "YYYY-MM-DD HH:MM"}。只要有一条记录有误，整批都不写入。',
    'zh-TW':
      '登記「{form}」（一個 JSON 物件或物件陣列），並列印其編號。欄位：{fields}。欄位用資料字典中的欄鍵（見 kefu dictionary）；代碼欄位可用代碼或任一語言的名稱；簽名寫作 {"by": 姓名, "at": "YYYY-MM-DD HH:MM"}。只要有一筆記錄有誤，整批都不寫入。',
    'en-US':
      'Register records of "{form}" (a JSON object, or an array of them) and print their numbers. Fields: {fields}. Fields are column keys (see kefu dictionary); codes or labels are accepted for coded fields; a signature is {"by": name, "at": "YYYY-MM-DD HH:MM"}. One bad record refuses the whole input and nothing is written.',
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
  ...ACCIDENT_REPORT_MESSAGES,
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
  ...ACCIDENT_MESSAGES,
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
  // The field teams' work orders (W8) and registers: fieldMessages.ts.
  ...FIELD_MESSAGES,
  // The special visitors (W4–W7): visitorMessages.ts.
  ...VISITOR_RULE_MESSAGES,
  ...VISITOR_SUMMARY_MESSAGES,
  ...LOAN_MESSAGES,
  ...BROADCAST_MESSAGES,
  ...RESERVATION_MESSAGES,
  ...ENTRY_MESSAGES,
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
  // Sampling and the field checks (W8): fieldMessages.ts.
  ...FIELD_CHECK_MESSAGES,
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
  numberClaimedUnused: {
    'zh-CN': '编号 {value} 已于 {at} 由工作站 {station} 领取但未使用（登记被拒绝或中断），不是删除的记录。',
    'zh-TW': '編號 {value} 已於 {at} 由工作站 {station} 領取但未使用（登記被拒絕或中斷），不是刪除的記錄。',
    'en-US': 'number {value} was claimed at {at} by station {station} and never used (its registration was refused or interrupted); no record was removed.',
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
  queueSummary: {
    'zh-CN': '共 {count} 项待办，其中 {overdue} 项逾期。',
    'zh-TW': '共 {count} 項待辦，其中 {overdue} 項逾期。',
    'en-US': '{count} items to do, {overdue} overdue.',
  },
  queueEmpty: {
    'zh-CN': '没有待办事项。',
    'zh-TW': '沒有待辦事項。',
    'en-US': 'Nothing to do.',
  },
  queueOverdue: {
    'zh-CN': '逾期 {hours} 小时',
    'zh-TW': '逾期 {hours} 小時',
    'en-US': 'overdue {hours} h',
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
  auditChainBroken: {
    'zh-CN': '“{log_zhCN}”第 {line} 行（{at}，{record}）起校验链断开：此行或它之前的一行被删除、移动或修改过。请从 .bak 备份或其他副本核对审计日志。',
    'zh-TW': '「{log_zhTW}」第 {line} 列（{at}，{record}）起校驗鏈斷開：此列或它之前的一列被刪除、移動或修改過。請從 .bak 備份或其他副本核對稽核日誌。',
    'en-US':
      '{log_enUS}, row {line} ({at}, {record}): the hash chain breaks here: this row or the one before it was removed, moved or edited. Compare the audit log with the .bak backup or another copy.',
  },
  futureDate: {
    'zh-CN': '{record} 的日期 {value} 在将来。请核对是否输错。',
    'zh-TW': '{record} 的日期 {value} 在未來。請核對是否輸入錯誤。',
    'en-US': '{record} is dated {value}, in the future. Check it was typed right.',
  },
  beforeFirstYear: {
    'zh-CN': '{record} 的日期 {value} 早于台账建立的年份 {year}。请核对是否输错。',
    'zh-TW': '{record} 的日期 {value} 早於臺賬建立的年份 {year}。請核對是否輸入錯誤。',
    'en-US': '{record} is dated {value}, before {year}, the year the ledger was made. Check it was typed right.',
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

/**
 * Inputs outside any form that messages name (whereInput): the clerk's name and site an operation
 * runs with. Any other name (a command-line flag such as --reason) is shown as it is.
 */
const INPUT_NAMES: Readonly<Record<string, Text>> = {
  clerk: { 'zh-CN': '经办人姓名', 'zh-TW': '經辦人姓名', 'en-US': 'Clerk name' },
  site: { 'zh-CN': '项目', 'zh-TW': '項目', 'en-US': 'Site' },
  // What a free-entry check takes and does not keep (domain/visitors/freeEntry.ts).
  date_of_birth: { 'zh-CN': '出生日期', 'zh-TW': '出生日期', 'en-US': 'Date of birth' },
  age_on_document: { 'zh-CN': '证件上的年龄', 'zh-TW': '證件上的年齡', 'en-US': 'Age on the document' },
};

export function inputName(name: string, locale: Locale): string {
  return Object.prototype.hasOwnProperty.call(INPUT_NAMES, name) ? INPUT_NAMES[name][locale] : name;
}

export function message(id: MessageId, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  return format(MESSAGES[id][locale], params);
}

/** How lists are joined in each locale. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'en-US' ? ', ' : '、');
}
