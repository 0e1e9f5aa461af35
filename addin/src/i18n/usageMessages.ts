import type { Text } from './locale';

/**
 * The command line's usage errors and help texts, in the three locales: part of MESSAGES
 * (messages.ts), kept here so that no file grows past 800 lines.
 */
export const USAGE_MESSAGES = {
  usageUnknownCommand: {
    'zh-CN': '没有命令“{command}”。',
    'zh-TW': '沒有命令「{command}」。',
    'en-US': 'there is no command "{command}".',
  },
  usageUnknownCommandNear: {
    'zh-CN': '没有命令“{command}”。是不是“{near}”？',
    'zh-TW': '沒有命令「{command}」。是不是「{near}」？',
    'en-US': 'there is no command "{command}". Did you mean "{near}"?',
  },
  usageUnknownFlag: {
    'zh-CN': '此命令没有选项 {flag}。',
    'zh-TW': '此命令沒有選項 {flag}。',
    'en-US': 'this command has no option {flag}.',
  },
  usageUnknownFlagNear: {
    'zh-CN': '此命令没有选项 {flag}。是不是 {near}？',
    'zh-TW': '此命令沒有選項 {flag}。是不是 {near}？',
    'en-US': 'this command has no option {flag}. Did you mean {near}?',
  },
  usageFlagTakesNoValue: {
    'zh-CN': '选项 {flag} 不带值。',
    'zh-TW': '選項 {flag} 不帶值。',
    'en-US': 'the option {flag} takes no value.',
  },
  usageFlagNeedsValue: {
    'zh-CN': '选项 {flag} 需要一个值 {value}。',
    'zh-TW': '選項 {flag} 需要一個值 {value}。',
    'en-US': 'the option {flag} needs a value {value}.',
  },
  usageFlagRequired: {
    'zh-CN': '缺少选项 {flag}。',
    'zh-TW': '缺少選項 {flag}。',
    'en-US': 'the option {flag} is required.',
  },
  usageOneOf: {
    'zh-CN': '须给出 {flags} 中的一个（只能一个）。',
    'zh-TW': '須給出 {flags} 中的一個（只能一個）。',
    'en-US': 'give exactly one of {flags}.',
  },
  usageArgumentMissing: {
    'zh-CN': '缺少参数 {argument}。',
    'zh-TW': '缺少參數 {argument}。',
    'en-US': 'the argument {argument} is missing.',
  },
  usageExtraArgument: {
    'zh-CN': '多余的参数“{argument}”。',
    'zh-TW': '多餘的參數「{argument}」。',
    'en-US': 'unexpected argument "{argument}".',
  },
  usageBadLocale: {
    'zh-CN': '--locale 只能是 {allowed}，不能是“{value}”。',
    'zh-TW': '--locale 只能是 {allowed}，不能是「{value}」。',
    'en-US': '--locale must be one of {allowed}, not "{value}".',
  },
  usageBadNumber: {
    'zh-CN': '{flag} 需要一个不小于 0 的数，不能是“{value}”。',
    'zh-TW': '{flag} 需要一個不小於 0 的數，不能是「{value}」。',
    'en-US': '{flag} needs a number of at least 0, not "{value}".',
  },
  usageBadValue: {
    'zh-CN': '{flag} 应为 {expected}，不能是“{value}”。',
    'zh-TW': '{flag} 應為 {expected}，不能是「{value}」。',
    'en-US': '{flag} must be {expected}, not "{value}".',
  },
  usageOneObjectWithNumber: {
    'zh-CN': '给出编号时，--json 只能含一个对象。',
    'zh-TW': '給出編號時，--json 只能含一個物件。',
    'en-US': 'with a number, --json holds one object.',
  },
  helpUsage: {
    'zh-CN': '用法',
    'zh-TW': '用法',
    'en-US': 'Usage',
  },
  helpOptions: {
    'zh-CN': '选项',
    'zh-TW': '選項',
    'en-US': 'Options',
  },
  helpMore: {
    'zh-CN': '详见 {command}。',
    'zh-TW': '詳見 {command}。',
    'en-US': 'See {command}.',
  },
  helpCommands: {
    'zh-CN': '命令',
    'zh-TW': '命令',
    'en-US': 'Commands',
  },
  helpIntro: {
    'zh-CN': 'kefu — 客服台账的命令行：不用 Excel，直接处理 .xlsx 台账。',
    'zh-TW': 'kefu — 客服臺賬的命令列：不用 Excel，直接處理 .xlsx 臺賬。',
    'en-US': 'kefu — Kefu Ledger (客服台账) on .xlsx files, without Excel.',
  },
  helpFooter: {
    'zh-CN':
      '“kefu <命令> --help”显示该命令的全部说明。命令行只改动台账中需要改的部分，其余内容（图表、批注、保护、加载项设置……）原样保留；每次写入先写临时文件，再替换台账，上一版保留为 <文件>.bak；同一台账同一时间只允许一个命令写入。退出码：0 完成；1 输入或工作簿被拒绝（见消息）；2 用法错误。日期按 {zone} 本地时间。',
    'zh-TW':
      '「kefu <命令> --help」顯示該命令的全部說明。命令列只改動臺賬中需要改的部分，其餘內容（圖表、註解、保護、增益集設定……）原樣保留；每次寫入先寫暫存檔，再取代臺賬，上一版保留為 <檔案>.bak；同一臺賬同一時間只允許一個命令寫入。結束代碼：0 完成；1 輸入或活頁簿被拒絕（見訊息）；2 用法錯誤。日期按 {zone} 當地時間。',
    'en-US':
      '"kefu <command> --help" shows all of a command. The command line changes only the parts of a ledger a change needs and keeps everything else as it was (charts, comments, protection, add-in settings …); every write goes to a temporary file first, then replaces the ledger, keeping the previous version as <file>.bak; one command at a time writes a ledger. Exit codes: 0 done, 1 the input or the workbook was refused (see the messages), 2 usage error. Dates are local to {zone}.',
  },
} as const satisfies Record<string, Text>;
