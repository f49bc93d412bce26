import { describe, expect, it } from 'vitest';
import { addressWithoutQuery, articleIdentity, normalizePublished, registrableDomain } from '../../../model';

describe('article identity', () => {
  it('gives a story the same id through its canonical, tracking, mobile and AMP addresses', async () => {
    const canonical = await articleIdentity({ url: 'https://www.example-news.com/tech/2025/nvidia-h20?id=7' });
    const variants = await Promise.all([
      articleIdentity({ url: 'https://www.example-news.com/tech/2025/nvidia-h20?utm_source=x&id=7&fbclid=abc#comments' }),
      articleIdentity({ url: 'https://m.example-news.com/tech/2025/nvidia-h20?id=7&gclid=1' }),
      articleIdentity({ url: 'https://amp.example-news.com/story/123', canonical: 'https://www.example-news.com/tech/2025/nvidia-h20?id=7' }),
      articleIdentity({ url: 'https://www.example-news.com/tech/2025/nvidia-h20/amp/?id=7' }),
      articleIdentity({ url: 'http://example-news.com/tech/2025/nvidia-h20/?id=7&mc_cid=9' }),
      articleIdentity({ url: 'https://www.example-news.com/x', ogUrl: '/tech/2025/nvidia-h20?id=7' }),
    ]);
    for (const v of variants) expect(v.id).toBe(canonical.id);
    expect(canonical.url).toBe('https://www.example-news.com/tech/2025/nvidia-h20?id=7');
    expect(canonical.site).toBe('example-news.com');
    expect(canonical.id).toMatch(/^a[0-9a-f]{32}$/);
  });

  it('keeps parameters that name the article apart', async () => {
    const a = await articleIdentity({ url: 'https://news.example/read.php?story=1' });
    const b = await articleIdentity({ url: 'https://news.example/read.php?story=2' });
    expect(a.id).not.toBe(b.id);
  });

  it('does not believe a canonical link to another site', async () => {
    const page = await articleIdentity({ url: 'https://evil.example/copy', canonical: 'https://www.example-news.com/tech/2025/nvidia-h20' });
    expect(page.url).toBe('https://evil.example/copy');
    const victim = await articleIdentity({ url: 'https://www.example-news.com/tech/2025/nvidia-h20' });
    expect(page.id).not.toBe(victim.id);
  });

  it('does not believe a canonical link to another site under a shared hosting domain', async () => {
    // Each of these is its own site (the Public Suffix List's private part): a page on one
    // must not reach the reader's notes on another by claiming its address.
    for (const [evil, victim] of [
      ['https://attacker.github.io/x', 'https://victim.github.io/2025/h20-licences'],
      ['https://attacker.blogspot.com/x', 'https://victim.blogspot.com/2025/04/h20.html'],
      ['https://attacker.netlify.app/x', 'https://victim.netlify.app/h20'],
      ['https://attacker.s3.amazonaws.com/x', 'https://victim.s3.amazonaws.com/h20.html'],
      ['https://attacker.pages.dev/x', 'https://victim.pages.dev/h20'],
    ]) {
      const page = await articleIdentity({ url: evil!, canonical: victim, ogUrl: victim });
      expect(page.url, evil).toBe(evil);
      expect(page.id).not.toBe((await articleIdentity({ url: victim! })).id);
    }
    expect(registrableDomain('victim.github.io')).toBe('victim.github.io');
    expect(registrableDomain('www.victim.github.io')).toBe('victim.github.io');
  });

  it('treats subdomains of one registrable domain as one site', () => {
    expect(registrableDomain('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('www.abc.net.au')).toBe('abc.net.au');
    expect(registrableDomain('www.news.example')).toBe('news.example');
    expect(registrableDomain('localhost')).toBe('localhost');
    expect(registrableDomain('[::1]')).toBe('[::1]');
    expect(registrableDomain('edition.news.co.uk')).toBe('news.co.uk');
    expect(registrableDomain('m.example.com')).toBe('example.com');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('keeps no query string or fragment in reading history', () => {
    expect(addressWithoutQuery('https://u:p@news.example/a/b?utm_source=x&id=2#top')).toBe('https://news.example/a/b');
  });

  it('reads publication dates as pages write them', () => {
    expect(normalizePublished('2025-04-15')).toBe('2025-04-15');
    expect(normalizePublished('2025-04-15T09:30:00+02:00')).toBe('2025-04-15T07:30:00.000Z');
    expect(normalizePublished('yesterday')).toBeUndefined();
  });
});
