// Which pack texts count as a fallback (marked "(English)" in the UI) for a reader's language.
import { describe, expect, it } from 'vitest';
import { isFallback } from '../../../components/LanguageMark';

describe('isFallback', () => {
  it('is false for the reader’s own language, with or without a region', () => {
    expect(isFallback('el', 'el')).toBe(false);
    expect(isFallback('el', 'el-GR')).toBe(false);
    expect(isFallback('en', 'en-US')).toBe(false);
    expect(isFallback('en', 'en-GB')).toBe(false);
  });

  it('is false for either Chinese script for a Chinese reader (the pack tags them zh-Hans, zh-Hant)', () => {
    expect(isFallback('zh-Hans', 'zh-CN')).toBe(false);
    expect(isFallback('zh-Hant', 'zh-TW')).toBe(false);
    expect(isFallback('zh-Hans', 'zh-TW')).toBe(false);
  });

  it('is true for English shown to a Greek or Chinese reader, and for any other language', () => {
    expect(isFallback('en', 'el')).toBe(true);
    expect(isFallback('en', 'zh-CN')).toBe(true);
    expect(isFallback('el', 'en-US')).toBe(true);
    expect(isFallback('ja', 'zh-CN')).toBe(true);
  });
});
