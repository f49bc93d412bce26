// Pages built to hurt an extension that reads them: an element chain 20,000 deep, one
// 10 MB text node, a million nodes, and an article under a price ticker whose 1,200
// cells change every frame. The end-to-end tests check that Gloss works on them, and
// `npm run bench` measures what Gloss costs there. Each page builds its hostile part
// with a script (the HTML parser flattens deep nesting and splits long text), and each
// has a short article with known mentions at the top.

export const ARTICLE = `<article id="story"><h1>Chip rules</h1>
<p id="lede">Nvidia said the H20 needs an export licence; Huawei answered with the Ascend 910C.</p></article>`;

function page(title: string, body: string, script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
${ARTICLE}
${body}
<script>${script}</script></body></html>`;
}

/** Depth of the element chain on the deep page. */
export const DEEP = 20_000;

/**
 * An element chain 20,000 deep with a mention at its bottom. Chromium itself crashes
 * laying out chains deeper than about 2,500, so the chain sits in a box that is not
 * rendered until scrolled near (content-visibility: auto), as a hostile page that wants
 * to stay up would do.
 */
export function deepPage(): string {
  return page(
    'Deep page',
    '<div id="deep-box" style="content-visibility:auto;contain-intrinsic-size:auto 500px;margin-top:3000px"></div>',
    `let el = document.getElementById('deep-box');
for (let i = 0; i < ${DEEP}; i++) { const d = document.createElement(i % 2 ? 'span' : 'div'); el.append(d); el = d; }
el.append('At the bottom, Nvidia again.');
el.id = 'deepest';`,
  );
}

/** Characters in the one text node of the big-text page. */
export const BIG_TEXT = 10 * 1024 * 1024;

/**
 * One 10 MB text node of news prose, a mention every few hundred characters and one at
 * its very end,
 * below the fold in a box rendered only when near (laying out 10 MB of text costs
 * Chromium itself seconds).
 */
export function bigTextPage(): string {
  return page(
    'One big text node',
    '<div style="content-visibility:auto;contain-intrinsic-size:auto 2000px;margin-top:3000px"><p id="big"></p></div>',
    `const filler = ['Markets closed higher after a quiet day of trading. ', 'Volume was thin and the index barely moved. ', 'Analysts expect the next quarter to be much the same. '];
const news = 'Nvidia said the H20 needs an export licence, and Huawei answered. ';
const parts = ['Huawei opened the day. '];
let n = 23, i = 0;
while (n < ${BIG_TEXT} - 100) { const s = i % 12 === 11 ? news : filler[i % 3]; parts.push(s); n += s.length; i++; }
parts.push('And at the very end, the Ascend 910C.');
document.getElementById('big').append(document.createTextNode(parts.join('')));`,
  );
}

/** Elements and text nodes on the million-node page (half each). */
export const MILLION = 1_000_000;

/** 500,000 spans with a word each (every 100th a company), in boxes rendered only when near; the last word is a mention too. */
export function millionNodesPage(): string {
  return page(
    'A million nodes',
    '<div id="many"></div>',
    `const many = document.getElementById('many');
const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
let box;
for (let i = 0; i < ${MILLION / 2}; i++) {
  if (i % 5000 === 0) { box = document.createElement('section'); box.style.cssText = 'content-visibility:auto;contain-intrinsic-size:auto 800px'; many.append(box); }
  const s = document.createElement('span');
  s.textContent = i === ${MILLION / 2 - 1} ? ' Ascend 910C ' : i % 100 === 99 ? 'Huawei ' : words[i % 5] + ' ';
  box.append(s);
}`,
  );
}

export const TICKER_CELLS = 1200;

/**
 * The article above a 1,200-cell ticker whose text changes every animation frame. Some
 * cells name companies Gloss knows ("Nvidia +1.2%"): text that never settles, until the
 * page calls stopTicker(). window.tickerFrames counts the frames the ticker ran.
 */
export function tickerPage(): string {
  return page(
    'Markets live',
    // Fixed-size, contained cells: the ticker itself is cheap for the page to run.
    '<style>#ticker span{display:inline-block;width:8em;height:1.3em;overflow:hidden;contain:strict;font:11px monospace}</style><div id="ticker"></div>',
    `const ticker = document.getElementById('ticker');
const names = ['NVDA', 'AMD', 'INTC', 'TSM', 'Nvidia', 'ASML', 'Huawei', 'SMIC', 'MU', 'QCOM'];
const cells = [];
for (let i = 0; i < ${TICKER_CELLS}; i++) { const c = document.createElement('span'); c.textContent = names[i % names.length] + ' 0.0%'; ticker.append(c); cells.push(c); }
let frame = 0;
let running = true;
window.tickerFrames = 0;
window.stopTicker = () => { running = false; };
function tick() {
  if (!running) return;
  frame++;
  window.tickerFrames = frame;
  for (let i = 0; i < cells.length; i++) cells[i].firstChild.data = names[i % names.length] + ' ' + (((i * 31 + frame * 17) % 400) / 100 - 2).toFixed(2) + '%';
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);`,
  );
}
