import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import '../addin/src/ledger/xlsx/exceljsPatch';
import { fixedClock } from '../addin/src/core/clock';
import { MAX_VOLUME_SIZE, bindVolumes, type BindingResult } from '../addin/src/domain/binding';
import { KefuError } from '../addin/src/core/problems';
import { runOperation } from '../addin/src/domain/records';
import { registerComplaint } from '../addin/src/domain/complaintProcedure';
import type { RecordValues } from '../addin/src/ledger/cells';
import type { Ledger } from '../addin/src/ledger/types';
import { BOUND_TEXT, buildBoundVolumes } from '../addin/src/workbooks/boundVolumes';
import { XlsxLedger } from '../addin/src/ledger/xlsx/xlsxLedger';
import { BACKENDS, templateBytes } from './support/backends';
import { FORMULA_LIKE_TEXTS, complaintInput, runKefu } from './support/fixtures';
import { libreOfficeConvert, pdfTextPages } from './support/libreoffice';

/**
 * Binding (统一编号装订, issue 4 item 5): archive numbers for a year's archived tickets in volumes,
 * the binding index, the binding number in each ticket, the bound-volume workbook — with voids and
 * missing numbers listed, never skipped, and binding again changing nothing already bound.
 */

const clock = () => fixedClock('2027-01-10 09:00:00', 1);
const context = { clock: clock(), actor: { clerk: '陈静', site: '市第一人民医院' } };
const YEAR = 2026;

type Kind = 'archived' | 'void' | 'pending' | 'gap';

/** What happens to intake number `seq` in the seeded year. */
function kindOf(seq: number): Kind {
  if (seq % 47 === 0) return 'gap';
  if (seq % 31 === 0) return 'void';
  if (seq % 59 === 0) return 'pending';
  return 'archived';
}

const ticketNo = (seq: number) => `TS-${YEAR}-${String(seq).padStart(4, '0')}`;

interface Seeded {
  readonly archived: number[];
  readonly voids: number[];
  readonly pending: number[];
  readonly gaps: number[];
}

/** The seq numbers of a year with `archivedCount` archived tickets, the others as kindOf says. */
function plan(archivedCount: number, from = 1): Seeded {
  const seeded: Seeded = { archived: [], voids: [], pending: [], gaps: [] };
  for (let seq = from; seeded.archived.length < archivedCount; seq++) {
    const kind = kindOf(seq);
    ({ archived: seeded.archived, void: seeded.voids, pending: seeded.pending, gap: seeded.gaps })[kind].push(seq);
  }
  return seeded;
}

function complaintRecord(seq: number, kind: Exclude<Kind, 'gap'>): RecordValues {
  const input = complaintInput({
    received_at: `${YEAR}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')} 09:30`,
    content: seq % 100 === 1 ? FORMULA_LIKE_TEXTS[0] : `病房卫生间地面有积水（${seq}）`,
  });
  return {
    ...registerComplaint.prepare(input, context).values,
    ticket_no: ticketNo(seq),
    status: kind === 'pending' ? 'in_handling' : kind === 'void' ? 'received' : 'archived',
    voided: kind === 'void',
    void_reason: kind === 'void' ? '重复登记' : null,
    return_visit_no: kind === 'archived' ? `${ticketNo(seq)}-HF` : null,
    created_at: '2026-03-15 10:00',
    created_by: '王丽',
  };
}

function visitRecord(seq: number): RecordValues {
  return {
    visit_no: `${ticketNo(seq)}-HF`,
    ticket_no: ticketNo(seq),
    visited_at: '2026-12-01 10:00',
    method: 'phone',
    person_visited: '张三',
    resolved: true,
    satisfaction: 'satisfied',
    visitor_by: '赵敏',
    visitor_at: '2026-12-01 10:00',
    received_by_cs_by: '陈静',
    received_by_cs_at: '2026-12-01 11:00',
    voided: false,
  };
}

/** Seeds tickets in bulk, as a past year's paper would be typed in: one apply per table. */
async function seed(ledger: Ledger, seeded: Seeded): Promise<void> {
  const all = [...seeded.archived.map((s) => [s, 'archived'] as const), ...seeded.voids.map((s) => [s, 'void'] as const), ...seeded.pending.map((s) => [s, 'pending'] as const)].sort(
    (a, b) => a[0] - b[0],
  );
  const basis = await ledger.read({ writes: ['complaints', 'return_visits'] });
  await ledger.apply(
    {
      appends: {
        complaints: all.map(([seq, kind]) => complaintRecord(seq, kind)),
        return_visits: seeded.archived.map(visitRecord),
      },
    },
    basis,
  );
}

async function readBinding(ledger: Ledger): Promise<{ numbers: Map<string, string>; index: RecordValues[]; binds: number }> {
  const snapshot = await ledger.read({
    tables: {
      complaints: { columns: ['ticket_no', 'binding_no'], rows: 'all' },
      binding_index: { columns: ['volume_no', 'year', 'first_ticket_no', 'last_ticket_no', 'ticket_count', 'void_count', 'bound_by_by'], rows: 'all' },
      audit_log: { columns: ['action', 'table', 'record', 'field', 'new_value'], rows: 'all' },
    },
  });
  const numbers = new Map<string, string>();
  for (const row of snapshot.tables.complaints) if (row.values.binding_no) numbers.set(String(row.values.ticket_no), String(row.values.binding_no));
  const binds = snapshot.tables.audit_log.filter((r) => r.values.action === 'bind').length;
  return { numbers, index: snapshot.tables.binding_index.map((r) => r.values), binds };
}

function describeIn(error: unknown, locale: 'zh-CN' | 'en-US'): string {
  assert.ok(error instanceof KefuError, String(error));
  return error.describe(locale).join('\n');
}

describe('binding: 1,000 archived tickets of a year', function () {
  let ledger: XlsxLedger;
  let seeded: Seeded;
  let first: BindingResult;

  before(async () => {
    ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'bind-test', clock: clock() });
    seeded = plan(1000);
    await seed(ledger, seeded);
    first = (await runOperation(ledger, bindVolumes, { year: YEAR, volumeSize: 100 }, context)).result;
  });

  it('numbers archived and void tickets consecutively, volume by volume, in intake order', () => {
    const bound = [...seeded.archived, ...seeded.voids].sort((a, b) => a - b);
    assert.equal(first.newlyBound, bound.length);
    assert.equal(first.newlyBoundVoid, seeded.voids.length);
    assert.equal(first.volumes.length, Math.ceil(bound.length / 100));
    assert.deepEqual(
      first.newVolumes,
      first.volumes.map((v, i) => `TS-${YEAR}-V${String(i + 1).padStart(2, '0')}`),
    );
    const inOrder = first.volumes.flatMap((v) => v.tickets.map((t) => t.ticketNo));
    assert.deepEqual(inOrder, bound.map(ticketNo), 'every bound ticket exactly once, in intake order');
    for (const volume of first.volumes) {
      assert.deepEqual(
        volume.tickets.map((t) => t.archiveNo),
        volume.tickets.map((_, i) => `${volume.volumeNo}/${String(i + 1).padStart(3, '0')}`),
        `${volume.volumeNo}: 001… without gaps`,
      );
      assert.ok(volume.tickets.length <= 100);
      for (const t of volume.tickets) assert.equal(t.visit === null, t.voided, `${t.ticketNo} bound with its return visit`);
    }
  });

  it("lists every intake number exactly once in the volumes' indexes, voids and gaps marked", () => {
    const entries = first.volumes.flatMap((v) => v.entries);
    const last = Math.max(...[...seeded.archived, ...seeded.voids]);
    assert.deepEqual(
      entries.map((e) => e.seq),
      Array.from({ length: last }, (_, i) => i + 1),
      'numbers 1 … the last bound, each once',
    );
    for (const entry of entries) {
      const expected = { archived: 'bound', void: 'void', pending: 'pending', gap: 'gap' }[kindOf(entry.seq)];
      assert.equal(entry.state, expected, entry.ticketNo);
      assert.equal(entry.ticketNo, ticketNo(entry.seq));
    }
    assert.deepEqual(first.gaps, seeded.gaps.filter((s) => s < last).map(ticketNo));
    for (const volume of first.volumes) {
      assert.deepEqual(
        volume.voids,
        volume.tickets.filter((t) => t.voided).map((t) => t.ticketNo),
      );
      assert.equal(volume.voidCount, volume.voids.length);
      assert.deepEqual(
        volume.gaps,
        volume.entries.filter((e) => e.state === 'gap').map((e) => e.ticketNo),
      );
    }
  });

  it('writes the binding number into each ticket, a line per volume in the binding index, and audit entries', async () => {
    const { numbers, index, binds } = await readBinding(ledger);
    const expected = new Map(first.volumes.flatMap((v) => v.tickets.map((t) => [t.ticketNo, t.archiveNo] as const)));
    assert.deepEqual(numbers, expected);
    assert.equal(binds, expected.size);
    assert.deepEqual(
      index.map((r) => [r.volume_no, r.year, r.first_ticket_no, r.last_ticket_no, r.ticket_count, r.void_count, r.bound_by_by]),
      first.volumes.map((v) => [v.volumeNo, YEAR, v.firstTicketNo, v.lastTicketNo, v.tickets.length, v.voidCount, '陈静']),
    );
  });

  it('writes a bound-volume workbook whose index sheet rows list each number once, voids and gaps marked, with a page per ticket and per return visit', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await buildBoundVolumes(first, { locale: 'zh-CN', site: '市第一人民医院' }).xlsx.writeBuffer());
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      first.newVolumes,
    );
    const seen = new Map<string, string>();
    for (const volume of first.volumes) {
      const sheet = workbook.getWorksheet(volume.volumeNo)!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      const text = rows.map((r) => r.join(' ')).join('\n');
      assert.ok(text.includes(`${BOUND_TEXT.year['zh-CN']} ${YEAR}`), 'cover: year');
      assert.ok(text.includes(`${volume.firstTicketNo} – ${volume.lastTicketNo}`), 'cover: number range');
      assert.ok(text.includes(`${BOUND_TEXT.count['zh-CN']} ${volume.tickets.length}`), 'cover: count');
      for (const gap of volume.gaps)
        assert.ok(
          rows.slice(0, 16).some((r) => r.join(' ').includes(gap)),
          `cover lists gap ${gap}`,
        );
      const header = rows.findIndex((r) => r[0] === BOUND_TEXT.archiveNo['zh-CN']);
      const indexRows = rows.slice(header + 1, header + 1 + volume.entries.length);
      for (const [archive, number, , note] of indexRows) {
        assert.ok(!seen.has(number), `${number} listed once`);
        seen.set(number, note);
        const kind = kindOf(Number(number.slice(-4)));
        if (kind === 'void') assert.ok(note.startsWith('作废') && archive.startsWith(volume.volumeNo), `${number} marked void`);
        if (kind === 'gap') assert.ok(note.startsWith('缺号') && archive === '', `${number} marked missing`);
        if (kind === 'archived') assert.ok(archive.startsWith(`${volume.volumeNo}/`), `${number} has its archive no.`);
      }
      const breaks = (sheet as unknown as { rowBreaks: unknown[] }).rowBreaks.length;
      assert.equal(breaks, 1 + 2 * volume.tickets.length, 'a break after the cover, before each ticket and each return visit');
      assert.equal(sheet.pageSetup.firstPageNumber, 1);
      assert.match(String(sheet.headerFooter.oddFooter), new RegExp(`${volume.volumeNo}.*&P`));
    }
    assert.equal(
      seen.size,
      first.volumes.reduce((n, v) => n + v.entries.length, 0),
    );
  });

  it('binds again idempotently: nothing changes, the same volumes are reprinted', async () => {
    const before = await readBinding(ledger);
    const again = await runOperation(ledger, bindVolumes, { year: YEAR, volumeSize: 100 }, context);
    assert.deepEqual(again.changes, {});
    assert.equal(again.result.newlyBound, 0);
    assert.deepEqual(again.result.newVolumes, []);
    assert.deepEqual(
      again.result.volumes.map((v) => [v.volumeNo, v.tickets.map((t) => t.archiveNo), v.entries]),
      first.volumes.map((v) => [v.volumeNo, v.tickets.map((t) => t.archiveNo), v.entries]),
    );
    assert.deepEqual(await readBinding(ledger), before);
  });

  it('numbers only tickets archived since, in a new volume; bound ones keep their numbers', async () => {
    const before = await readBinding(ledger);
    // Two pending tickets get archived with their return visits; three more tickets arrive archived.
    const snapshot = await ledger.read({
      tables: { complaints: { columns: ['ticket_no', 'status'], rows: { where: 'ticket_no', equals: seeded.pending.slice(0, 2).map(ticketNo) } } },
      writes: ['complaints', 'return_visits'],
    });
    const lastSeq = Math.max(...seeded.archived, ...seeded.voids, ...seeded.pending);
    const newcomers = [lastSeq + 1, lastSeq + 2, lastSeq + 3];
    await ledger.apply(
      {
        updates: snapshot.tables.complaints.map((row) => ({ ref: row.ref, values: { status: 'archived', return_visit_no: `${row.values.ticket_no}-HF` } })),
        appends: {
          complaints: newcomers.map((s) => complaintRecord(s, 'archived')),
          return_visits: [...seeded.pending.slice(0, 2), ...newcomers].map(visitRecord),
        },
      },
      snapshot,
    );
    const later = (await runOperation(ledger, bindVolumes, { year: YEAR, volumeSize: 100 }, context)).result;
    const next = `TS-${YEAR}-V${String(first.volumes.length + 1).padStart(2, '0')}`;
    assert.deepEqual(later.newVolumes, [next]);
    const fresh = [...seeded.pending.slice(0, 2), ...newcomers];
    assert.deepEqual(
      later.volumes.at(-1)!.tickets.map((t) => [t.ticketNo, t.archiveNo]),
      fresh.map((s, i) => [ticketNo(s), `${next}/${String(i + 1).padStart(3, '0')}`]),
    );
    const after = await readBinding(ledger);
    for (const [ticket, archive] of before.numbers) assert.equal(after.numbers.get(ticket), archive, `${ticket} keeps its number`);
    assert.equal(after.numbers.size, before.numbers.size + fresh.length);
    assert.equal(after.index.length, before.index.length + 1);
    // The earlier volume that listed them as not archived now says where they are bound.
    const listed = later.volumes.flatMap((v) => v.entries).filter((e) => e.ticketNo === ticketNo(seeded.pending[0]));
    assert.deepEqual(
      listed.map((e) => [e.state, e.archiveNo]),
      [
        ['elsewhere', next],
        ['bound', `${next}/001`],
      ],
    );
  });
});

describe('binding: refusals and both backends', () => {
  it('refuses a bad year or volume size, in the user language', () => {
    assert.throws(
      () => bindVolumes.prepare({ year: '26', volumeSize: 10 }, context),
      (e: unknown) => describeIn(e, 'zh-CN').includes('年度“26”无效'),
    );
    assert.throws(
      () => bindVolumes.prepare({ year: 2026, volumeSize: MAX_VOLUME_SIZE + 1 }, context),
      (e: unknown) => describeIn(e, 'en-US').includes(`the volume size "${MAX_VOLUME_SIZE + 1}" is not valid`),
    );
    assert.throws(() => bindVolumes.prepare({ year: 2026, volumeSize: 'ten' }, context), KefuError);
    assert.deepEqual(bindVolumes.prepare({ year: '2026' }, context), { year: 2026, volumeSize: 100 });
  });

  it('refuses to bind an archived ticket without its return-visit form, naming sheet, row and field; nothing is written', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'bind-test', clock: clock() });
    await seed(ledger, plan(5));
    const basis = await ledger.read({ writes: ['complaints'] });
    await ledger.apply({ appends: { complaints: [complaintRecord(9, 'archived')] } }, basis);
    const error = await runOperation(ledger, bindVolumes, { year: YEAR }, context).then(
      () => assert.fail('bound without a return visit'),
      (e: unknown) => e,
    );
    assert.match(describeIn(error, 'zh-CN'), /^“投诉处理单”第 7 行“回访表编号”：已归档的投诉单 TS-2026-0009 找不到回访表 TS-2026-0009-HF/);
    assert.equal((await readBinding(ledger)).numbers.size, 0);
  });

  it('refuses a year with a duplicated intake number', async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('en-US'), { station: 'bind-test', clock: clock() });
    await seed(ledger, plan(3));
    const basis = await ledger.read({ writes: ['complaints'] });
    await ledger.apply({ appends: { complaints: [complaintRecord(2, 'archived')] } }, basis);
    const error = await runOperation(ledger, bindVolumes, { year: YEAR }, context).catch((e: unknown) => e);
    assert.match(describeIn(error, 'en-US'), /Complaints, row 5, column "Ticket no\.": ticket number TS-2026-0002 appears 2 times \(rows 3, 5\)/);
  });

  it("binds a reopened ticket with its earlier round — the handling it kept and the visit that reopened it — on its return visit's pages (issue 11 item 8)", async () => {
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'bind-test', clock: clock() });
    await seed(ledger, plan(3));
    const no = ticketNo(1);
    const basis = await ledger.read({ writes: ['return_visits', 'complaint_reopenings'] });
    await ledger.apply(
      {
        appends: {
          return_visits: [{ ...visitRecord(1), visit_no: `${no}-HF0`, visited_at: '2026-11-20 10:00', resolved: false, satisfaction: 'dissatisfied' }],
          complaint_reopenings: [
            {
              reopening_no: `${no}-R1`,
              ticket_no: no,
              reopened_at: '2026-11-20 10:00',
              visit_no: `${no}-HF0`,
              action_result: '第一次处理：已拖地',
              substantiated: 'no',
              handled_at: '2026-11-19 16:00',
              voided: false,
            },
          ],
        },
      },
      basis,
    );
    const { result } = await runOperation(ledger, bindVolumes, { year: YEAR }, context);
    const bound = result.volumes[0].tickets.find((t) => t.ticketNo === no)!;
    assert.deepEqual(
      bound.rounds.map((r) => [r.reopening.reopening_no, r.reopening.handled_at, r.visit?.visit_no]),
      [[`${no}-R1`, '2026-11-19 16:00', `${no}-HF0`]],
    );
    assert.equal(bound.visit?.visit_no, `${no}-HF`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await buildBoundVolumes(result, { locale: 'zh-CN', site: '' }).xlsx.writeBuffer());
    const sheet = workbook.getWorksheet(result.volumes[0].volumeNo)!;
    const rows: string[] = [];
    sheet.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v)))
          .join(' '),
      ),
    );
    const round = rows.findIndex((r) => r.startsWith(`投诉重开记录  ${no}-R1`));
    const latest = rows.findIndex((r) => r.startsWith(`投诉回访表  ${bound.archiveNo}`));
    assert.ok(latest > 0 && round > latest, "the earlier round follows the ticket's return-visit form");
    assert.ok(
      rows.slice(round).some((r) => r.includes('被重开处理的完成时间 2026-11-19 16:00')),
      rows.slice(round, round + 8).join('\n'),
    );
    assert.ok(
      rows.slice(round).some((r) => r.startsWith(`投诉回访表  ${no}-HF0`)),
      'with the visit that reopened it',
    );
    assert.equal((sheet as unknown as { rowBreaks: unknown[] }).rowBreaks.length, 1 + 2 * result.volumes[0].tickets.length, 'no page break more');
  });

  it('gives the same archive numbers and binding index through the exceljs and Office.js backends', async () => {
    const outcomes = [];
    for (const backend of BACKENDS) {
      const session = await backend.open(await templateBytes('zh-CN'), { clock: clock() });
      await seed(session.ledger, plan(40));
      const { result } = await runOperation(session.ledger, bindVolumes, { year: YEAR, volumeSize: 7 }, context);
      outcomes.push({ result: result.volumes.map((v) => [v.volumeNo, v.tickets.map((t) => t.archiveNo), v.entries.length]), stored: await readBinding(session.ledger) });
    }
    assert.deepEqual(outcomes[1], outcomes[0]);
    assert.ok(outcomes[0].stored.numbers.size > 40);
  });
});

describe('binding: kefu bind and the bound volumes in LibreOffice', function () {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kefu-bind-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('binds from the command line, idempotently, and the PDF shows covers, indexes, tickets and page numbers per volume', async () => {
    const file = path.join(dir, 'ledger.xlsx');
    const ledger = await XlsxLedger.fromBuffer(await templateBytes('zh-CN'), { station: 'bind-test', clock: clock() });
    // 1, 2, 4, 6, 7 archived, 3 void, 5 never issued, 8 still in handling
    await seed(ledger, { archived: [1, 2, 4, 6, 7], voids: [3], pending: [8], gaps: [5] });
    await fs.writeFile(file, await ledger.toBuffer());

    const out = path.join(dir, 'volumes.xlsx');
    const run = await runKefu(['bind', file, '--year', String(YEAR), '--volume-size', '3', '--out', out, '--clerk', '陈静']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2026 年新装订 6 份投诉单（其中作废 1 份），共 2 册：TS-2026-V01, TS-2026-V02。/);
    const afterFirst = await fs.readFile(file);

    const again = await runKefu(['bind', file, '--year', String(YEAR), '--volume-size', '3', '--out', path.join(dir, 'again.xlsx'), '--locale', 'en-US']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing new to bind for 2026 \(6 tickets already bound\)\./);
    assert.deepEqual(await fs.readFile(file), afterFirst, 'the ledger is not rewritten');

    const bad = await runKefu(['bind', file, '--year', '2026', '--volume-size', '0', '--out', out]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /每册份数“0”无效/);
    const help = await runKefu(['--help']);
    assert.match(help.stdout, /kefu bind <ledger\.xlsx> --year <YYYY> --out <volumes\.xlsx> \[--volume-size <N>\]/);

    const [pdf] = await libreOfficeConvert([out], 'pdf', dir);
    const pages = await pdfTextPages(pdf);
    const footer = (page: string) => /(TS-2026-V\d\d)\s+第\s*(\d+)\s*页\s+2026\s*$/.exec(page.trimEnd());
    const byVolume = new Map<string, { page: number; text: string }[]>();
    for (const text of pages) {
      const m = footer(text);
      assert.ok(m, `every page has the volume and its number in the footer:\n${text}`);
      byVolume.set(m[1], [...(byVolume.get(m[1]) ?? []), { page: Number(m[2]), text }]);
    }
    assert.deepEqual([...byVolume.keys()], ['TS-2026-V01', 'TS-2026-V02']);
    for (const [volume, volumePages] of byVolume) {
      assert.deepEqual(
        volumePages.map((p) => p.page),
        volumePages.map((_, i) => i + 1),
        `${volume}: pages 1, 2, 3 …`,
      );
      // cover, index, then 3 tickets each with its return visit (or the void note) on their own pages
      assert.equal(volumePages.length, 2 + 2 * 3, volume);
      assert.match(volumePages[0].text, new RegExp(`册号\\s+${volume}`));
      assert.match(volumePages[0].text, /年度\s+2026/);
      assert.match(volumePages[0].text, /份数\s+3/);
      for (let i = 0; i < 3; i++) {
        assert.match(volumePages[2 + 2 * i].text, new RegExp(`投诉处理单\\s+${volume}/00${i + 1}`));
        assert.match(volumePages[3 + 2 * i].text, new RegExp(`投诉回访表\\s+${volume}/00${i + 1}`));
      }
    }
    const [v1, v2] = [byVolume.get('TS-2026-V01')!, byVolume.get('TS-2026-V02')!];
    assert.match(v1[0].text, /其中作废\s+1：TS-2026-0003/, 'the void on the cover');
    assert.match(v1[1].text, /TS-2026-V01\/003\s+TS-2026-0003\s+\S+ \S+\s+作废，照常装订：重复登记/, 'the void in the index');
    assert.match(v1[0].text, /缺号（未发出的编号）\s+0：无/);
    assert.match(v2[0].text, /缺号（未发出的编号）\s+1：TS-2026-0005/, 'the gap on the cover');
    assert.match(v2[1].text, /TS-2026-0005\s+缺号：此编号未发出/, 'the gap in the index');
    assert.match(v2[0].text, /投诉编号范围\s+TS-2026-0004 – TS-2026-0007/);
    assert.match(v1[2].text, /=1\+1/, 'formula-like text bound as text');
  });
});
