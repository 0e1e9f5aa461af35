/**
 * Dates are local calendar dates (DESIGN principle 11). An operation gets the time from a Clock,
 * so tests and demos can fix it; `systemClock` reads the real time in the site's time zone.
 */
export interface Clock {
  /** Local date-time 'YYYY-MM-DD HH:MM:SS'. */
  now(): string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function systemClock(timeZone = DEFAULT_TIME_ZONE): Clock {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return {
    now() {
      const p = Object.fromEntries(parts.formatToParts(new Date()).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    },
  };
}

/** A clock that starts at `start` and advances `stepSeconds` on every reading. */
export function fixedClock(start: string, stepSeconds = 0): Clock {
  let ms = Date.parse(start.replace(' ', 'T') + 'Z');
  return {
    now() {
      const iso = new Date(ms).toISOString();
      ms += stepSeconds * 1000;
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    },
  };
}
