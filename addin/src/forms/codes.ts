import type { Text } from '../i18n/locale';
import type { CodeDecl } from './types';

/** Text in the three locales, in the order zh-CN, zh-TW, en-US. */
export function t(zhCN: string, zhTW: string, enUS: string): Text {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, 'en-US': enUS };
}

/** A code with its three labels. */
export function c(code: string, zhCN: string, zhTW: string, enUS: string): CodeDecl {
  return { code, label: t(zhCN, zhTW, enUS) };
}

/** The labels a `bool` field shows in a cell. */
export const BOOL_CODES: readonly CodeDecl[] = [c('yes', '是', '是', 'Yes'), c('no', '否', '否', 'No')];

/** How a matter reached the desk: the seed's three channels, then the typical additions. */
export const CHANNELS: readonly CodeDecl[] = [
  c('visit', '来访', '來訪', 'Visit'),
  c('phone', '电话', '電話', 'Phone'),
  c('letter', '来信', '來信', 'Letter'),
  c('online', '网络', '網路', 'Online'),
  c('wechat', '微信', '微信', 'WeChat'),
  c('mailbox', '院长信箱', '院長信箱', "Director's mailbox"),
  c('hotline_12345', '12345热线', '12345熱線', '12345 hotline'),
];

export const URGENCY: readonly CodeDecl[] = [c('normal', '一般', '一般', 'Normal'), c('urgent', '紧急', '緊急', 'Urgent'), c('critical', '重大', '重大', 'Critical')];

export const SUBSTANTIATED: readonly CodeDecl[] = [
  c('yes', '属实', '屬實', 'Substantiated'),
  c('partly', '部分属实', '部分屬實', 'Partly substantiated'),
  c('no', '不属实', '不屬實', 'Not substantiated'),
];

/** Departments of the hospital property service a matter can be referred to (configurable list). */
export const DEPARTMENTS: readonly CodeDecl[] = [
  c('customer_service', '客户服务部', '客戶服務部', 'Customer Service'),
  c('cleaning', '保洁部', '保潔部', 'Cleaning'),
  c('engineering', '工程部', '工程部', 'Engineering'),
  c('security', '安保部', '安保部', 'Security'),
  c('transport', '运送部', '運送部', 'Patient transport'),
  c('catering', '餐饮部', '餐飲部', 'Catering'),
  c('laundry', '被服部', '被服部', 'Linen & laundry'),
  c('management', '管理处', '管理處', 'Management office'),
];

/** Return-visit satisfaction (F2, F5). */
export const SATISFACTION: readonly CodeDecl[] = [
  c('satisfied', '满意', '滿意', 'Satisfied'),
  c('fairly_satisfied', '基本满意', '基本滿意', 'Fairly satisfied'),
  c('dissatisfied', '不满意', '不滿意', 'Dissatisfied'),
];

/** Wheelchair or stroller (F8, F9). */
export const VEHICLE_TYPES: readonly CodeDecl[] = [c('wheelchair', '轮椅', '輪椅', 'Wheelchair'), c('stroller', '婴儿车', '嬰兒車', 'Stroller')];

/**
 * The kind of document a clerk looked at (F8, F13). Only the kind is recorded, never the document's
 * number (data minimisation, 个人信息保护法 / PIPL).
 */
export const DOCUMENT_TYPES: readonly CodeDecl[] = [
  c('id_card', '身份证', '身分證', 'ID card'),
  c('senior_card', '老年证', '老年證', 'Senior card'),
  c('passport', '护照', '護照', 'Passport'),
  c('other', '其他证件', '其他證件', 'Other document'),
];

/** Help shown under every document-type field. */
export const NO_ID_NUMBER_HELP = t('只记录证件类型，不记录证件号码（个人信息保护法）', '只記錄證件類型，不記錄證件號碼（個人信息保護法）', 'Record the kind of document only, never its number (PIPL)');

/** Departments of the scenic area (P2-2) a reception plan is sent to (configurable list). */
export const SCENIC_DEPARTMENTS: readonly CodeDecl[] = [
  c('site_operations', '场务管理部门', '場務管理部門', 'Site operations'),
  c('market_management', '市场管理部门', '市場管理部門', 'Market management'),
  c('marketing', '营销部门', '營銷部門', 'Marketing'),
  c('broadcast', '广播站', '廣播站', 'Broadcast station'),
  c('catering', '餐饮部门', '餐飲部門', 'Catering'),
  c('security', '安保部门', '安保部門', 'Security'),
  c('other', '其他部门', '其他部門', 'Other department'),
];

/** Wireless or carrier collector (F18, F23). */
export const COLLECTOR_TYPES: readonly CodeDecl[] = [c('wireless', '无线', '無線', 'Wireless'), c('carrier', '载波', '載波', 'Carrier')];

/** Rotation (表计轮换) or batch install (批量装表) work (F18, F22). */
/** Load classes of a batch install's meters (P3-4.3.3): Class II all investigated, Class III sampled. */
export const LOAD_CLASSES: readonly CodeDecl[] = [c('class2', '二级负荷', '二級負荷', 'Class II'), c('class3', '三级负荷', '三級負荷', 'Class III')];

export const WORK_KINDS: readonly CodeDecl[] = [c('rotation', '表计轮换', '表計輪換', 'Meter rotation'), c('batch_install', '批量装表', '批量裝表', 'Batch install')];

/**
 * Checks made on a rotated or batch-installed meter (F20, F21; P3-4.3.2 and the F18 workmanship
 * items they do not cover, P3-4.2.2). The seed's list ends with 等等: a configurable list.
 */
export const METER_CHECK_ITEMS: readonly CodeDecl[] = [
  c('screws_tight', '螺丝拧紧', '螺絲擰緊', 'Screws tight'),
  c('rs485_not_reversed', '485线未接反', '485線未接反', '485 wiring not reversed'),
  c('rs485_secure', '485接线牢靠', '485接線牢靠', '485 wiring secure'),
  c('meter_correct', '表计未装错', '表計未裝錯', 'Right meter installed'),
  c('polarity_correct', '极性未反接', '極性未反接', 'Polarity not reversed'),
  c('in_out_correct', '进出线未接反', '進出線未接反', 'In/out lines not reversed'),
  c('collector_power_ok', '采集器电源线正常', '採集器電源線正常', 'Collector power line OK'),
];

/**
 * Workmanship checks on an installation sheet (F18; P3-4.2.2). A configurable list. A cell holds
 * several of them separated by 、 (CODES_SEPARATOR), so no label may contain it: the seed's 、
 * inside an item is written ，.
 */
export const WORKMANSHIP_ITEMS: readonly CodeDecl[] = [
  c('live_neutral_correct', '相线零线不反接', '相線零線不反接', 'Live and neutral not reversed'),
  c('in_out_correct', '进出线不接反', '進出線不接反', 'In/out lines not reversed'),
  c('terminal_screws_tight', '接口螺丝逐个拧紧', '接口螺絲逐個擰緊', 'Every terminal screw tight'),
  c('rs485_wiring_ok', '485接线正确，螺丝拧紧', '485接線正確，螺絲擰緊', '485 wiring correct, screws tight'),
  c('collector_power_ok', '采集器电源线牢固，接通良好，不反向', '採集器電源線牢固，接通良好，不反向', 'Collector power line firm, connected, not reversed'),
];

/** Severity of a complaint work order (F24; rule R11). */
export const SEVERITY: readonly CodeDecl[] = [c('minor', '一般', '一般', 'Minor'), c('major', '较重', '較重', 'Major'), c('severe', '严重', '嚴重', 'Severe')];

/** The seven "safety and civilised construction" targets of P3-3 that accidents count against (F26, F28). */
export const SAFETY_TARGETS: readonly CodeDecl[] = [
  c('serious_casualty', '较大人身伤亡事故', '較大人身傷亡事故', 'Serious injury or death accident'),
  c('grid_outage', '施工导致的电网停电及设备事故', '施工導致的電網停電及設備事故', 'Grid outage or equipment accident caused by the work'),
  c('equipment_damage', '工程设备损坏事故', '工程設備損壞事故', 'Engineering-equipment damage'),
  c('fire', '火灾事故', '火災事故', 'Fire'),
  c('construction_complaint', '施工产生的投诉事件', '施工產生的投訴事件', 'Complaint caused by the work'),
  c('pollution', '环境污染事件', '環境污染事件', 'Environmental pollution'),
  c('traffic', '负主要责任的重大交通事故', '負主要責任的重大交通事故', 'Major traffic accident, mainly liable'),
];
