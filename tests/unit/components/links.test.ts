import { describe, expect, it } from 'vitest';
import { webHref } from '../../../components/format';

describe('links from stored data', () => {
  it('are web addresses or nothing', () => {
    expect(webHref('https://news.example/a?b=1')).toBe('https://news.example/a?b=1');
    expect(webHref('http://news.example/a')).toBe('http://news.example/a');
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'chrome-extension://abc/options.html', 'file:///etc/passwd', '//evil.example', 'https://a.example/x y', '']) {
      expect(webHref(url), url).toBeUndefined();
    }
  });
});
