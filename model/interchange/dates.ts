// Times in files. Records keep milliseconds since the epoch; files carry ISO 8601 in
// UTC, which every tool reads and which keeps the milliseconds, so nothing is rounded
// away on a round trip. Dates written by other tools are read by a fixed grammar
// rather than Date.parse, whose leniency differs between browsers.

/** 2026-12-06T10:00:00.000Z */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** 2026-12-06 10:00 UTC: for people. */
export function readableTime(ms: number): string {
  const iso = isoTime(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** 2026-12-06 10:00:00: the form spreadsheet programs recognise as a date and time. */
export function spreadsheetTime(ms: number): string {
  const iso = isoTime(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Milliseconds for an ISO 8601 date or date-time; undefined if it is not one. A time
 * without a zone is taken as UTC; fractions beyond milliseconds (Hypothesis writes
 * microseconds) are cut, not rounded, as Gloss's own times never have them.
 */
export function parseIsoTime(s: string): number | undefined {
  const m = ISO_RE.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec), Number(frac.padEnd(3, '0').slice(0, 3)));
  // Date.UTC rolls 31 February into March; a date that does not exist is refused.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}
