// Which article a page is. A note belongs to the article, not to the address it was
// reached by: the page's canonical link (or og:url) when it names the same site, with
// tracking parameters and the fragment dropped, so a story read through a mobile, AMP
// or newsletter link shows the same notes. Every device derives the same id.

import { getDomain } from 'tldts';
import { sha256Hex } from './ids';

/** Query parameters that say how a reader arrived, never which article it is. */
const TRACKING_EXACT = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid', 'igsh',
  'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi', 'ref', 'ref_src', 'ref_url', 'referrer', 'src', 'source',
  'cmpid', 'cmp', 'ocid', 'smid', 'smtyp', 'sr_share', 'share', 'shared', 's_cid', 'cid', 'ito', 'icid', 'int_source',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'spm', 'soc_src', 'soc_trk', 'ncid', 'mbid', 'rss', 'taid',
  'tpcc', 'sref', 'xtor', 'wt_mc', 'wt.mc_id', 'at_medium', 'at_campaign', 'ns_mchannel', 'ns_source', 'ns_campaign',
  'ns_linkname', 'ns_fee', 'partner', 'feature', 'from', 'amp', 'outputtype', 'output', 'utm', 'cmpid', 'sh', 'st', 'si',
  'campaign', 'mod', 'traffic_source', 'dicbo', 'in_source', 'via', 'ga_source', 'ga_medium', 'ga_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'at_', 'pk_', 'hsa_', 'mtm_', 'vero_', 'oly_', 'ga_', 'fb_', 'ss_', 'ns_', 'sc_', 'wt_', '__'];

/** Host prefixes for the same site's mobile, AMP and default editions. */
const EDITION_PREFIX = /^(?:www\d*|m|mobile|amp|touch)\./;

export interface PageMetadata {
  /** The address the browser shows. */
  url: string;
  /** <link rel="canonical" href>, as written. */
  canonical?: string;
  /** <meta property="og:url" content>, as written. */
  ogUrl?: string;
  title?: string;
  /** article:published_time, datePublished or the like, as written. */
  published?: string;
  lang?: string;
}

export interface ArticleIdentity {
  /** Stable id, the same on every device: "a" + 32 hex digits. */
  id: string;
  /** The article's address: canonical when trustworthy, cleaned of tracking and fragment. */
  url: string;
  /** What identity is derived from: url without scheme, edition prefix, tracking or trailing slash. */
  key: string;
  /** The site's host without "www.", for lists and filters. */
  site: string;
}

function parseHttp(raw: string | undefined, base?: string): URL | undefined {
  if (!raw || raw.length > 4000) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registrable part of a host by the Public Suffix List, its private part included:
 * news.bbc.co.uk and www.bbc.co.uk are one site, attacker.github.io and victim.github.io
 * are two (as browsers count sites). IP addresses and single names stand for themselves.
 */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

export function sameSite(a: URL, b: URL): boolean {
  return registrableDomain(a.hostname) === registrableDomain(b.hostname);
}

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_EXACT.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** The address without fragment and tracking parameters; the other parameters sorted. */
export function cleanArticleUrl(u: URL): URL {
  const out = new URL(u.href);
  out.hash = '';
  out.username = '';
  out.password = '';
  const kept = [...out.searchParams].filter(([name]) => !isTrackingParam(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out.search = '';
  for (const [k, v] of kept) out.searchParams.append(k, v);
  out.hostname = out.hostname.toLowerCase();
  // An AMP edition under /amp or /amp/ at the end of the path is the same story.
  out.pathname = out.pathname.replace(/\/amp\/?$/i, '/').replace(/\.amp(\.html?)$/i, '$1') || '/';
  return out;
}

/** What two addresses of one article have in common. */
export function identityKey(u: URL): string {
  const clean = cleanArticleUrl(u);
  const host = clean.hostname.replace(EDITION_PREFIX, '');
  const port = clean.port ? `:${clean.port}` : '';
  const path = clean.pathname.length > 1 ? clean.pathname.replace(/\/+$/, '') : '';
  return `${host}${port}${path}${clean.search}`;
}

/** The article's address for a page: the canonical link if it names the same site, else the page's own address. */
export function articleUrl(meta: Pick<PageMetadata, 'url' | 'canonical' | 'ogUrl'>): URL {
  const page = parseHttp(meta.url);
  if (!page) throw new Error('an article needs an http(s) address');
  // A page may claim any canonical address; one on another site could let it read the
  // reader's notes about someone else's article, so only the same site is believed.
  for (const candidate of [meta.canonical, meta.ogUrl]) {
    const u = parseHttp(candidate, page.href);
    if (u && sameSite(u, page)) return cleanArticleUrl(u);
  }
  return cleanArticleUrl(page);
}

export async function articleIdentity(meta: Pick<PageMetadata, 'url' | 'canonical' | 'ogUrl'>): Promise<ArticleIdentity> {
  const url = articleUrl(meta);
  const key = identityKey(url);
  return { id: `a${(await sha256Hex(key)).slice(0, 32)}`, url: url.href, key, site: siteOf(url) };
}

export function siteOf(u: URL | string): string {
  const url = typeof u === 'string' ? new URL(u) : u;
  return url.hostname.toLowerCase().replace(/^www\d*\./, '');
}

/** The address with nothing after the path: what Gloss keeps of reading history. */
export function addressWithoutQuery(raw: string): string {
  const u = new URL(raw);
  u.search = '';
  u.hash = '';
  u.username = '';
  u.password = '';
  return u.href;
}

/** A publication date as written in page metadata, as an ISO date or date-time; undefined if unreadable. */
export function normalizePublished(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const year = new Date(t).getUTCFullYear();
  if (year < 1990 || year > 2200) return undefined;
  return new Date(t).toISOString();
}
