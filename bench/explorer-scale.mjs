// Measures the explorer with a few thousand nodes: a user sets depth 3 and
// limit 4000, searches KRUS and draws its neighbourhood in a generated
// corpus. Prints how long the answer, the drawing and the layout took, and
// how responsive the page stayed: the longest main-thread task (Long Tasks
// API), the worst lateness of a 50 ms timer while the layout ran, and frame
// times while zooming. A measurement, not a test: bench/explorer-scale.sh.
//
//   node bench/explorer-scale.mjs http://127.0.0.1:8080/ [out.png] [depth]
import { chromium } from '../web/test/node_modules/playwright-core/index.mjs';

const [base, shot, depth = '3'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.on('pageerror', (err) => { console.error('page error:', err.message); process.exitCode = 1; });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    window.__lag = 0;
    let last = performance.now();
    setInterval(() => { const now = performance.now(); window.__lag = Math.max(window.__lag, now - last - 50); last = now; }, 50);
  });
  await page.goto(new URL('/explore', base).href, { waitUntil: 'networkidle' });
  await page.selectOption('#depth', depth);
  await page.fill('#limit', '4000');
  await page.fill('#search', 'KRUS');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#search-results li[data-id="org:krus"]');
  const t0 = Date.now();
  await page.evaluate(() => { window.__long.length = 0; window.__lag = 0; });
  await page.click('#search-results li[data-id="org:krus"]');
  await page.waitForFunction(() => window.explorer.lastMerge !== undefined, null, { timeout: 120000 });
  const drawn = Date.now() - t0;
  const mergeMs = await page.evaluate(() => window.explorer.lastMerge);
  const beforeLayout = await page.evaluate(() => ({ long: Math.max(0, ...window.__long), lag: window.__lag }));
  await page.evaluate(() => { window.__long.length = 0; window.__lag = 0; });
  await page.waitForFunction(() => ![...document.querySelectorAll('#status .note')].some((n) => n.textContent.endsWith('…')), null, { timeout: 300000 });
  const laidOut = Date.now() - t0;
  const during = await page.evaluate(() => ({ long: Math.max(0, ...window.__long), lag: window.__lag }));
  const size = await page.evaluate(() => ({ nodes: window.explorer.cy.nodes().length, edges: window.explorer.cy.edges().length }));
  if (shot) await page.screenshot({ path: shot });
  // Zoom with the wheel and time the frames.
  const box = await page.locator('#graph').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 400) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, i < 10 ? -200 : 200); await page.waitForTimeout(50); }
  const frames = await page.evaluate(() => window.__frames.slice(1).sort((a, b) => a - b));
  const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))].toFixed(0);
  console.log(`explorer-scale: ${size.nodes} nodes, ${size.edges} edges drawn ${drawn} ms after the click (answer and drawing; merging them in took ${mergeMs.toFixed(0)} ms; longest main-thread task ${beforeLayout.long.toFixed(0)} ms)`);
  console.log(`explorer-scale: laid out (fCoSE in a worker) ${laidOut} ms after the click; while it ran the longest main-thread task was ${during.long.toFixed(0)} ms and a 50 ms timer was at most ${during.lag.toFixed(0)} ms late`);
  console.log(`explorer-scale: zooming, frame times p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${frames.at(-1).toFixed(0)} ms over ${frames.length} frames`);
} finally {
  await browser.close();
}
