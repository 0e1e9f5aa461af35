import { accidentInvestigations, accidentReports, accidentVerbalReports, accidentWrittenReports } from './accidents';
import { collectionChecks, fieldCheckLines, installationSheets, investigations, meterNotices, powerOffChecks, preshiftMeetings, rotationSpotChecks, safetyGear } from './fieldWork';
import { batchInstalls, collectorDaily, complaintOrders, perfAdjustments, perfExportLines, perfExports, rotationOrders, rules, workers } from './performance';
import { bindingIndex, complaintMeasures, complaintReopenings, complaints, returnVisits } from './complaints';
import { dueRules, workCalendar } from './promisedTimes';
import { reception, repairLedger, repairOrders } from './receptionRepairs';
import type { Locale, Text } from '../i18n/locale';
import { t } from './codes';
import type { FormDecl } from './types';
import {
  accessibilityChecks,
  broadcasts,
  freeEntries,
  gateCounts,
  loans,
  planDistributions,
  postalLog,
  receptionPlans,
  repairSlips,
  reservations,
  ticketDeliveries,
  vehicles,
  visitorRules,
} from './visitors';

/**
 * Every form, register and ledger, in the order of the brief. The registry everything derives from.
 * F7 (yearly complaint statistics) and F29 (performance sheet) are reports computed from these
 * tables, not record tables. The performance inputs that are not paper forms (workers, rotation and
 * batch-install work orders, rules) sit beside the forms they feed.
 */
export const FORMS: readonly FormDecl[] = [
  // P1: hospital property customer service
  complaints,
  returnVisits,
  complaintReopenings,
  reception,
  repairOrders,
  repairLedger,
  bindingIndex,
  complaintMeasures,
  dueRules,
  workCalendar,
  // P2: scenic area, special visitors
  vehicles,
  loans,
  repairSlips,
  broadcasts,
  reservations,
  receptionPlans,
  planDistributions,
  ticketDeliveries,
  freeEntries,
  gateCounts,
  postalLog,
  accessibilityChecks,
  visitorRules,
  // P3: outsourced meter teams
  preshiftMeetings,
  safetyGear,
  meterNotices,
  installationSheets,
  powerOffChecks,
  rotationSpotChecks,
  investigations,
  fieldCheckLines,
  collectionChecks,
  workers,
  collectorDaily,
  rotationOrders,
  batchInstalls,
  complaintOrders,
  accidentVerbalReports,
  accidentWrittenReports,
  accidentInvestigations,
  accidentReports,
  rules,
  perfAdjustments,
  perfExports,
  perfExportLines,
];

const byKey = new Map(FORMS.map((form) => [form.key, form]));

export function formByKey(key: string): FormDecl {
  const form = byKey.get(key);
  if (!form) throw new Error(`Unknown form: ${key}`);
  return form;
}

export function findForm(key: string): FormDecl | undefined {
  return byKey.get(key);
}

/** The sections of the seed procedures that clauses name in the seed's own (Traditional) words. */
const SEED_SECTIONS: readonly (readonly [string, Text])[] = [
  ['投訴', t('投诉', '投訴', 'Complaints ')],
  ['接待', t('接待', '接待', 'Reception ')],
];

/** A form's seed clause as a reader of `locale` writes it: "P1-投訴1–8" → "P1-投诉1–8", "P1-Complaints 1–8". */
export function clauseText(clause: string, locale: Locale): string {
  return SEED_SECTIONS.reduce((text, [section, words]) => text.split(section).join(words[locale]), clause);
}

export {
  complaints,
  returnVisits,
  complaintReopenings,
  reception,
  repairOrders,
  repairLedger,
  bindingIndex,
  complaintMeasures,
  dueRules,
  workCalendar,
  vehicles,
  loans,
  repairSlips,
  broadcasts,
  reservations,
  receptionPlans,
  planDistributions,
  ticketDeliveries,
  freeEntries,
  gateCounts,
  postalLog,
  accessibilityChecks,
  visitorRules,
  preshiftMeetings,
  safetyGear,
  meterNotices,
  installationSheets,
  powerOffChecks,
  rotationSpotChecks,
  investigations,
  fieldCheckLines,
  collectionChecks,
  workers,
  collectorDaily,
  rotationOrders,
  batchInstalls,
  complaintOrders,
  accidentVerbalReports,
  accidentWrittenReports,
  accidentInvestigations,
  accidentReports,
  rules,
  perfAdjustments,
  perfExports,
  perfExportLines,
};
export { RULE_PARAMETERS } from './performance';
export type { FormDecl, FieldDecl, CodeDecl, Numbering, CopyDecl, FieldType } from './types';
