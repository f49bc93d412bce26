// What model/ says about bad input: each refusal names the place and the reason in
// words a reader (or the sync server's 400 answer) can act on.

import { describe, expect, it } from 'vitest';
import { checkFields, checkPush, checkRecord } from '../../../model';

const stamp = '001796000000000:00000:d3f1a9c2b7e40516';

describe('refusal messages', () => {
  it('name a field a record type does not have', () => {
    expect(checkFields('mute', 'nvidia', { entity: 'nvidia', colour: 'red' })).toEqual({ ok: false, message: 'colour: is not a field of mute' });
    expect(checkRecord('mute', { id: 'nvidia', entity: 'nvidia', createdAt: 1, updatedAt: 1, deleted: false, extra: 1 })).toEqual({
      ok: false,
      message: 'extra: is not a field of mute',
    });
  });

  it('name a property a push or a mutation does not have', () => {
    expect(checkPush({ protocol: 1, clientId: 'abcdefgh', mutations: [], padding: 'x' })).toEqual({ ok: false, message: 'padding: is not part of sync protocol 1' });
    const mutation = { id: 1, type: 'mute', record: 'nvidia', hlc: stamp, fields: { entity: 'nvidia' }, priority: 'high' };
    expect(checkPush({ protocol: 1, clientId: 'abcdefgh', mutations: [mutation] })).toEqual({ ok: false, message: 'mutations[0]: priority: is not part of sync protocol 1' });
  });

  it('keep the schema’s own words for other problems, with the path', () => {
    const note = { id: 1, type: 'note', record: '0'.repeat(26), hlc: stamp, fields: { body: 'x'.repeat(20_001) } };
    expect(checkPush({ protocol: 1, clientId: 'abcdefgh', mutations: [note] })).toEqual({
      ok: false,
      message: `mutations[0]: note "${'0'.repeat(26)}": body: a note is at most 20,000 characters`,
    });
    expect(checkFields('siteSetting', 'example.com', { mode: 'some' })).toMatchObject({ ok: false, message: expect.stringMatching(/^mode: /) });
  });
});
