import { broadcasts } from '../../forms/visitors';
import type { DomainValue, RecordValues } from '../../ledger/cells';
import { codeLabel } from '../../ledger/cells';
import type { Locale } from '../../i18n/locale';
import { message } from '../../i18n/messages';

/**
 * The missing-person notice the announcer reads out (P2-3.2.3), filled from the request: who is
 * missing (name, sex, age, clothing), where and when last seen, where to meet and who waits there,
 * and what a visitor who sees them should do. Mandarin is written in the Chinese script of the
 * pane (or of the workbook), English in English; a dialect or another language is read from the
 * Mandarin text, which the pane says.
 */

/** The languages of the register's `languages` column. */
export type BroadcastLanguage = 'mandarin' | 'local_dialect' | 'english' | 'other';

export interface AnnouncementChoice {
  /** The language the text is written in. */
  readonly text: Locale;
  /** The language to read in is not the text's: read the Mandarin text in it. */
  readonly fromMandarin: boolean;
}

const str = (value: DomainValue | undefined): string => (value === null || value === undefined ? '' : String(value).trim());

/** The Chinese script of the pane, else of the workbook, else Simplified. */
function chineseOf(paneLocale: Locale, workbookLocale: Locale): Locale {
  if (paneLocale !== 'en-US') return paneLocale;
  return workbookLocale !== 'en-US' ? workbookLocale : 'zh-CN';
}

/** The text to show for reading in `language`. */
export function announcementChoice(language: BroadcastLanguage, paneLocale: Locale, workbookLocale: Locale): AnnouncementChoice {
  if (language === 'english') return { text: 'en-US', fromMandarin: false };
  return { text: chineseOf(paneLocale, workbookLocale), fromMandarin: language !== 'mandarin' };
}

/** The request's languages, Mandarin first (the order the register lists them). */
export function languagesOf(record: RecordValues): BroadcastLanguage[] {
  const value = record.languages;
  const given = Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
  const codes = broadcasts.fields.find((f) => f.key === 'languages')!.codes!.map((c) => c.code);
  return codes.filter((code) => given.includes(code)) as BroadcastLanguage[];
}

/** A time of day when it is the request's day, else the date and time. */
function whenText(lastSeen: string, requested: string): string {
  if (lastSeen === '') return '';
  return lastSeen.slice(0, 10) === requested.slice(0, 10) ? lastSeen.slice(11, 16) : lastSeen.slice(0, 16);
}

/** The notice in the language `text`, from the record's values (blank values are left out). */
export function announcementText(record: RecordValues, text: Locale): string {
  const name = str(record.missing_name);
  const sexCodes = broadcasts.fields.find((f) => f.key === 'missing_sex')!.codes!;
  const sex = str(record.missing_sex) === '' ? '' : codeLabel(sexCodes, str(record.missing_sex), text);
  const age = str(record.missing_age);
  const clothing = str(record.clothing);
  const details = [text === 'en-US' ? sex.toLowerCase() : sex, age === '' ? '' : message('announceAge', text, { age }), clothing === '' ? '' : message('announceClothing', text, { clothing })].filter(
    (d) => d !== '',
  );
  const when = whenText(str(record.last_seen_at), str(record.requested_at));
  const where = str(record.last_seen_place);
  const meeting = str(record.meeting_point);
  const requester = str(record.requester);
  const relationship = str(record.relationship);
  const waiting = requester === '' ? '' : relationship === '' ? requester : text === 'en-US' ? `${requester} (${relationship})` : `${relationship}${requester}`;
  const parts = [
    message('announceOpening', text),
    details.length > 0 ? message('announcePerson', text, { name, details: details.join(message('announceSeparator', text)) }) : message('announcePersonOnly', text, { name }),
    when !== '' && where !== ''
      ? message('announceLastSeenBoth', text, { when, where })
      : when !== ''
        ? message('announceLastSeenWhen', text, { when })
        : where !== ''
          ? message('announceLastSeenWhere', text, { where })
          : '',
    waiting === '' ? message('announceMeetAlone', text, { name, meeting }) : message('announceMeet', text, { name, meeting, requester: waiting }),
    message('announceHelp', text, { meeting }),
  ];
  return parts.filter((p) => p !== '').join(text === 'en-US' ? ' ' : '');
}
