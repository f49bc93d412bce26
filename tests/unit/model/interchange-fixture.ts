// A small export in the order exportBundle gives (notes oldest first, each article
// before its first note), in the scripts journalists on this beat read.
import type { Article, Note, NotesBundle } from '../../../model/interchange';

export const T0 = Date.UTC(2026, 10, 3, 9, 30, 15, 123);
const HOUR = 3_600_000;

export const EN: Article = {
  id: 'a0123456789abcdef0123456789abcdef',
  url: 'https://www.reuters.example/technology/nvidia-h20-licence-2025-04-15/',
  title: 'Nvidia says US requires licence for H20 exports to China',
  site: 'reuters.example',
  published: '2025-04-15T21:04:00.000Z',
  lang: 'en',
  createdAt: T0,
  updatedAt: T0 + HOUR,
  deleted: false,
};

export const EL: Article = {
  id: 'a11111111111111111111111111111111',
  url: 'https://www.kathimerini.example/economy/561234567/i-nvidia-kai-ta-tsip/',
  title: 'Η Nvidia και τα τσιπ «H20»: τι αλλάζει για την Κίνα',
  site: 'kathimerini.example',
  published: '2025-04-16',
  lang: 'el',
  createdAt: T0 + 2 * HOUR,
  updatedAt: T0 + 2 * HOUR,
  deleted: false,
};

export const ZH: Article = {
  id: 'a22222222222222222222222222222222',
  url: 'https://www.cna.example/news/afe/202504160123.aspx?lang=zh-hant',
  title: '台積電暫停7奈米晶片出貨中國客戶',
  site: 'cna.example',
  published: null,
  lang: null,
  createdAt: T0 + 3 * HOUR,
  updatedAt: T0 + 3 * HOUR,
  deleted: false,
};

export const N1: Note = {
  id: '01jc0000000000000000000001',
  articleId: EN.id,
  body: 'Licence requirement "for the indefinite future" — check the 8-K filing.\n\nSecond paragraph, with a link: https://www.sec.example/8k',
  tags: ['export controls', 'H20'],
  entities: ['nvidia', 'h20'],
  quote: {
    exact: 'the U.S. government informed Nvidia\nthat it would require a license',
    prefix: 'On April 9, 2025, ',
    suffix: ' for export of its H20 integrated circuits',
  },
  position: { start: 1204, end: 1269 },
  createdAt: T0,
  updatedAt: T0 + HOUR,
  deleted: false,
};

export const N2: Note = {
  id: '01jc0000000000000000000002',
  articleId: EN.id,
  body: 'No quote on this one, and no tags. 🚀🇺🇸',
  tags: [],
  entities: [],
  quote: null,
  position: null,
  createdAt: T0 + 1,
  updatedAt: T0 + 1,
  deleted: false,
};

export const N3: Note = {
  id: '01jc0000000000000000000003',
  articleId: EL.id,
  body: 'Η εκτίμηση των 5,5 δισ. δολαρίων επιβεβαιώνεται εδώ.',
  tags: ['Κίνα'],
  entities: ['nvidia'],
  quote: { exact: 'χρέωση ύψους 5,5 δισ. δολαρίων', prefix: 'ανακοίνωσε ', suffix: ' στο πρώτο τρίμηνο' },
  position: { start: 88, end: 118 },
  createdAt: T0 + 2 * HOUR,
  updatedAt: T0 + 2 * HOUR,
  deleted: false,
};

export const N4: Note = {
  id: '01jc0000000000000000000004',
  articleId: ZH.id,
  body: '',
  tags: ['台積電', '7nm'],
  entities: ['tsmc'],
  quote: { exact: '台積電已通知中國大陸客戶，\n自11日起暫停出貨', prefix: '據悉，', suffix: '。' },
  position: null,
  createdAt: T0 + 3 * HOUR,
  updatedAt: T0 + 4 * HOUR,
  deleted: false,
};

export function sampleBundle(): NotesBundle {
  return structuredClone({ articles: [EN, EL, ZH], notes: [N1, N2, N3, N4] });
}
