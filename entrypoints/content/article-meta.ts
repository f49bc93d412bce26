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

export function readPageMeta(doc: Document = document): PageMeta {
  const meta: PageMeta = {};
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.getAttribute('href');
  if (canonical) meta.canonical = canonical.slice(0, 2000);
  const og = doc.querySelector('meta[property="og:url" i][content]')?.getAttribute('content');
  if (og) meta.ogUrl = og.slice(0, 2000);
  for (const selector of PUBLISHED) {
    const value = doc.querySelector(selector)?.getAttribute('content');
    if (value) {
      meta.published = value.slice(0, 100);
      break;
    }
  }
  if (!meta.published) {
    const time = doc.querySelector('article time[datetime], time[pubdate][datetime]')?.getAttribute('datetime');
    if (time) meta.published = time.slice(0, 100);
  }
  const lang = doc.documentElement.lang;
  if (lang) meta.lang = lang.slice(0, 35);
  return meta;
}
