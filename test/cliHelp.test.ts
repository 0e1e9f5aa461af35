import assert from 'node:assert/strict';
import { LOCALES, type Locale } from '../addin/src/i18n/locale';
import { COMMANDS } from '../scripts/kefu';
import { runKefu } from './support/fixtures';
import { SCRIPT_EXCEPTIONS, checkScripts, describeFindings, type LocatedText } from './support/scriptCheck';

/**
 * Issue 11 item 5: the command line helps at the first mistake. A usage error prints its cause on
 * one line and the usage of that command only; help, usage errors and messages follow --locale,
 * then LC_ALL / LANG, in all three locales, each in its own script.
 */

const LANGS: Record<Locale, string> = { 'zh-CN': 'zh_CN.UTF-8', 'zh-TW': 'zh_TW.UTF-8', 'en-US': 'en_US.UTF-8' };

describe('the command line’s help and usage errors (issue 11 item 5)', function () {
  this.timeout(300_000);

  for (const locale of LOCALES) {
    it(`speaks ${locale} from --locale and from LANG, in its own script`, async () => {
      const texts: LocatedText[] = [];
      const general = await runKefu(['--help', '--locale', locale]);
      assert.equal(general.code, 0);
      texts.push({ where: 'kefu --help', text: general.stdout });
      for (const command of COMMANDS) {
        const words = command.words.join(' ');
        const run = await runKefu([...command.words, '--help'], { env: { LANG: LANGS[locale] } });
        assert.equal(run.code, 0, `${words}: ${run.stderr}`);
        assert.ok(run.stdout.includes(command.help[locale].slice(0, 12)), `kefu ${words} --help follows LANG=${LANGS[locale]}`);
        texts.push({ where: `kefu ${words} --help`, text: run.stdout });
      }
      const wrong = await runKefu(['complaint', 'add', 'x.xlsx', '--jsno', 'c.json'], { env: { LC_ALL: LANGS[locale], LANG: 'C' } });
      assert.equal(wrong.code, 2);
      texts.push({ where: 'a usage error', text: wrong.stderr });
      const findings = checkScripts([{ name: `kefu in ${locale}`, locale, texts }], SCRIPT_EXCEPTIONS);
      assert.deepEqual(findings, [], describeFindings(findings));
    });
  }

  it('says the cause on one line and shows the usage of that command only', async () => {
    const run = await runKefu(['perf', 'L.xlsx', '--month', '2025-13', '--csv', 'x.csv', '--locale', 'en-US']);
    assert.equal(run.code, 2);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines[0], 'kefu: --month must be YYYY-MM (2025-03), not "2025-13".');
    assert.ok(
      lines.some((l) => l.trim().startsWith('kefu perf <ledger.xlsx>')),
      'the usage of kefu perf',
    );
    assert.ok(!lines.some((l) => l.includes('kefu complaint')), 'not the usage of other commands');
    assert.match(lines[lines.length - 1], /See kefu perf --help\./);
    assert.ok(lines.length <= 6, run.stderr);
  });

  it('kefu entry reconcile (issue 13): its own help beside the entry workflow’s, --day required', async () => {
    const help = await runKefu(['entry', 'reconcile', '--help', '--locale', 'zh-TW']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /kefu entry reconcile <ledger\.xlsx> --day <YYYY-MM-DD> \[--json\]/);
    assert.match(help.stdout, /核對一天的免票放行/);
    assert.match(help.stdout, /--day <YYYY-MM-DD>\s+要核對的日期。/);
    const entry = await runKefu(['entry', '--help', '--locale', 'en-US']);
    assert.match(entry.stdout, /kefu entry reconcile compares a day's free passes/, 'the workflow’s help points to it');
    const missing = await runKefu(['entry', 'reconcile', 'L.xlsx', '--locale', 'en-US']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.split('\n')[0], /--day/);
  });

  it('suggests the command or option meant', async () => {
    const command = await runKefu(['complaint', 'dispach', 'L.xlsx', '--locale', 'en-US']);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /Did you mean "complaint dispatch"\?/);
    const option = await runKefu(['stats', 'L.xlsx', '--yaer', '2026', '--locale', 'zh-CN']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /此命令没有选项 --yaer。是不是 --year？/);
  });
});
