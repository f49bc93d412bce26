import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receive, tick } from '../../../model';

const A = 'aaaaaaaa11111111';
const B = 'bbbbbbbb22222222';

describe('hybrid logical clock', () => {
  it('follows wall time when it moves forward', () => {
    const s = tick(undefined, 1_765_000_000_000, A);
    expect(parseHlc(s)).toEqual({ wall: 1_765_000_000_000, counter: 0, node: A });
    expect(parseHlc(tick(s, 1_765_000_000_500, A))).toEqual({ wall: 1_765_000_000_500, counter: 0, node: A });
  });

  it('never goes backwards when the wall clock does', () => {
    const s1 = tick(undefined, 2000, A);
    const s2 = tick(s1, 1000, A);
    const s3 = tick(s2, 1500, A);
    expect(compareHlc(s2, s1)).toBeGreaterThan(0);
    expect(compareHlc(s3, s2)).toBeGreaterThan(0);
    expect(parseHlc(s3)).toEqual({ wall: 2000, counter: 2, node: A });
  });

  it('moves past a remote stamp from a clock that runs ahead', () => {
    const remote = tick(undefined, 9000, B);
    const local = receive(tick(undefined, 1000, A), remote, 1200, A);
    expect(compareHlc(local, remote)).toBeGreaterThan(0);
    expect(compareHlc(tick(local, 1300, A), remote)).toBeGreaterThan(0);
  });

  it('orders stamps with the same wall time and counter by device, so no two devices tie', () => {
    const a = formatHlc({ wall: 5, counter: 3, node: A });
    const b = formatHlc({ wall: 5, counter: 3, node: B });
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect([b, a].sort()).toEqual([a, b]);
  });

  it('sorts as strings in clock order across digit lengths', () => {
    const early = formatHlc({ wall: 999, counter: 99, node: A });
    const late = formatHlc({ wall: 1000, counter: 0, node: A });
    expect(early < late).toBe(true);
  });

  it('refuses what is not a stamp', () => {
    expect(() => parseHlc('12:3:x')).toThrow(/not a clock stamp/);
  });
});
