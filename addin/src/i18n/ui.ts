import type { Locale, Text } from './locale';
import { format } from './locale';

/** Every word of the task pane and the preview, in the three locales (exported for the script check). */
export const UI = {
  appName: { 'zh-CN': '客服台账', 'zh-TW': '客服臺賬', 'en-US': 'Kefu Ledger' },
  viewReception: { 'zh-CN': '接待登记', 'zh-TW': '接待登記', 'en-US': 'Reception' },
  viewComplaints: { 'zh-CN': '投诉', 'zh-TW': '投訴', 'en-US': 'Complaints' },
  viewQueue: { 'zh-CN': '待办', 'zh-TW': '待辦', 'en-US': 'To do' },
  viewPrint: { 'zh-CN': '打印', 'zh-TW': '列印', 'en-US': 'Print' },
  viewBinding: { 'zh-CN': '装订', 'zh-TW': '裝訂', 'en-US': 'Binding' },
  viewStatistics: { 'zh-CN': '统计', 'zh-TW': '統計', 'en-US': 'Statistics' },
  viewPerformance: { 'zh-CN': '绩效', 'zh-TW': '績效', 'en-US': 'Performance' },
  viewSettings: { 'zh-CN': '设置', 'zh-TW': '設定', 'en-US': 'Settings' },
  views: { 'zh-CN': '功能', 'zh-TW': '功能', 'en-US': 'Views' },
  register: { 'zh-CN': '登记', 'zh-TW': '登記', 'en-US': 'Register' },
  registering: { 'zh-CN': '正在登记…', 'zh-TW': '正在登記…', 'en-US': 'Registering…' },
  clear: { 'zh-CN': '清空', 'zh-TW': '清空', 'en-US': 'Clear' },
  required: { 'zh-CN': '必填', 'zh-TW': '必填', 'en-US': 'required' },
  choose: { 'zh-CN': '请选择', 'zh-TW': '請選擇', 'en-US': 'Choose…' },
  signedBy: { 'zh-CN': '签名', 'zh-TW': '簽名', 'en-US': 'Name' },
  signedAt: { 'zh-CN': '时间', 'zh-TW': '時間', 'en-US': 'Time' },
  /** A field of a form's part whose label is also a field's of the form above it (en-US: two "Category"). */
  fieldOfPart: { 'zh-CN': '{label}（{form}）', 'zh-TW': '{label}（{form}）', 'en-US': '{label} ({form})' },
  now: { 'zh-CN': '现在', 'zh-TW': '現在', 'en-US': 'Now' },
  yes: { 'zh-CN': '是', 'zh-TW': '是', 'en-US': 'Yes' },
  no: { 'zh-CN': '否', 'zh-TW': '否', 'en-US': 'No' },
  registered: {
    'zh-CN': '已登记，编号 {number}。已在工作表中选中该行。',
    'zh-TW': '已登記，編號 {number}。已在工作表中選取該列。',
    'en-US': 'Registered as {number}. Its row is selected in the sheet.',
  },
  /** After a registration whose answer Excel lost although it saved it (records.ts runOperation). */
  savedThoughAnswerLost: {
    'zh-CN': '与 Excel 的连接在保存后中断，但记录已保存且只保存了一次，请勿重复登记。',
    'zh-TW': '與 Excel 的連線在儲存後中斷，但記錄已儲存且只儲存了一次，請勿重複登記。',
    'en-US': 'The connection to Excel dropped after saving, but the record was saved, once: do not enter it again.',
  },
  /** The pane retried by itself after a failure whose outcome Excel did not tell (taskpane/operationRunner.ts). */
  triedAgain: {
    'zh-CN': 'Excel 第一次没有应答，已自动重试一次。',
    'zh-TW': 'Excel 第一次沒有回應，已自動重試一次。',
    'en-US': 'Excel did not answer the first time; the add-in tried once more.',
  },
  /** A retry found that the attempt whose answer was lost had been saved: nothing written again. */
  savedByEarlierAttempt: {
    'zh-CN': '上一次尝试其实已保存（Excel 的应答丢失），这次没有再写入，记录只有一条。',
    'zh-TW': '上一次嘗試其實已儲存（Excel 的回應遺失），這次沒有再寫入，記錄只有一筆。',
    'en-US': 'The earlier attempt had been saved after all (Excel’s answer was lost); nothing was written again, so there is one record.',
  },
  /** A failure after which it is not known whether Excel saved the write. */
  maybeSavedTryAgain: {
    'zh-CN': 'Excel 没有确认是否已保存。请保持内容不变再按一次：会先查找上一次尝试，绝不会保存两次。',
    'zh-TW': 'Excel 沒有確認是否已儲存。請保持內容不變再按一次：會先查找上一次嘗試，絕不會儲存兩次。',
    'en-US': 'Excel did not confirm whether it saved this. Press the button again without changing anything: it looks for the earlier attempt first and never saves twice.',
  },
  fixErrors: {
    'zh-CN': '有 {count} 处需要修改，见各字段下的提示。',
    'zh-TW': '有 {count} 處需要修改，見各欄位下的提示。',
    'en-US': '{count} fields need attention; see the messages below them.',
  },
  failed: { 'zh-CN': '操作未完成：', 'zh-TW': '操作未完成：', 'en-US': 'Not done: ' },
  noChange: {
    'zh-CN': '工作簿没有任何改动，可以重试。',
    'zh-TW': '活頁簿沒有任何變動，可以重試。',
    'en-US': 'Nothing in the workbook changed; you can try again.',
  },
  loading: { 'zh-CN': '正在读取台账…', 'zh-TW': '正在讀取臺賬…', 'en-US': 'Reading the ledger…' },
  refresh: { 'zh-CN': '刷新', 'zh-TW': '重新整理', 'en-US': 'Refresh' },
  openComplaints: { 'zh-CN': '未结投诉', 'zh-TW': '未結投訴', 'en-US': 'Open complaints' },
  queueEmpty: { 'zh-CN': '没有待办事项。', 'zh-TW': '沒有待辦事項。', 'en-US': 'Nothing to do.' },
  queueCount: { 'zh-CN': '共 {count} 件', 'zh-TW': '共 {count} 件', 'en-US': '{count} items' },
  status: { 'zh-CN': '状态', 'zh-TW': '狀態', 'en-US': 'Status' },
  select: { 'zh-CN': '在表中定位', 'zh-TW': '在表中定位', 'en-US': 'Show in sheet' },
  clerkName: { 'zh-CN': '经办人（审计日志中的姓名）', 'zh-TW': '經辦人（稽核日誌中的姓名）', 'en-US': 'Your name (for the audit log)' },
  clerkMissing: {
    'zh-CN': '请先在“设置”中填写经办人姓名：每次改动都会记录是谁做的。',
    'zh-TW': '請先在「設定」中填寫經辦人姓名：每次變動都會記錄是誰做的。',
    'en-US': 'Enter your name in Settings first: every change records who made it.',
  },
  site: { 'zh-CN': '项目（院区、景区或站点）', 'zh-TW': '項目（院區、景區或站點）', 'en-US': 'Site (campus, scenic area or station)' },
  language: { 'zh-CN': '界面语言', 'zh-TW': '介面語言', 'en-US': 'Language' },
  languageAuto: { 'zh-CN': '跟随 Office（{detected}）', 'zh-TW': '跟隨 Office（{detected}）', 'en-US': 'Same as Office ({detected})' },
  save: { 'zh-CN': '保存', 'zh-TW': '儲存', 'en-US': 'Save' },
  saved: { 'zh-CN': '已保存。', 'zh-TW': '已儲存。', 'en-US': 'Saved.' },
  notLedgerHelp: {
    'zh-CN': '这个工作簿还不是客服台账。请打开台账模板（templates 文件夹）或用 kefu template 新建。',
    'zh-TW': '這個活頁簿還不是客服臺賬。請開啟臺賬範本（templates 資料夾）或用 kefu template 新建。',
    'en-US': 'This workbook is not a Kefu Ledger yet. Open a ledger template (the templates folder) or create one with kefu template.',
  },
  upgradeWorkbook: { 'zh-CN': '升级工作簿', 'zh-TW': '升級活頁簿', 'en-US': 'Upgrade workbook' },
  upgrading: { 'zh-CN': '正在升级…', 'zh-TW': '正在升級…', 'en-US': 'Upgrading…' },
  receptionHelp: {
    'zh-CN': '来访、来电、来信逐条登记；按分类转入投诉、维修等流程。',
    'zh-TW': '來訪、來電、來信逐條登記；按分類轉入投訴、維修等流程。',
    'en-US': 'Register each visit, call or letter; its category routes it to complaints, repairs and the rest.',
  },
  complaintsHelp: {
    'zh-CN': '接待人员填写投诉处理单；登记后自动编号（TS-年份-序号）。',
    'zh-TW': '接待人員填寫投訴處理單；登記後自動編號（TS-年份-序號）。',
    'en-US': 'The receptionist fills in the complaint ticket; it is numbered TS-year-sequence on registering.',
  },
  printHelp: {
    'zh-CN': '选择表单并输入编号：该记录显示在按纸质联单排版的打印页上，可直接打印（Ctrl+P）。',
    'zh-TW': '選擇表單並輸入編號：該記錄顯示在按紙本聯單排版的列印頁上，可直接列印（Ctrl+P）。',
    'en-US': 'Choose a form and enter a number: the record appears on its print sheet, laid out like the paper copies, ready to print (Ctrl+P).',
  },
  printForm: { 'zh-CN': '表单', 'zh-TW': '表單', 'en-US': 'Form' },
  printShow: { 'zh-CN': '显示打印页', 'zh-TW': '顯示列印頁', 'en-US': 'Show print sheet' },
  printReady: {
    'zh-CN': '{number} 已显示在“{sheet}”工作表上，按 Ctrl+P 打印。',
    'zh-TW': '{number} 已顯示在「{sheet}」工作表上，按 Ctrl+P 列印。',
    'en-US': '{number} is on the sheet "{sheet}"; press Ctrl+P to print.',
  },
  bindHelp: {
    'zh-CN': '把本年度已归档的投诉处理单连同回访表统一编号、装订成册；作废和缺号会列在封面和目录中。再次装订只处理新归档的单据。',
    'zh-TW': '把本年度已歸檔的投訴處理單連同回訪表統一編號、裝訂成冊；作廢和缺號會列在封面和目錄中。再次裝訂只處理新歸檔的單據。',
    'en-US':
      'Number and bind the year’s archived complaint tickets with their return-visit forms into volumes; voids and missing numbers are listed on the cover and in the index. Binding again only adds newly archived tickets.',
  },
  bindYear: { 'zh-CN': '年度', 'zh-TW': '年度', 'en-US': 'Year' },
  bindVolumeSize: { 'zh-CN': '每册份数', 'zh-TW': '每冊份數', 'en-US': 'Tickets per volume' },
  bind: { 'zh-CN': '装订', 'zh-TW': '裝訂', 'en-US': 'Bind' },
  bound: {
    'zh-CN': '新装订 {bound} 份（新册：{volumes}）；此前已装订 {already} 份；未归档 {pending} 份；缺号 {gaps} 个。',
    'zh-TW': '新裝訂 {bound} 份（新冊：{volumes}）；此前已裝訂 {already} 份；未歸檔 {pending} 份；缺號 {gaps} 個。',
    'en-US': '{bound} tickets bound (new volumes: {volumes}); {already} bound before; {pending} not archived yet; {gaps} missing numbers.',
  },
  bindDownload: { 'zh-CN': '下载装订册 .xlsx', 'zh-TW': '下載裝訂冊 .xlsx', 'en-US': 'Download volumes (.xlsx)' },
  alsoCreated: { 'zh-CN': '同时生成 {number}。', 'zh-TW': '同時產生 {number}。', 'en-US': 'Also created {number}.' },
  step: { 'zh-CN': '办理步骤', 'zh-TW': '辦理步驟', 'en-US': 'Step' },
  stepHelp: {
    'zh-CN': '适用于状态为“{from}”的记录。每一步都记录签名和时间，并写入审计日志。',
    'zh-TW': '適用於狀態為「{from}」的記錄。每一步都記錄簽名和時間，並寫入稽核日誌。',
    'en-US': 'For records whose status is {from}. Every step records who signed and when, and goes to the audit log.',
  },
  stepHelpAnyStatus: {
    'zh-CN': '任何时候都可以记录（作废的记录除外）。每一步都记录签名和时间，并写入审计日志。',
    'zh-TW': '任何時候都可以記錄（作廢的記錄除外）。每一步都記錄簽名和時間，並寫入稽核日誌。',
    'en-US': 'Can be recorded at any time (not on a void record). Every step records who signed and when, and goes to the audit log.',
  },
  stepDone: { 'zh-CN': '{number} 已办理，现在状态：{status}。', 'zh-TW': '{number} 已辦理，現在狀態：{status}。', 'en-US': '{number} done; its status is now {status}.' },
  voidReason: { 'zh-CN': '作废原因', 'zh-TW': '作廢原因', 'en-US': 'Reason for voiding' },
  voided: { 'zh-CN': '{number} 已作废（记录保留）。', 'zh-TW': '{number} 已作廢（記錄保留）。', 'en-US': '{number} is void (the record is kept).' },
  record: { 'zh-CN': '编号', 'zh-TW': '編號', 'en-US': 'Number' },
  due: { 'zh-CN': '时限', 'zh-TW': '時限', 'en-US': 'Due' },
  overdue: { 'zh-CN': '已超时', 'zh-TW': '已逾時', 'en-US': 'Overdue' },
  overdueCount: { 'zh-CN': '超时 {count} 件', 'zh-TW': '逾時 {count} 件', 'en-US': '{count} overdue' },
  act: { 'zh-CN': '办理', 'zh-TW': '辦理', 'en-US': 'Act' },
  viewSteps: { 'zh-CN': '办理', 'zh-TW': '辦理', 'en-US': 'Steps' },
  viewNewRecord: { 'zh-CN': '新建记录', 'zh-TW': '新增記錄', 'en-US': 'New record' },
  newRecordHelp: {
    'zh-CN': '选择表单并填写；登记后自动编号，并写入审计日志。',
    'zh-TW': '選擇表單並填寫；登記後自動編號，並寫入稽核日誌。',
    'en-US': 'Choose the form and fill it in; the record is numbered on registering, and the audit log records it.',
  },
  viewBroadcasts: { 'zh-CN': '广播寻人', 'zh-TW': '廣播尋人', 'en-US': 'Broadcasts' },
  broadcastsHelp: {
    'zh-CN': '选中一条寻人求助，按所选语种大声播读下文；每播完一遍按“现在播出”登记。至少播三遍，找到走失者可注明原因提前结束。',
    'zh-TW': '選取一筆尋人求助，按所選語種大聲播讀下文；每播完一遍按「現在播出」登記。至少播三遍，找到走失者可註明原因提前結束。',
    'en-US':
      'Pick a request and read the notice below aloud in the language chosen; press Read now after each reading. Read it at least three times; a person found earlier may close it with a reason.',
  },
  broadcastsEmpty: { 'zh-CN': '没有待播的寻人求助。', 'zh-TW': '沒有待播的尋人求助。', 'en-US': 'No missing-person request is open.' },
  openBroadcasts: { 'zh-CN': '待播寻人', 'zh-TW': '待播尋人', 'en-US': 'Open requests' },
  announcementLanguage: { 'zh-CN': '播送语种', 'zh-TW': '播送語種', 'en-US': 'Read in' },
  announcement: { 'zh-CN': '播音稿', 'zh-TW': '播音稿', 'en-US': 'Notice to read' },
  announcementFromMandarin: {
    'zh-CN': '请按下面的普通话稿用{language}播读。',
    'zh-TW': '請按下面的普通話稿用{language}播讀。',
    'en-US': 'Read the Mandarin text below in {language}.',
  },
  readNow: { 'zh-CN': '现在播出', 'zh-TW': '現在播出', 'en-US': 'Read now' },
  readRecorded: {
    'zh-CN': '{number} 第 {count} 遍已于 {time} 播出并登记（至少 {min} 遍）。',
    'zh-TW': '{number} 第 {count} 遍已於 {time} 播出並登記（至少 {min} 遍）。',
    'en-US': '{number}: reading {count} recorded at {time} (at least {min}).',
  },
  closeRequest: { 'zh-CN': '结束寻人', 'zh-TW': '結束尋人', 'en-US': 'Close the request' },
  viewImport: { 'zh-CN': '导入', 'zh-TW': '匯入', 'en-US': 'Import' },
  importHelp: {
    'zh-CN': '从采集系统导出的文件或其他表格导入记录。先预览：每一行有问题都会列出行号、列和原因；只导入没有问题的行，重复导入不会重复记录。',
    'zh-TW': '從採集系統匯出的檔案或其他表格匯入記錄。先預覽：每一列有問題都會列出列號、欄和原因；只匯入沒有問題的列，重複匯入不會重複記錄。',
    'en-US':
      'Import records from the collection system’s export or another spreadsheet. You see a preview first: every bad row with its row, column and reason; only good rows are imported, and importing the same file again adds nothing.',
  },
  importTable: { 'zh-CN': '导入到', 'zh-TW': '匯入到', 'en-US': 'Import into' },
  importFile: { 'zh-CN': '文件（.csv 或 .xlsx）', 'zh-TW': '檔案（.csv 或 .xlsx）', 'en-US': 'File (.csv or .xlsx)' },
  importUnmapped: {
    'zh-CN': '以下列名不认识，请指定对应的字段（会记住，下次同样的文件自动套用）：',
    'zh-TW': '以下欄名不認識，請指定對應的欄位（會記住，下次同樣的檔案自動套用）：',
    'en-US': 'These headers are not known; say which field each one is (remembered for files like this one):',
  },
  importIgnore: { 'zh-CN': '不导入', 'zh-TW': '不匯入', 'en-US': 'Do not import' },
  importPlan: {
    'zh-CN': '共 {total} 行：可导入 {count} 行，已存在 {present} 行，有问题 {rejected} 行。',
    'zh-TW': '共 {total} 列：可匯入 {count} 列，已存在 {present} 列，有問題 {rejected} 列。',
    'en-US': '{total} rows: {count} to import, {present} already there, {rejected} with problems.',
  },
  importProblems: { 'zh-CN': '有问题的行', 'zh-TW': '有問題的列', 'en-US': 'Rows with problems' },
  importCommit: { 'zh-CN': '导入 {count} 行', 'zh-TW': '匯入 {count} 列', 'en-US': 'Import {count} rows' },
  imported: {
    'zh-CN': '已导入 {count} 行（已存在 {present} 行，有问题未导入 {rejected} 行）。',
    'zh-TW': '已匯入 {count} 列（已存在 {present} 列，有問題未匯入 {rejected} 列）。',
    'en-US': '{count} rows imported ({present} were already there, {rejected} with problems were left out).',
  },
  perfHelp: {
    'zh-CN': '按考核规则表计算所选月份每人的绩效奖励和扣减，生成绩效表工作表和给财务的 CSV（附控制合计）。批准后的导出不会再改写。',
    'zh-TW': '按考核規則表計算所選月份每人的績效獎勵和扣減，產生績效表工作表和給財務的 CSV（附控制合計）。批准後的匯出不會再改寫。',
    'en-US':
      'Computes each worker’s rewards and deductions for the month from the rules table, writes the performance sheet and the CSV for finance (with control totals). Approved exports are never rewritten.',
  },
  perfMonth: { 'zh-CN': '月份', 'zh-TW': '月份', 'en-US': 'Month' },
  perfApprove: {
    'zh-CN': '批准本次导出（以后只能追加冲正和调整）',
    'zh-TW': '批准本次匯出（以後只能追加沖正和調整）',
    'en-US': 'Approve this export (later changes become reversal and adjustment lines)',
  },
  perfRun: { 'zh-CN': '计算并导出', 'zh-TW': '計算並匯出', 'en-US': 'Compute and export' },
  perfDone: {
    'zh-CN': '{workers} 人，{lines} 行；奖励合计 {plus} 元，扣减合计 {minus} 元。已写入并打开“{sheet}”。',
    'zh-TW': '{workers} 人，{lines} 列；獎勵合計 {plus} 元，扣減合計 {minus} 元。已寫入並開啟「{sheet}」。',
    'en-US': '{workers} workers, {lines} lines; rewards {plus} CNY, deductions {minus} CNY. Written to "{sheet}", now shown.',
  },
  statsHelp: {
    'zh-CN': '汇总所选年度的全部投诉（作废的不计，重开的只计一次）：重点、类别、涉及部门、处理时长、回访和满意度，写入统计工作表，供经理分析并采取措施。',
    'zh-TW': '彙總所選年度的全部投訴（作廢的不計，重開的只計一次）：重點、類別、涉及部門、處理時長、回訪和滿意度，寫入統計工作表，供經理分析並採取措施。',
    'en-US':
      'Compiles every complaint of the year (voided ones left out, reopened ones counted once): focus points, categories, departments, handling times, return visits and satisfaction, on a statistics sheet for the manager.',
  },
  statsRun: { 'zh-CN': '生成统计表', 'zh-TW': '產生統計表', 'en-US': 'Build the statistics sheet' },
  statsDone: {
    'zh-CN': '已统计 {total} 件投诉，写入并打开“{sheet}”。',
    'zh-TW': '已統計 {total} 件投訴，寫入並開啟「{sheet}」。',
    'en-US': '{total} complaints compiled on the sheet "{sheet}", now shown.',
  },
  statsReading: {
    'zh-CN': '正在读取：{done} / {total} 行',
    'zh-TW': '正在讀取：{done} / {total} 列',
    'en-US': 'Reading: {done} of {total} rows',
  },
  measureHelp: {
    'zh-CN': '经理阅看统计表后提出的整改措施（第8步）：登记后列入该年度统计表，未完成的结转到下一年度，直至落实。落实情况在“整改措施”表中更新。',
    'zh-TW': '經理閱看統計表後提出的整改措施（第8步）：登記後列入該年度統計表，未完成的結轉到下一年度，直至落實。落實情況在「整改措施」表中更新。',
    'en-US':
      'A measure the manager takes after reading the statistics (step 8): listed on that year’s sheet and carried into the next year’s until closed. Keep its progress up to date in the Measures table.',
  },
  previewTitle: { 'zh-CN': '客服台账 · 预览', 'zh-TW': '客服臺賬 · 預覽', 'en-US': 'Kefu Ledger · Preview' },
  previewNote: {
    'zh-CN': '无需 Excel：任务窗格运行在浏览器内存中的工作簿上。',
    'zh-TW': '無需 Excel：工作窗格執行在瀏覽器記憶體中的活頁簿上。',
    'en-US': 'No Excel needed: the task pane runs on a workbook held in this browser.',
  },
  previewDemo: { 'zh-CN': '示例台账', 'zh-TW': '示例臺賬', 'en-US': 'Demo ledger' },
  previewEmpty: { 'zh-CN': '空白台账', 'zh-TW': '空白臺賬', 'en-US': 'Empty ledger' },
  download: { 'zh-CN': '下载 .xlsx', 'zh-TW': '下載 .xlsx', 'en-US': 'Download .xlsx' },
  downloading: { 'zh-CN': '正在生成…', 'zh-TW': '正在產生…', 'en-US': 'Preparing…' },
  sheet: { 'zh-CN': '工作表', 'zh-TW': '工作表', 'en-US': 'Sheet' },
  formulaByExcel: {
    'zh-CN': '此公式由 Excel 在打开工作簿时计算',
    'zh-TW': '此公式由 Excel 在開啟活頁簿時計算',
    'en-US': 'Excel computes this formula when it opens the workbook',
  },
  rowsShown: {
    'zh-CN': '显示前 {shown} 行，共 {total} 行',
    'zh-TW': '顯示前 {shown} 列，共 {total} 列',
    'en-US': 'First {shown} of {total} rows',
  },
  rowsWindow: {
    'zh-CN': '显示表头和第 {from}–{to} 行（选中的行在其中），共 {total} 行',
    'zh-TW': '顯示表頭和第 {from}–{to} 列（選取的列在其中），共 {total} 列',
    'en-US': 'The header and rows {from}–{to} (with the selection) of {total}',
  },
} as const satisfies Record<string, Text>;

export type UiId = keyof typeof UI;

export function ui(id: UiId, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  return format(UI[id][locale], params);
}

/** The names of the locales, each in its own language (for the language picker). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', 'en-US': 'English' };

/** The name of each desk step on its button. */
export const STEP_LABELS: Readonly<Record<string, Text>> = {
  dispatch: { 'zh-CN': '派发签收', 'zh-TW': '派發簽收', 'en-US': 'Dispatch' },
  handle: { 'zh-CN': '登记处理结果', 'zh-TW': '登記處理結果', 'en-US': 'Record handling' },
  return: { 'zh-CN': '交回客服部', 'zh-TW': '交回客服部', 'en-US': 'Return to Customer Service' },
  visit: { 'zh-CN': '登记回访', 'zh-TW': '登記回訪', 'en-US': 'Record return visit' },
  archive: { 'zh-CN': '归档', 'zh-TW': '歸檔', 'en-US': 'Archive' },
  void: { 'zh-CN': '作废', 'zh-TW': '作廢', 'en-US': 'Void' },
  reply: { 'zh-CN': '登记答复', 'zh-TW': '登記答復', 'en-US': 'Record reply' },
  verify: { 'zh-CN': '登记核实结果', 'zh-TW': '登記核實結果', 'en-US': 'Record verification' },
  escalate: { 'zh-CN': '呈报或办结', 'zh-TW': '呈報或辦結', 'en-US': 'Escalate or close' },
  sign: { 'zh-CN': '工程部签收', 'zh-TW': '工程部簽收', 'en-US': 'Engineering signs' },
  arrive: { 'zh-CN': '登记到场', 'zh-TW': '登記到場', 'en-US': 'Record arrival' },
  'wait-parts': { 'zh-CN': '登记待料', 'zh-TW': '登記待料', 'en-US': 'Waiting for parts' },
  complete: { 'zh-CN': '完工验收', 'zh-TW': '完工驗收', 'en-US': 'Complete' },
  close: { 'zh-CN': '关闭', 'zh-TW': '關閉', 'en-US': 'Close' },
  // Steps that leave the status as it is (or not always move it) say what they record.
  acknowledge: { 'zh-CN': '登记部门签收', 'zh-TW': '登記部門簽收', 'en-US': 'Record acknowledgement' },
  ready: { 'zh-CN': '登记就绪', 'zh-TW': '登記就緒', 'en-US': 'Mark ready' },
  read: { 'zh-CN': '登记播出一遍', 'zh-TW': '登記播出一遍', 'en-US': 'Record a reading' },
};
