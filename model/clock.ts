// Hybrid logical clocks: timestamps that follow wall time but never go backwards and
// order every change from every device totally. A stamp is a string that sorts as it
// compares: 15-digit milliseconds, 5-digit counter, the device that made it.
//   "001765000000000:00000:d3f1a9c2b7e40516"
// Field-level last-writer-wins compares these strings; equal wall times fall back to
// the counter, then to the device id, so two devices never tie.

export type Hlc = string;

const HLC_RE = /^(\d{15}):(\d{5}):([a-z0-9]{8,32})$/;
const MAX_COUNTER = 99_999;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export function isHlc(s: unknown): s is Hlc {
  return typeof s === 'string' && HLC_RE.test(s);
}

export function parseHlc(s: Hlc): HlcParts {
  const m = HLC_RE.exec(s);
  if (!m) throw new Error(`not a clock stamp: ${JSON.stringify(s)}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export function formatHlc({ wall, counter, node }: HlcParts): Hlc {
  return `${String(wall).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${node}`;
}

/** The stamp for a new local change, after `last` (the latest stamp this device issued or saw). */
export function tick(last: Hlc | undefined, now: number, node: string): Hlc {
  const prev = last ? parseHlc(last) : undefined;
  if (!prev || now > prev.wall) return formatHlc({ wall: now, counter: 0, node });
  return next(prev.wall, prev.counter, node);
}

/** The local clock after seeing a remote stamp: never behind anything seen. */
export function receive(last: Hlc | undefined, remote: Hlc, now: number, node: string): Hlc {
  const r = parseHlc(remote);
  const l = last ? parseHlc(last) : undefined;
  const wall = Math.max(now, r.wall, l?.wall ?? 0);
  if (wall === now && wall > r.wall && wall > (l?.wall ?? -1)) return formatHlc({ wall, counter: 0, node });
  const counter = Math.max(wall === r.wall ? r.counter : -1, l && wall === l.wall ? l.counter : -1);
  return next(wall, counter, node);
}

function next(wall: number, counter: number, node: string): Hlc {
  // A counter that would overflow moves the clock a millisecond ahead instead.
  return counter >= MAX_COUNTER ? formatHlc({ wall: wall + 1, counter: 0, node }) : formatHlc({ wall, counter: counter + 1, node });
}

/** Later stamp first is > 0; the strings are built to sort in clock order. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** Wall time of a stamp, in ms since the epoch. */
export function hlcWall(s: Hlc): number {
  return parseHlc(s).wall;
}
