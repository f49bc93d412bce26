// The names of entity kinds in the UI language (each key written out, so a test can
// check that every one exists in _locales).
import type { Kind } from '../knowledge/schema';
import { t } from './i18n';

export function kindLabel(kind: Kind): string {
  switch (kind) {
    case 'chip':
      return t('kindChip');
    case 'company':
      return t('kindCompany');
    case 'model':
      return t('kindModel');
    case 'rule':
      return t('kindRule');
    case 'org':
      return t('kindOrg');
    case 'person':
      return t('kindPerson');
    case 'place':
      return t('kindPlace');
  }
}

/** A kind as the heading of a group of entities. */
export function kindPlural(kind: Kind): string {
  switch (kind) {
    case 'chip':
      return t('kindsChip');
    case 'company':
      return t('kindsCompany');
    case 'model':
      return t('kindsModel');
    case 'rule':
      return t('kindsRule');
    case 'org':
      return t('kindsOrg');
    case 'person':
      return t('kindsPerson');
    case 'place':
      return t('kindsPlace');
  }
}

/** "12 mentions" (one message for one, another for any other count). */
export function mentionCount(n: number): string {
  return n === 1 ? t('mentionsOne', String(n)) : t('mentionsMany', String(n));
}

/** "5 entities". */
export function entityCount(n: number): string {
  return n === 1 ? t('entitiesOne', String(n)) : t('entitiesMany', String(n));
}
