import assert from 'node:assert/strict';
import { BOOL_CODES } from '../addin/src/forms/codes';
import { columnsOf, commonFields } from '../addin/src/forms/columns';
import { FORMS, RULE_PARAMETERS, findForm } from '../addin/src/forms';
import type { CodeDecl, FieldDecl, FormDecl } from '../addin/src/forms/types';
import { LOCALES, type Text } from '../addin/src/i18n/locale';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const FIELD_TYPES = ['text', 'longtext', 'code', 'codes', 'date', 'datetime', 'int', 'decimal', 'money', 'percent', 'bool', 'signature', 'ref', 'file'];
const NUMERIC = ['int', 'decimal', 'money', 'percent'];
const TEXTUAL = ['text', 'longtext', 'file'];

/** Every Text reachable from a form declaration, with where it was found. */
function textsOf(form: FormDecl): { where: string; text: Text }[] {
  const found: { where: string; text: Text }[] = [];
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${where}[${i}]`));
    } else if (value && typeof value === 'object') {
      if ('zh-CN' in value) {
        found.push({ where, text: value as Text });
        return;
      }
      for (const [key, inner] of Object.entries(value)) walk(inner, `${where}.${key}`);
    }
  };
  walk(form, form.key);
  for (const column of columnsOf(form)) walk(column.label, `${form.key}/column ${column.key}`);
  return found;
}

function fieldOf(form: FormDecl, key: string): FieldDecl | undefined {
  return form.fields.find((field) => field.key === key);
}

/** The codes a field accepts: its own list, or Yes/No for a bool. */
function codesOfField(field: FieldDecl): readonly CodeDecl[] {
  return field.type === 'bool' ? BOOL_CODES : (field.codes ?? []);
}

/** Index of the workflow status a field is filled at; -1 for the record's creation. */
function stepIndex(form: FormDecl, field: FieldDecl): number {
  return field.step === undefined ? -1 : form.statuses.findIndex((status) => status.code === field.step);
}

/**
 * Simplified characters and their Traditional forms. Only characters whose Traditional form differs
 * and that Traditional text does not use for our vocabulary. Left out on purpose, because both
 * scripts use them: 表 台 系 游 范 准 占 征 只 里 干 面 周 志 着 核. Included although Traditional
 * has them in rare senses (a surname, an empress), because the seed mixes them in where Traditional
 * writes the other form: 于→於, 后→後, 采→採, 并→並.
 */
const SCRIPT_PAIRS = `
与與 专專 业業 丝絲 严嚴 个個 为為爲 么麼 书書 买買 于於 产產 从從 们們 价價 会會 伤傷 体體 偿償 儿兒
关關 内內 册冊 写寫 决決 况況 减減 划劃 则則 创創 删刪 别別 办辦 务務 动動 励勵 区區 协協 单單 卖賣 卫衛
参參 发發髮 号號 后後 员員 团團 围圍 国國 图圖 场場 坏壞 垫墊 处處 备備 复復複 头頭 奖獎 婴嬰 实實 宽寬
对對 寻尋 导導 层層 属屬 岁歲 帮幫 并並 广廣 应應 废廢 开開 张張 归歸 当當 录錄 态態 总總 户戶 扫掃 护護
报報 拧擰 损損 换換 据據 数數 断斷 无無 时時 显顯 术術 杂雜 条條 来來 极極 标標 栋棟 样樣 档檔 检檢 楼樓
槛檻 残殘 毕畢 气氣 汇匯彙 没沒 洁潔 济濟 涤滌 滞滯 满滿 灾災 点點 热熱 状狀 环環 现現 电電 监監 码碼
确確 碍礙 离離 种種 称稱 签簽籤 简簡 类類 紧緊 约約 级級 纸紙 线線 组組 细細 经經 结結 给給 络絡 绝絕
统統 绩績 绪緒 维維 编編 缘緣 网網 罚罰 联聯 艺藝 营營 装裝 见見 规規 览覽 计計 订訂 认認 议議 记記 讲講
设設 访訪 证證 识識 诉訴 词詞 试試 话話 询詢 该該 语語 说說 请請 诺諾 调調 负負 财財 责責 账賬帳 帐帳
质質 贴貼 费費 赔賠 踪蹤 车車 转轉 轮輪 载載 较較 辆輛 输輸 达達 过過 运運 还還 这這 进進 迟遲 递遞 遗遺
邮郵 采採 释釋 销銷 错錯 键鍵 长長 门門 闭閉 问問 间間 际際 险險 随隨 页頁 项項 须須 预預 领領 题題 额額
饮飲 馆館 馈饋 验驗 齐齊 龄齡 历歷曆 钟鐘鍾 压壓 让讓 读讀 东東 乐樂 华華 执執 万萬 两兩 乡鄉 习習 亲親
厂廠 县縣 双雙 变變 听聽 园園 块塊 够夠 将將 尽盡 师師 库庫 战戰 扩擴 择擇 挂掛 旧舊 机機 权權 构構 欢歡
测測 灯燈 烟煙 爱愛 独獨 疗療 盖蓋 积積 笔筆 练練 织織 终終 职職 节節 药藥 获獲穫 虑慮 补補 观觀 课課
谁誰 贵貴 资資 软軟 边邊 选選 钱錢 铁鐵 银銀 锁鎖 阶階 队隊 陆陸 难難 顺順 顾顧 飞飛 饭飯 驾駕 鱼魚 鸟鳥
`
  .trim()
  .split(/\s+/)
  .map((pair) => [...pair]);
const SIMPLIFIED_ONLY = new Set(SCRIPT_PAIRS.map((pair) => pair[0]));
const TRADITIONAL_ONLY = new Set(SCRIPT_PAIRS.flatMap((pair) => pair.slice(1)));

const PERFORMANCE_COLUMNS: Record<string, readonly string[]> = {
  workers: ['worker_id', 'name', 'team_code', 'vendor_code', 'base_cm', 'base_rot', 'base_bat', 'base_total'],
  collector_daily: ['entry_id', 'date', 'worker_id', 'collector_type', 'maintained', 'succeeded', 'reason_code'],
  rotation_orders: ['order_no', 'workers', 'due_date', 'done_date', 'field_checked', 'field_passed', 'collection_total', 'collection_ok'],
  batch_installs: ['order_no', 'workers', 'field_checked', 'field_passed', 'collection_total', 'collection_ok', 'done_date'],
  complaint_orders: ['order_no', 'date', 'workers', 'substantiated', 'severity', 'source'],
  rules: ['rule_version', 'effective_from', 'parameter', 'value', 'note'],
};

/** The work orders' own columns of workflow W8 (issue 12), after the performance columns. */
const WORKFLOW_COLUMNS: Record<string, readonly string[]> = {
  rotation_orders: ['notice_no', 'team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
  batch_installs: ['team_code', 'work_date', 'preshift_no', 'site_cleaned', 'field_check_no', 'collection_check_no', 'rectified_on', 'rectification_note'],
};

/** The numbers of the brief's prefix table (all T), by table key. */
const BRIEF_FORMATS: Record<string, string> = {
  complaints: 'TS-{YYYY}-{NNNN}',
  return_visits: '{parent}-HF',
  reception: 'JD-{YYYYMMDD}-{NNN}',
  repair_orders: 'WX-{YYYY}-{NNNNN}',
  loans: 'JY-{YYYYMMDD}-{NNN}',
  repair_slips: 'SX-{YYYY}-{NNNN}',
  broadcasts: 'XR-{YYYYMMDD}-{NNN}',
  reservations: 'YP-{YYYY}-{NNNN}',
  reception_plans: 'JH-{parent}',
  preshift_meetings: 'BQ-{scope}-{YYYYMMDD}-{NN}',
  meter_notices: 'TZ-{YYYY}-{NNNN}',
  investigations: 'PC-{YYYY}-{NNNN}',
  accident_verbal_reports: 'SG-{YYYY}-{NN}',
  accident_reports: 'SGR-{YYYY}-{NNN}',
};

describe('form declarations', () => {
  it('cover every record table of the brief: F1–F28 and F30 but the reports F7 and F29, plus workers and rules', () => {
    const codes = new Set(FORMS.map((form) => form.code));
    const expected = [...Array.from({ length: 28 }, (_, i) => `F${i + 1}`).filter((c) => c !== 'F7'), 'F30', 'W', 'R'];
    for (const code of expected) assert.ok(codes.has(code), `no form with code ${code}`);
    assert.ok(!codes.has('F7') && !codes.has('F29'), 'F7 and F29 are reports, not record tables');
    for (const form of FORMS) assert.match(form.code, /^(F([1-9]|[12]\d|30)|[A-Z]{1,3})$/, `${form.key}: code ${form.code}`);
    for (const key of Object.keys(PERFORMANCE_COLUMNS)) assert.ok(findForm(key), `no table ${key}`);
  });

  it('have unique snake_case ASCII table keys', () => {
    const keys = FORMS.map((form) => form.key);
    assert.equal(new Set(keys).size, keys.length, `duplicate table keys: ${keys.filter((k, i) => keys.indexOf(k) !== i)}`);
    for (const key of keys) {
      assert.match(key, SNAKE);
      // Excel table names must not read as a cell reference; the ledger's own tables keep theirs.
      assert.ok(!/^[a-z]{1,3}\d+$/.test(key) && !/^[rc]$/.test(key), `${key} reads as a cell reference`);
      assert.ok(!['audit_log', 'data_dictionary'].includes(key) && !key.startsWith('kefu_'), `${key} is a ledger table`);
    }
  });

  it('use snake_case ASCII for every field key, column key, code, status and copy key', () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        assert.match(field.key, SNAKE, `${form.key}: field ${field.key}`);
        for (const code of field.codes ?? []) assert.match(code.code, SNAKE, `${form.key}.${field.key}: code ${code.code}`);
      }
      for (const column of columnsOf(form)) assert.match(column.key, SNAKE, `${form.key}: column ${column.key}`);
      for (const status of form.statuses) assert.match(status.code, SNAKE, `${form.key}: status ${status.code}`);
      for (const copy of form.copies) assert.match(copy.key, SNAKE, `${form.key}: copy ${copy.key}`);
    }
  });

  it('say every word in zh-CN, zh-TW and en-US, and not only in English', () => {
    for (const form of FORMS) {
      for (const { where, text } of textsOf(form)) {
        assert.deepEqual(Object.keys(text).sort(), [...LOCALES].sort(), `${where}: locales`);
        for (const locale of LOCALES) {
          assert.equal(typeof text[locale], 'string', `${where}: ${locale}`);
          assert.ok(text[locale].trim().length > 0, `${where}: empty ${locale}`);
        }
        assert.ok(!(text['zh-CN'] === text['en-US'] && text['zh-TW'] === text['en-US']), `${where}: "${text['en-US']}" is not translated`);
      }
    }
  });

  it('write zh-TW without Simplified-only characters and zh-CN without Traditional-only ones', () => {
    // The table itself must be sound: a character cannot be both.
    for (const pair of SCRIPT_PAIRS) {
      assert.ok(pair.length >= 2, `pair ${pair.join('')}`);
      assert.ok(!TRADITIONAL_ONLY.has(pair[0]), `${pair[0]} is listed in both scripts`);
    }
    const problems: string[] = [];
    for (const form of FORMS) {
      for (const { where, text } of textsOf(form)) {
        const simplified = [...text['zh-TW']].filter((ch) => SIMPLIFIED_ONLY.has(ch));
        const traditional = [...text['zh-CN']].filter((ch) => TRADITIONAL_ONLY.has(ch));
        if (simplified.length) problems.push(`${where}: zh-TW "${text['zh-TW']}" has Simplified ${simplified.join('')}`);
        if (traditional.length) problems.push(`${where}: zh-CN "${text['zh-CN']}" has Traditional ${traditional.join('')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('have valid sheet names, unique per locale and apart from the audit log and data dictionary', () => {
    const reserved: Record<string, string[]> = {
      'zh-CN': ['审计日志', '数据字典'],
      'zh-TW': ['稽核日誌', '資料字典'],
      'en-US': ['audit log', 'data dictionary', 'history'],
    };
    for (const locale of LOCALES) {
      const seen = new Map<string, string>();
      for (const form of FORMS) {
        const name = form.sheet[locale];
        const where = `${form.key}: ${locale} sheet "${name}"`;
        assert.ok(name.length >= 1 && name.length <= 31, `${where} must have 1–31 characters`);
        assert.ok(!/[:\\/?*[\]]/.test(name), `${where} has a forbidden character`);
        assert.ok(!name.startsWith("'") && !name.endsWith("'") && name.trim() === name, `${where} has a leading or trailing quote or space`);
        const folded = name.toLowerCase();
        assert.ok(!reserved[locale].includes(folded), `${where} is reserved`);
        assert.ok(!seen.has(folded), `${where} is also used by ${seen.get(folded)}`);
        seen.set(folded, form.key);
      }
    }
  });

  it('have unique column keys within each form, common fields included', () => {
    for (const form of FORMS) {
      const keys = columnsOf(form).map((column) => column.key);
      assert.equal(new Set(keys).size, keys.length, `${form.key}: duplicate columns ${keys.filter((k, i) => keys.indexOf(k) !== i)}`);
    }
  });

  it('declare fields with known types and sensible bounds', () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        const where = `${form.key}.${field.key}`;
        assert.ok(FIELD_TYPES.includes(field.type), `${where}: type ${field.type}`);
        assert.ok(field.source === 'S' || field.source === 'T', `${where}: source`);
        if (field.min !== undefined || field.max !== undefined) assert.ok(NUMERIC.includes(field.type), `${where}: min/max on a ${field.type}`);
        if (field.min !== undefined && field.max !== undefined) assert.ok(field.min <= field.max, `${where}: min > max`);
        if (field.maxLength !== undefined) {
          assert.ok(TEXTUAL.includes(field.type), `${where}: maxLength on a ${field.type}`);
          assert.ok(Number.isInteger(field.maxLength) && field.maxLength > 0, `${where}: maxLength`);
        }
        if (field.type === 'longtext') assert.ok(field.maxLength, `${where}: free text needs a maxLength`);
        if (field.type !== 'ref') assert.equal(field.ref, undefined, `${where}: ref on a ${field.type}`);
        if (field.type !== 'code' && field.type !== 'codes') assert.equal(field.codes, undefined, `${where}: codes on a ${field.type}`);
      }
    }
  });

  it('identify records by a required field of their own', () => {
    for (const form of FORMS) {
      const key = fieldOf(form, form.keyField);
      assert.ok(key, `${form.key}: keyField ${form.keyField} is not a field`);
      assert.equal(key.required, true, `${form.key}: keyField must be required`);
      assert.equal(key.step, undefined, `${form.key}: keyField must exist at creation`);
      if (form.numbering.kind === 'sequence' || form.numbering.kind === 'derived') {
        assert.equal(key.system, true, `${form.key}: an allocated number is set by the system`);
        assert.equal(key.type, 'text', `${form.key}: an allocated number is text`);
      }
    }
  });

  it('give every code field a non-empty list of unique codes, and unique statuses', () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        if (field.type !== 'code' && field.type !== 'codes') continue;
        const codes = (field.codes ?? []).map((code) => code.code);
        assert.ok(codes.length >= 1, `${form.key}.${field.key}: no codes`);
        assert.equal(new Set(codes).size, codes.length, `${form.key}.${field.key}: duplicate codes`);
      }
      const statuses = form.statuses.map((status) => status.code);
      assert.equal(new Set(statuses).size, statuses.length, `${form.key}: duplicate statuses`);
      const copies = form.copies.map((copy) => copy.key);
      assert.equal(new Set(copies).size, copies.length, `${form.key}: duplicate copies`);
    }
  });

  it('point every ref at a declared form', () => {
    for (const form of FORMS) {
      for (const field of form.fields.filter((f) => f.type === 'ref')) {
        assert.ok(field.ref, `${form.key}.${field.key}: ref without a target`);
        assert.ok(findForm(field.ref), `${form.key}.${field.key}: unknown form ${field.ref}`);
      }
    }
  });

  it('make conditions depend on codes of an earlier or same-step field', () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        if (field.required === undefined || field.required === true) continue;
        const where = `${form.key}.${field.key}`;
        const { field: on, in: values } = field.required.when;
        assert.notEqual(on, field.key, `${where}: depends on itself`);
        const condition = fieldOf(form, on);
        assert.ok(condition, `${where}: condition field ${on} does not exist`);
        assert.ok(values.length > 0, `${where}: empty condition`);
        const allowed = codesOfField(condition).map((code) => code.code);
        for (const value of values) assert.ok(allowed.includes(value), `${where}: ${value} is not a code of ${on}`);
        assert.ok(stepIndex(form, condition) <= stepIndex(form, field), `${where}: ${on} is filled later than the field it governs`);
      }
    }
  });

  it('fill later fields only at a status of the form', () => {
    for (const form of FORMS) {
      const statuses = form.statuses.map((status) => status.code);
      for (const field of form.fields) {
        if (field.step !== undefined) assert.ok(statuses.includes(field.step), `${form.key}.${field.key}: step ${field.step} is not a status`);
      }
    }
  });

  it('number records with well-formed sequences and unique prefixes', () => {
    const prefixes = new Map<string, string>();
    for (const form of FORMS) {
      const numbering = form.numbering;
      if (numbering.kind === 'sequence') {
        const { format, period, series, dateField, scopeField } = numbering;
        const where = `${form.key}: ${format}`;
        assert.match(series, /^[A-Z]{2,4}$/, `${where}: series`);
        assert.ok(format.startsWith(`${series}-`), `${where} must start with ${series}-`);
        assert.match(format, /\{N+\}$/, `${where} needs a trailing {N…}`);
        const tokens: string[] = format.match(/\{[^}]*\}/g) ?? [];
        for (const token of tokens) assert.match(token, /^\{(YYYY|YYYYMMDD|scope|N+)\}$/, `${where}: unknown token ${token}`);
        if (period === 'year') assert.ok(tokens.includes('{YYYY}') && !tokens.includes('{YYYYMMDD}'), `${where}: a yearly sequence shows {YYYY}`);
        else assert.ok(tokens.includes('{YYYYMMDD}') && !tokens.includes('{YYYY}'), `${where}: a daily sequence shows {YYYYMMDD}`);
        const date = fieldOf(form, dateField);
        assert.ok(date && (date.type === 'date' || date.type === 'datetime'), `${where}: dateField ${dateField} is not a date`);
        assert.equal(date.required, true, `${where}: dateField must be required`);
        assert.equal(date.step, undefined, `${where}: dateField must exist at creation`);
        assert.equal(tokens.includes('{scope}'), scopeField !== undefined, `${where}: {scope} and scopeField go together`);
        if (scopeField !== undefined) {
          const scope = fieldOf(form, scopeField);
          assert.ok(scope, `${where}: scopeField ${scopeField} does not exist`);
          assert.equal(scope.required, true, `${where}: scopeField must be required`);
        }
        const prefix = `${series}-`;
        assert.ok(!prefixes.has(prefix), `${where}: prefix ${prefix} is also used by ${prefixes.get(prefix)}`);
        prefixes.set(prefix, form.key);
      }
    }
    for (const form of FORMS) {
      const numbering = form.numbering;
      if (numbering.kind !== 'derived') continue;
      const where = `${form.key}: ${numbering.format}`;
      const parent = findForm(numbering.parentForm);
      assert.ok(parent, `${where}: parent form ${numbering.parentForm} does not exist`);
      assert.ok(fieldOf(parent, numbering.parentField), `${where}: ${numbering.parentForm} has no field ${numbering.parentField}`);
      assert.equal(parent.keyField, numbering.parentField, `${where}: derived from the parent's number`);
      assert.equal(numbering.format.split('{parent}').length, 2, `${where}: {parent} exactly once`);
      assert.ok(
        form.fields.some((field) => field.type === 'ref' && field.ref === numbering.parentForm && field.required === true),
        `${where}: needs a required ref to ${numbering.parentForm}`,
      );
      const head = numbering.format.split('{parent}')[0];
      if (head) {
        assert.ok(!prefixes.has(head), `${where}: prefix ${head} is also used by ${prefixes.get(head)}`);
        prefixes.set(head, form.key);
      }
    }
  });

  it('use the numbers of the brief', () => {
    for (const [key, format] of Object.entries(BRIEF_FORMATS)) {
      const numbering = findForm(key)?.numbering;
      assert.ok(numbering && (numbering.kind === 'sequence' || numbering.kind === 'derived'), `${key}: not numbered`);
      assert.equal(numbering.format, format, key);
    }
    // SG is one number per accident: the written report and the investigation carry it.
    for (const key of ['accident_written_reports', 'accident_investigations']) {
      const form = findForm(key)!;
      assert.equal(form.numbering.kind, 'natural', key);
      const id = fieldOf(form, form.keyField)!;
      assert.equal(id.type, 'ref', key);
      assert.equal(id.ref, 'accident_verbal_reports', key);
    }
    const ledger = findForm('repair_ledger')!;
    assert.equal(fieldOf(ledger, ledger.keyField)?.ref, 'repair_orders', 'one ledger line per WX number');
    assert.equal(findForm('installation_sheets')!.numbering.kind, 'external', 'F18 is numbered by the work order');
  });

  it('keep the column keys of the performance tables fixed, before the workflow columns and the common fields', () => {
    for (const [key, performance] of Object.entries(PERFORMANCE_COLUMNS)) {
      const form = findForm(key)!;
      const columns = columnsOf(form).map((column) => column.key);
      const expected = [...performance, ...(WORKFLOW_COLUMNS[key] ?? [])];
      assert.deepEqual(columns.slice(0, expected.length), expected, key);
      assert.deepEqual(
        columns.slice(expected.length),
        commonFields(form).map((field) => field.key),
        `${key}: only common fields follow`,
      );
    }
    const kind = (table: string, column: string) => columnsOf(findForm(table)!).find((c) => c.key === column)!.kind;
    const codes = (table: string, column: string) => fieldOf(findForm(table)!, column)!.codes!.map((c) => c.code);
    for (const base of ['base_cm', 'base_rot', 'base_bat', 'base_total']) assert.equal(kind('workers', base), 'money', base);
    assert.equal(findForm('workers')!.keyField, 'worker_id');
    assert.equal(kind('collector_daily', 'date'), 'date');
    assert.equal(fieldOf(findForm('collector_daily')!, 'worker_id')!.ref, 'workers');
    assert.deepEqual(fieldOf(findForm('collector_daily')!, 'collector_type')!.codes, [
      { code: 'wireless', label: { 'zh-CN': '无线', 'zh-TW': '無線', 'en-US': 'Wireless' } },
      { code: 'carrier', label: { 'zh-CN': '载波', 'zh-TW': '載波', 'en-US': 'Carrier' } },
    ]);
    for (const column of ['maintained', 'succeeded']) assert.equal(kind('collector_daily', column), 'int', column);
    assert.deepEqual(codes('collector_daily', 'reason_code'), ['dispatch_shortfall', 'leave', 'other']);
    assert.equal(fieldOf(findForm('collector_daily')!, 'reason_code')!.required, undefined, 'reason_code is optional');
    for (const table of ['rotation_orders', 'batch_installs']) {
      for (const column of ['field_checked', 'field_passed', 'collection_total', 'collection_ok']) assert.equal(kind(table, column), 'int', `${table}.${column}`);
      assert.equal(kind(table, 'done_date'), 'date');
      assert.equal(kind(table, 'workers'), 'text');
    }
    assert.equal(kind('rotation_orders', 'due_date'), 'date');
    assert.deepEqual(codes('complaint_orders', 'substantiated'), ['yes', 'partly', 'no']);
    assert.deepEqual(codes('complaint_orders', 'severity'), ['minor', 'major', 'severe']);
    assert.ok(codes('complaint_orders', 'source').includes('hotline_95598') && codes('complaint_orders', 'source').includes('local'));
    assert.equal(kind('rules', 'effective_from'), 'date');
    assert.equal(kind('rules', 'value'), 'decimal');
  });

  it('list every rule parameter of brief §3.1 with a default', () => {
    const parameters = fieldOf(findForm('rules')!, 'parameter')!.codes!.map((c) => c.code);
    for (const name of [
      'wireless_min',
      'wireless_max',
      'carrier_min',
      'carrier_max',
      'wireless_qualify_pct',
      'wireless_bonus_pct',
      'wireless_step_pct',
      'wireless_step_deduct_pct',
      'carrier_qualify_pct',
      'carrier_deduct_pct',
      'carrier_bonus_pct',
      'carrier_bonus2_pct',
      'rotation_delay_pct_per_day',
      'rotation_grace_days',
      'rotation_field_pass_pct',
      'batch_field_pass_pct',
      'collection_pass_pct',
      'shortfall_deduct_pct_per_pt',
      'complaint_minor_pct',
      'complaint_major_pct',
      'complaint_severe_pct',
      'complaint_partly_factor',
    ]) {
      assert.ok(parameters.includes(name), `rules.parameter lacks ${name}`);
    }
    assert.deepEqual(
      parameters,
      RULE_PARAMETERS.map((p) => p.code),
    );
    const defaults = Object.fromEntries(RULE_PARAMETERS.map((p) => [p.code, p.defaultValue]));
    // The recommended values of §3.1.
    assert.equal(defaults.wireless_qualify_pct, 80);
    assert.equal(defaults.carrier_qualify_pct, 70);
    assert.equal(defaults.rotation_grace_days, 0);
    assert.equal(defaults.complaint_partly_factor, 0.5);
  });

  it('never store an ID-card number (PIPL)', () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        const where = `${form.key}.${field.key}`;
        assert.ok(!/(id_?card_?no|id_number|identity_no|id_no$|cert(ificate)?_no)/.test(field.key), `${where} looks like an ID number`);
        assert.ok(!/(身份证号|身分證號|身份證號|证件号|證件號)/.test(field.label['zh-CN'] + field.label['zh-TW']), `${where} looks like an ID number`);
      }
    }
  });
});
