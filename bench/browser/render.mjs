// browser-render: signs in, then loads the reader of one article several times in Chromium and reports, for each
// load, the time from navigation start to the 'workbench:highlights-drawn' mark of the full set of highlights, and to
// the moment the page is idle after it. Each load starts once the previous one's page is idle.
// Usage: node render.mjs <base-url> <article-id> <username> <password> <loads> <out.json>
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [base, articleId, username, password, loadsArg, out] = process.argv.slice(2);
const loads = Number(loadsArg);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /sign out/i }).waitFor({ timeout: 30000 });
  const samples = [];
  const idle = [];
  let highlights = -1;
  let timeline = null;
  // one warm-up load (first compile of the page's scripts), then the measured ones
  for (let i = 0; i <= loads; i++) {
    // Each load starts from a page settled as below (idleAt), as a reader's does: the work the previous load still
    // had queued would otherwise delay this navigation's commit and be charged to it.
    await page.goto(`${base}/articles/${articleId}`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => {
      const done = performance.getEntriesByName('workbench:highlights-drawn')
        .find((m) => m.detail && m.detail.count >= 2000);
      return done ? { at: done.startTime, count: done.detail.count } : null;
    }, null, { timeout: 60000, polling: 20 });
    const { at, count } = await handle.jsonValue();
    highlights = count;
    // When the page has finished the work it queued after drawing (the rest of the claim list, the long text's layout
    // and paint): two frames, then an idle moment. Headless Chromium makes frames only when asked; without them the
    // style and layout left dirty here would run when the next navigation starts, inside its measurement.
    const idleAt = await page.evaluate(() => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(
      () => requestIdleCallback(() => settled(performance.now()), { timeout: 5000 })))));
    if (i > 0) {
      samples.push(Math.round(at * 10) / 10);
      idle.push(Math.round(idleAt * 10) / 10);
    }
    if (i === loads) {
      // where the time went in the last load: each request's start and end, and the DOM's milestones
      timeline = await page.evaluate(() => {
        const r = (x) => Math.round(x);
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          navigation: {
            redirectEnd: r(nav.redirectEnd), unloadEnd: r(nav.unloadEventEnd), fetchStart: r(nav.fetchStart),
            requestStart: r(nav.requestStart), responseStart: r(nav.responseStart), responseEnd: r(nav.responseEnd),
            domInteractive: r(nav.domInteractive),
          },
          domContentLoaded: r(nav.domContentLoadedEventEnd),
          requests: performance.getEntriesByType('resource').map((e) => ({
            url: e.name.replace(location.origin, ''), start: r(e.startTime), end: r(e.responseEnd), bytes: e.encodedBodySize,
          })),
        };
      });
    }
  }
  await page.screenshot({ path: out.replace(/\.json$/, '.png') });
  writeFileSync(out, JSON.stringify({ samples, idle, highlights, timeline }) + '\n');
  console.log(JSON.stringify({ samples, idle, highlights, timeline }, null, 1));
} finally {
  await browser.close();
}
