import type { Text } from '../i18n/locale';
import { t } from '../forms/codes';
import type { CellKind } from '../forms/columns';

/**
 * Where things live in a Kefu Ledger workbook. Both backends and the template builder follow this
 * one description, so a workbook made by either backend is read the same way by the other.
 *
 * - Every form: a sheet named `form.sheet[locale]` holding one Excel table named `form.key`,
 *   header row at A1, one column per `columnsOf(form)` with the localized label as header.
 *   Users may add columns (to the right) and sheets: both survive every operation.
 * - `AUDIT`: the audit log table on its own sheet (append-only).
 * - `META`: a hidden sheet with three tables: `kefu_meta` (key/value: template version, locale,
 *   site, created), `kefu_counters` (series/period → last confirmed sequence, the anchor of the
 *   numbering scheme) and, from row CLAIMS_HEADER_ROW, one claims table per numbering series
 *   (`kefu_claims_<SERIES>`), side by side. See docs/numbering.md.
 * - `DICTIONARY`: the data dictionary (table, column key, labels in three locales, type, values).
 */
/**
 * The version of the ledger's layout (tables, columns, sheets). A ledger records the version it was
 * made or last upgraded to in kefu_meta; `kefu upgrade` and the add-in's Upgrade workbook bring an
 * older one up to this (upgrade/). 1: the first release. 2: the audit log's hash chain. 3: the field
 * teams' work orders (W8): sampling on the spot checks and investigations, their per-meter lines, the
 * pre-shift roster, load classes, and the order's team, work date, notice and site-cleaned columns.
 * 4: the special visitors (W4–W7): the wheelchair and stroller fleet, the gate counts and the
 * special-visitor rules; loans settled to the fen, broadcasts' last reading, reservations served,
 * plan readiness, free entries' age and result, numbered free entries, postal log and checklist.
 * 5: co-authoring (issue 14): the audit log's operation id, by which a retried operation finds
 * whether its earlier attempt was written.
 */
export const TEMPLATE_VERSION = 5;

/** The template version a ledger's settings record (1 when they record none). */
export function ledgerVersion(settings: Readonly<Record<string, string>>): number {
  const version = Number(settings.template_version ?? '1');
  return Number.isInteger(version) && version > 0 ? version : 1;
}

export const META_SHEET = '_kefu';
export const META_TABLE = 'kefu_meta';
export const COUNTERS_TABLE = 'kefu_counters';
export const AUDIT_TABLE = 'audit_log';
export const DICTIONARY_TABLE = 'data_dictionary';

export const AUDIT_SHEET: Text = t('审计日志', '稽核日誌', 'Audit log');
export const DICTIONARY_SHEET: Text = t('数据字典', '資料字典', 'Data dictionary');

/**
 * How many claims above its own a registration reads to number itself (docs/numbering.md).
 * Claims tables start below this many rows so that the window never leaves the sheet.
 */
export const CLAIM_WINDOW = 64;
export const CLAIMS_HEADER_ROW = CLAIM_WINDOW + 4; // 1-based sheet row of every claims table's header

export function claimsTableName(series: string): string {
  return `kefu_claims_${series}`;
}

export interface PlainColumn {
  readonly key: string;
  readonly label: Text;
  readonly kind: CellKind;
}

/** kefu_meta: one row per setting. */
export const META_COLUMNS: readonly PlainColumn[] = [
  { key: 'key', label: t('键', '鍵', 'Key'), kind: 'text' },
  { key: 'value', label: t('值', '值', 'Value'), kind: 'text' },
];

/**
 * kefu_counters: the last confirmed number of each series and period, and the claim it came from.
 * `state` repeats the three in one cell ('#TS/2026|17|345') so that one Range.find locates and
 * reads a counter in the same request.
 */
export const COUNTER_COLUMNS: readonly PlainColumn[] = [
  { key: 'series_period', label: t('序列/期间', '序列/期間', 'Series/period'), kind: 'text' },
  { key: 'last_seq', label: t('最后序号', '最後序號', 'Last number'), kind: 'int' },
  { key: 'claim_row', label: t('认领行', '認領列', 'Claim row'), kind: 'int' },
  { key: 'state', label: t('状态', '狀態', 'State'), kind: 'text' },
];

export function counterState(key: string, seq: number, claimRow: number): string {
  return `#${key}|${seq}|${claimRow}`;
}

export function counterSearchText(key: string): string {
  return `#${key}|`;
}

export function parseCounterState(state: unknown): { key: string; seq: number; row: number } | undefined {
  const m = typeof state === 'string' ? /^#(.+)\|(\d+)\|(\d+)$/.exec(state) : null;
  return m ? { key: m[1], seq: Number(m[2]), row: Number(m[3]) } : undefined;
}

/** kefu_claims_<SERIES>: one row per number claimed, in the order the workbook received them. */
export const CLAIM_COLUMNS: readonly PlainColumn[] = [
  { key: 'period', label: t('期间', '期間', 'Period'), kind: 'text' },
  { key: 'station', label: t('工作站', '工作站', 'Station'), kind: 'text' },
  { key: 'claimed_at', label: t('认领时间', '認領時間', 'Claimed at'), kind: 'text' },
  { key: 'seq', label: t('序号', '序號', 'Number'), kind: 'int' },
];

/** audit_log: every change (DESIGN principle 7). */
export const AUDIT_COLUMNS: readonly PlainColumn[] = [
  { key: 'at', label: t('时间', '時間', 'When'), kind: 'text' },
  { key: 'who', label: t('操作人', '操作人', 'Who'), kind: 'text' },
  { key: 'action', label: t('操作', '操作', 'Action'), kind: 'text' },
  { key: 'table', label: t('表', '表', 'Table'), kind: 'text' },
  { key: 'record', label: t('记录', '記錄', 'Record'), kind: 'text' },
  { key: 'field', label: t('字段', '欄位', 'Field'), kind: 'text' },
  { key: 'old_value', label: t('原值', '原值', 'Old value'), kind: 'text' },
  { key: 'new_value', label: t('新值', '新值', 'New value'), kind: 'text' },
  { key: 'chain', label: t('校验链', '校驗鏈', 'Chain'), kind: 'text' },
  /**
   * The operation that wrote the entry: the client's id for it, made before its first request, and
   * the attempt (`<id>.<attempt>`). A retry looks it up to learn whether an earlier attempt whose
   * answer was lost is in the workbook (domain/records.ts). Not covered by the chain: it says which
   * request wrote the row, not what changed.
   */
  { key: 'op', label: t('操作编号', '操作編號', 'Operation'), kind: 'text' },
];

export const DICTIONARY_COLUMNS: readonly PlainColumn[] = [
  { key: 'table', label: t('表', '表', 'Table'), kind: 'text' },
  { key: 'form', label: t('表单', '表單', 'Form'), kind: 'text' },
  { key: 'column', label: t('列键', '欄鍵', 'Column key'), kind: 'text' },
  { key: 'label_zh_cn', label: t('名称（简体）', '名稱（簡體）', 'Label (zh-CN)'), kind: 'text' },
  { key: 'label_zh_tw', label: t('名称（繁体）', '名稱（繁體）', 'Label (zh-TW)'), kind: 'text' },
  { key: 'label_en_us', label: t('名称（英文）', '名稱（英文）', 'Label (en-US)'), kind: 'text' },
  { key: 'type', label: t('类型', '類型', 'Type'), kind: 'text' },
  { key: 'required', label: t('必填', '必填', 'Required'), kind: 'text' },
  { key: 'values', label: t('取值', '取值', 'Allowed values'), kind: 'text' },
];
