// What the page says about the article it shows: canonical address, publication date
// and language. Only read here; the background decides what to believe.

import type { PageMeta } from '../../messaging/protocol';

const PUBLISHED = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dcterms.created"]',
];

let last: { href: string; meta: PageMeta } | undefined;

/**
 * Read once per address: a selector run over a page of a million nodes costs tens of
 * milliseconds, and reports come often. Links and metadata are looked for in <head>.
 */
export function readPageMeta(doc: Document = document): PageMeta {
  if (doc === document && last?.href === location.href) return last.meta;
  const meta = readMeta(doc);
  if (doc === document) last = { href: location.href, meta };
  return meta;
}

function readMeta(doc: Document): PageMeta {
  const meta: PageMeta = {};
  const head = doc.head ?? doc;
  const canonical = head.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.getAttribute('href');
  if (canonical) meta.canonical = canonical.slice(0, 2000);
  const og = head.querySelector('meta[property="og:url" i][content]')?.getAttribute('content');
  if (og) meta.ogUrl = og.slice(0, 2000);
  for (const selector of PUBLISHED) {
    const value = head.querySelector(selector)?.getAttribute('content');
    if (value) {
      meta.published = value.slice(0, 100);
      break;
    }
  }
  if (!meta.published) {
    // A plain tag lookup, not a selector list: on a page of a million nodes that is the
    // difference between a few milliseconds and a few tens.
    const times = doc.getElementsByTagName('time');
    for (let i = 0; i < 50 && times[i]; i++) {
      const t = times[i]!;
      const value = t.getAttribute('datetime');
      if (value && (t.hasAttribute('pubdate') || t.closest('article'))) {
        meta.published = value.slice(0, 100);
        break;
      }
    }
  }
  const lang = doc.documentElement.lang;
  if (lang) meta.lang = lang.slice(0, 35);
  return meta;
}
