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

export const URGENCY: readonly CodeDecl[] = [
  c('normal', '一般', '一般', 'Normal'),
  c('urgent', '紧急', '緊急', 'Urgent'),
  c('critical', '重大', '重大', 'Critical'),
];

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
