import type { Locale } from '../../addin/src/i18n/locale';
import { message } from '../../addin/src/i18n/messages';

/**
 * A progress bar on standard error, drawn only when it is a terminal (a pipe or a log file gets
 * nothing, so JSON on standard output and scripted runs stay clean). Redrawn at most every 100 ms
 * and once at 100 %; the line is cleared when done.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  done(): void;
}

const WIDTH = 28;

export function progressBar(what: 'readingLedger', locale: Locale, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
      stream.write(`\r${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${message(what, locale)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
