import { describe, expect, it } from 'vitest';
import { formatHlc, mergeChange } from '../../../model';

const at = (wall: number, node = 'aaaaaaaa11111111') => formatHlc({ wall, counter: 0, node });
const A = 'aaaaaaaa11111111';
const B = 'bbbbbbbb22222222';

describe('field-level last writer wins', () => {
  it('keeps edits of different fields from two devices', () => {
    const base = mergeChange(undefined, { type: 'note', record: 'n', hlc: at(1), fields: { body: 'x', tags: [] } }).next;
    const withTags = mergeChange(base, { type: 'note', record: 'n', hlc: at(3, B), fields: { tags: ['h20'] } }).next;
    const both = mergeChange(withTags, { type: 'note', record: 'n', hlc: at(2, A), fields: { body: 'y' }, base: { body: at(1) } }).next;
    expect(both.fields).toEqual({ body: 'y', tags: ['h20'] });
  });

  it('ignores a change older than the field it would overwrite', () => {
    const base = mergeChange(undefined, { type: 'mute', record: 'h20', hlc: at(5), fields: { deleted: true } }).next;
    const r = mergeChange(base, { type: 'mute', record: 'h20', hlc: at(4), fields: { deleted: false } });
    expect(r.changed).toBe(false);
    expect(r.next.fields.deleted).toBe(true);
  });

  it('keeps the losing text of a concurrent edit as a revision, whichever arrives first', () => {
    const start = mergeChange(undefined, { type: 'note', record: 'n1', hlc: at(1), fields: { body: 'draft' } }).next;
    const editA = { type: 'note' as const, record: 'n1', hlc: at(10, A), fields: { body: 'from A' }, base: { body: at(1) } };
    const editB = { type: 'note' as const, record: 'n1', hlc: at(11, B), fields: { body: 'from B' }, base: { body: at(1) } };

    const ab1 = mergeChange(start, editA);
    const ab2 = mergeChange(ab1.next, editB);
    const ba1 = mergeChange(start, editB);
    const ba2 = mergeChange(ba1.next, editA);
    expect(ab2.next.fields.body).toBe('from B');
    expect(ba2.next.fields.body).toBe('from B');
    expect([...ab1.losers, ...ab2.losers].map((l) => l.fields.value)).toEqual(['from A']);
    expect([...ba1.losers, ...ba2.losers].map((l) => l.fields.value)).toEqual(['from A']);
    expect(ab2.losers[0]!.id).toBe(ba2.losers[0]!.id);
  });

  it('sees no conflict in an edit that started from the current text', () => {
    const start = mergeChange(undefined, { type: 'note', record: 'n1', hlc: at(1), fields: { body: 'draft' } }).next;
    const r = mergeChange(start, { type: 'note', record: 'n1', hlc: at(2), fields: { body: 'better' }, base: { body: at(1) } });
    expect(r.losers).toEqual([]);
    expect(r.next.fields.body).toBe('better');
  });
});
