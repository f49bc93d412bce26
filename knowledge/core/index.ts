// The bundled pack, gloss-core, assembled from its parts so that each file stays
// reviewable: one file per entity kind, the events, and the sources they cite.

import type { Pack } from '../schema';
import header from './pack.json';
import chips from './entities/chips.json';
import companies from './entities/companies.json';
import orgs from './entities/orgs.json';
import rules from './entities/rules.json';
import models from './entities/models.json';
import people from './entities/people.json';
import places from './entities/places.json';
import events from './events.json';
import sourcesA from './sources/entities-a.json';
import sourcesB from './sources/entities-b.json';
import sourcesC from './sources/entities-c.json';
import eventSources from './sources/events.json';

/** The bundled pack as plain data; validate it with checkPack before use. */
export const corePack = {
  ...header,
  entities: [...chips, ...companies, ...orgs, ...rules, ...models, ...people, ...places],
  events,
  sources: [...sourcesA, ...sourcesB, ...sourcesC, ...eventSources],
} as unknown as Pack;
