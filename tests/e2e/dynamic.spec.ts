import { openArticle, paintedMentions } from '../support/browser';
import { serveDirectory } from '../support/server';
import { expect, test } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live blog</title></head><body>
<main id="feed"><p id="first">Nvidia shares rose after the H20 news.</p><p id="second">Markets were calm.</p></main>
<script>
  window.addPost = (text) => { const p = document.createElement('p'); p.textContent = text; document.getElementById('feed').append(p); };
</script></body></html>`;

test('a live page: new posts and edited text are highlighted, removed text is dropped', async ({ gloss }) => {
  const site = await serveDirectory('tests/fixtures/pages', { '/live.html': PAGE });
  try {
    const page = await openArticle(gloss.context, site.url + '/live.html');
    const texts = async () => (await paintedMentions(page)).map((m) => `${m.kind}:${m.text}`);
    await expect.poll(texts).toEqual(['company:Nvidia', 'chip:H20']);

    await page.evaluate(() => (window as unknown as { addPost(t: string): void }).addPost('Huawei answered with the Ascend 910C.'));
    await expect.poll(texts).toEqual(['company:Nvidia', 'chip:H20', 'company:Huawei', 'chip:Ascend 910C']);

    await page.evaluate(() => {
      (document.querySelector('#second')!.firstChild as Text).data = 'Markets eyed the Entity List.';
    });
    await expect.poll(texts).toEqual(['company:Nvidia', 'chip:H20', 'rule:Entity List', 'company:Huawei', 'chip:Ascend 910C']);

    await page.evaluate(() => document.querySelector('#first')!.remove());
    await expect.poll(texts).toEqual(['rule:Entity List', 'company:Huawei', 'chip:Ascend 910C']);
  } finally {
    await site.close();
  }
});
