// Validation of every request payload, where it is received (the background). Limits
// are generous for real pages and small enough that a hostile page cannot make the
// background store or process much.

import * as v from 'valibot';
import { Id } from '../knowledge/schema';
import type { MessageType } from './protocol';

const Title = v.pipe(v.string(), v.maxLength(1000));

export const requestSchemas = {
  'page.dictionary': v.strictObject({}),
  'page.card': v.strictObject({ entity: Id, lang: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), v.maxLength(35)) }),
  'page.mentions': v.strictObject({
    title: Title,
    mentions: v.pipe(
      v.array(v.strictObject({ entity: Id, count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)), text: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) })),
      v.maxLength(5000),
    ),
  }),
  'ui.tabMentions': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  'ui.importPack': v.strictObject({ json: v.pipe(v.string(), v.maxLength(20_000_000, 'pack file is larger than 20 MB')) }),
  'ui.removePack': v.strictObject({ id: Id }),
  'ui.setMuted': v.strictObject({ entity: Id, muted: v.boolean() }),
  'ui.setEntityNote': v.strictObject({ entity: Id, note: v.pipe(v.string(), v.maxLength(4000, 'a note is at most 4,000 characters')) }),
} satisfies Record<MessageType, v.GenericSchema>;

/** Who may send each request: content scripts on web pages, or the extension's own pages. */
export const requestSenders: Record<MessageType, 'page' | 'extension'> = {
  'page.dictionary': 'page',
  'page.card': 'page',
  'page.mentions': 'page',
  'ui.tabMentions': 'extension',
  'ui.importPack': 'extension',
  'ui.removePack': 'extension',
  'ui.setMuted': 'extension',
  'ui.setEntityNote': 'extension',
};
