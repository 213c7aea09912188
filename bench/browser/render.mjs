// browser-render: signs in, then opens the reader of one article several times in Chromium and reports, for each
// load, the time from navigation start to the 'workbench:highlights-drawn' mark of the full set of highlights, and to
// the end of the page's last long task. Each measured load opens the article from the article list, as an analyst
// does; a few reloads of the article from itself are reported beside them (`reloads`). Each load starts once the
// previous page is idle.
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
  const busy = [];
  const reloads = [];
  let highlights = -1;
  let timeline = null;

  // When the page has finished the work it queued (after drawing: the rest of the claim list, the long text's layout
  // and paint): two frames, then an idle moment. Headless Chromium makes frames only when asked; without them the
  // style and layout left dirty would run when the next navigation starts, inside its measurement.
  const settle = () => page.evaluate(() => new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(
    () => requestIdleCallback(() => settled(performance.now()), { timeout: 5000 })))));

  // Opens the article and returns when its highlights were drawn. Nothing runs in the page until a second has
  // passed: Playwright's waiting functions inject their script into each new document, 20 ms of the renderer's main
  // thread inside the load (seen in a trace). Slower loads are then checked every 200 ms.
  async function open() {
    await page.goto(`${base}/articles/${articleId}`, { waitUntil: 'commit' });
    await new Promise((r) => setTimeout(r, 1000));
    for (let waited = 1000; waited < 60000; waited += 200) {
      const drawn = await page.evaluate(() => {
        const done = performance.getEntriesByName('workbench:highlights-drawn').find((m) => m.detail && m.detail.count >= 2000);
        return done ? { at: done.startTime, count: done.detail.count } : null;
      });
      if (drawn) return drawn;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the highlights were not drawn within a minute');
  }

  // When the page's last task of 50 ms or more ended (the work queued after drawing: the rest of the claim list, the
  // long text's layout and paint), read after the fact from the long tasks the page recorded.
  const lastLongTaskEnd = () => page.evaluate(() => new Promise((found) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      found(Math.max(...list.getEntries().map((e) => e.startTime + e.duration)));
    }).observe({ type: 'longtask', buffered: true });
    setTimeout(() => found(0), 200);
  }));

  // One warm-up load (first compile of the page's scripts), then the measured ones. Each starts from the article
  // list, settled: the page a reader leaves is torn down inside the next navigation (from another copy of this
  // article, 51 ms of the renderer's main thread in a trace).
  for (let i = 0; i <= loads; i++) {
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Articles', exact: true }).waitFor({ timeout: 30000 });
    await settle();
    const { at, count } = await open();
    highlights = count;
    const busyUntil = Math.max(at, await lastLongTaskEnd());
    await settle();
    if (i > 0) {
      samples.push(Math.round(at * 10) / 10);
      busy.push(Math.round(busyUntil * 10) / 10);
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
  // The article reloaded from itself: the previous copy's teardown is inside each of these.
  for (let i = 0; i < Math.ceil(loads / 2); i++) {
    const { at } = await open();
    reloads.push(Math.round(at * 10) / 10);
    await settle();
  }
  await page.screenshot({ path: out.replace(/\.json$/, '.png') });
  writeFileSync(out, JSON.stringify({ samples, busy, reloads, highlights, timeline }) + '\n');
  console.log(JSON.stringify({ samples, busy, reloads, highlights, timeline }, null, 1));
} finally {
  await browser.close();
}
