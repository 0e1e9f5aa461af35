/**
 * The in-memory Excel host, part 1: addresses, date serials, cell input parsing and display text.
 */
import assert from 'node:assert/strict';
import {
  formatCellText,
  generalNumberText,
  parseAddress,
  parseCellInput,
  partsFromSerial,
  qualifiedAddress,
  quoteSheetName,
  rect,
  serialFromIsoDate,
  serialFromParts,
  isoDateFromSerial,
} from '../addin/src/host';

describe('host: addresses', () => {
  it('quotes sheet names the way Excel does', () => {
    assert.equal(quoteSheetName('Sheet1'), 'Sheet1');
    assert.equal(quoteSheetName('审计日志'), '审计日志'); // Unicode letters are word characters
    assert.equal(quoteSheetName('Sheet_1.x'), 'Sheet_1.x');
    assert.equal(quoteSheetName('Audit log'), "'Audit log'");
    assert.equal(quoteSheetName('Sheet-1'), "'Sheet-1'");
    assert.equal(quoteSheetName('2025'), "'2025'");
    assert.equal(quoteSheetName('A1'), "'A1'");
    assert.equal(quoteSheetName('R2C3'), "'R2C3'");
    assert.equal(quoteSheetName("It's"), "'It''s'");
    assert.equal(quoteSheetName('客服 台账'), "'客服 台账'");
  });

  it('formats and parses A1 addresses', () => {
    assert.equal(qualifiedAddress('Sheet1', rect(0, 0, 1, 1)), 'Sheet1!A1:B2');
    assert.equal(qualifiedAddress('My Sheet', rect(4, 27, 4, 27)), "'My Sheet'!AB5");
    assert.equal(qualifiedAddress('S', rect(0, 2, 1_048_575, 3)), 'S!C:D');
    assert.equal(qualifiedAddress('S', rect(1, 0, 2, 16_383)), 'S!2:3');
    assert.deepEqual(parseAddress("'It''s'!$C$3:A1"), { sheet: "It's", rect: rect(0, 0, 2, 2) });
    assert.deepEqual(parseAddress('审计日志!B2'), { sheet: '审计日志', rect: rect(1, 1, 1, 1) });
    assert.deepEqual(parseAddress('XFD1048576'), { rect: rect(1_048_575, 16_383, 1_048_575, 16_383) });
    assert.equal(parseAddress('XFE1'), null);
    assert.equal(parseAddress('Table1[#All]'), null);
  });
});

describe('host: date serials (1900 system)', () => {
  it('numbers days like Excel, including the fake 1900-02-29', () => {
    assert.equal(serialFromParts(1900, 1, 1), 1);
    assert.equal(serialFromParts(1900, 2, 28), 59);
    assert.equal(serialFromParts(1900, 2, 29), 60);
    assert.equal(serialFromParts(1900, 3, 1), 61);
    assert.equal(serialFromParts(2025, 1, 1), 45658);
    assert.equal(serialFromIsoDate('2024-02-29'), 45351);
    assert.equal(serialFromParts(2025, 2, 29), null);
    assert.equal(serialFromParts(1899, 12, 31), null);
    assert.equal(serialFromParts(2025, 1, 1, 12, 0, 0), 45658.5);
  });

  it('turns serials back into dates', () => {
    assert.deepEqual(partsFromSerial(60), { y: 1900, m: 2, d: 29, hh: 0, mi: 0, ss: 0 });
    assert.deepEqual(partsFromSerial(61), { y: 1900, m: 3, d: 1, hh: 0, mi: 0, ss: 0 });
    assert.deepEqual(partsFromSerial(45658.75), { y: 2025, m: 1, d: 1, hh: 18, mi: 0, ss: 0 });
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1999-12-31', '2025-01-01', '2100-02-28']) {
      assert.equal(isoDateFromSerial(serialFromIsoDate(iso)!), iso);
    }
  });
});

describe('host: what a written value becomes', () => {
  const general = (s: unknown) => parseCellInput(s, 'General');

  it('makes formulas of =, +, - and @ entries', () => {
    assert.deepEqual(general('=1+1'), { kind: 'formula', formula: '=1+1' });
    assert.deepEqual(general('+SUM(A1)'), { kind: 'formula', formula: '=+SUM(A1)' });
    assert.deepEqual(general('-2+3'), { kind: 'formula', formula: '=-2+3' });
    assert.deepEqual(general('@SUM(A1)'), { kind: 'formula', formula: '=SUM(A1)' });
    assert.deepEqual(general('=HYPERLINK("http://x","y")'), { kind: 'formula', formula: '=HYPERLINK("http://x","y")' });
  });

  it('keeps apostrophe-prefixed and Text-formatted entries as text', () => {
    assert.deepEqual(general("'=1+1"), { kind: 'value', value: '=1+1' });
    assert.deepEqual(general("'007"), { kind: 'value', value: '007' });
    for (const s of ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '007', '2025-01-01', 'TRUE', "'x"]) {
      assert.deepEqual(parseCellInput(s, '@'), { kind: 'value', value: s }, s);
    }
  });

  it('coerces numbers, booleans and dates as Excel does', () => {
    assert.deepEqual(general('007'), { kind: 'value', value: 7 });
    assert.deepEqual(general('-5'), { kind: 'value', value: -5 });
    assert.deepEqual(general('+5'), { kind: 'value', value: 5 });
    assert.deepEqual(general('1e3'), { kind: 'value', value: 1000 });
    assert.deepEqual(general('1,234'), { kind: 'value', value: 1234, numberFormat: '#,##0' });
    assert.deepEqual(general('12%'), { kind: 'value', value: 0.12, numberFormat: '0%' });
    assert.deepEqual(general('true'), { kind: 'value', value: true });
    assert.deepEqual(general('FALSE'), { kind: 'value', value: false });
    assert.deepEqual(general('2025-01-01'), { kind: 'value', value: 45658, numberFormat: 'yyyy-mm-dd' });
    assert.deepEqual(general('2025/1/2 08:30'), { kind: 'value', value: 45659 + 8.5 / 24, numberFormat: 'yyyy-mm-dd hh:mm' });
    assert.deepEqual(parseCellInput('2025-01-01', '0.00'), { kind: 'value', value: 45658 }); // a set format is kept
    // An 18-digit ID number loses its last digits, as in Excel (15 significant digits).
    assert.deepEqual(general('110101199003071234'), { kind: 'value', value: 110101199003071000 });
    assert.deepEqual(general('2025-02-30'), { kind: 'value', value: '2025-02-30' });
    assert.deepEqual(general('11010119900307123X'), { kind: 'value', value: '11010119900307123X' });
    assert.deepEqual(general('-'), { kind: 'value', value: '-' });
  });

  it('skips null, clears on empty string, rejects non-scalars', () => {
    assert.deepEqual(general(null), { kind: 'skip' });
    assert.deepEqual(general(''), { kind: 'clear' });
    assert.throws(() => general({}), { code: 'InvalidArgument' });
    assert.throws(() => general(Number.NaN), { code: 'InvalidArgument' });
  });
});

describe('host: displayed text', () => {
  it('shows General numbers within 11 characters', () => {
    assert.equal(generalNumberText(1 / 3), '0.333333333');
    assert.equal(generalNumberText(0.1 + 0.2), '0.3');
    assert.equal(generalNumberText(123456.789), '123456.789');
    assert.equal(generalNumberText(123456789012), '1.23457E+11');
    assert.equal(generalNumberText(-42), '-42');
    assert.equal(generalNumberText(0.00001), '0.00001');
    assert.equal(generalNumberText(0.0000123456789), '1.23457E-05');
  });

  it('formats numbers and dates by their format', () => {
    assert.equal(formatCellText(45658, 'yyyy-mm-dd'), '2025-01-01');
    assert.equal(formatCellText(45658.5, 'yyyy-mm-dd hh:mm'), '2025-01-01 12:00');
    assert.equal(formatCellText(45658, 'yyyy"年"m"月"d"日"'), '2025年1月1日');
    assert.equal(formatCellText(45658.25, 'h:mm AM/PM'), '6:00 AM');
    assert.equal(formatCellText(1234.5, '#,##0.00'), '1,234.50');
    assert.equal(formatCellText(-1234.5, '#,##0.00'), '-1,234.50');
    assert.equal(formatCellText(-1234.5, '#,##0.00;(#,##0.00)'), '(1,234.50)');
    assert.equal(formatCellText(0.125, '0.0%'), '12.5%');
    assert.equal(formatCellText(2.5, '0'), '3'); // half away from zero
    assert.equal(formatCellText(12345, '0.00E+00'), '1.23E+04');
    assert.equal(formatCellText(7, '000'), '007');
    assert.equal(formatCellText('abc', '@'), 'abc');
    assert.equal(formatCellText(true, 'General'), 'TRUE');
    assert.equal(formatCellText(null, 'General'), '');
  });
});
