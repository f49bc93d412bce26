import { paintedMentions } from '../support/driver';
import { expect, GREEK_ARTICLE, test } from '../both/fixtures';

test('Chromium and Firefox paint the same mentions on the Greek demo article, in the same order', async ({ launch, site }) => {
  const [chromium, firefox] = await Promise.all([launch('chromium'), launch('firefox')]);
  const [inChromium, inFirefox] = await Promise.all([
    chromium.openArticle(site.url + GREEK_ARTICLE).then(paintedMentions),
    firefox.openArticle(site.url + GREEK_ARTICLE).then(paintedMentions),
  ]);
  expect(inChromium.length).toBeGreaterThan(40);
  expect(inFirefox).toEqual(inChromium);
});
