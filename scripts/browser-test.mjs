// Drives GraphiQL at / in headless Chromium (Debian's, through
// playwright-core): every request that leaves the server is refused and
// counted, console errors fail the test, the example query is run and its
// answer checked, and a screenshot is saved.
//
//   node scripts/browser-test.mjs http://127.0.0.1:8080/ tmp/screenshots
import { chromium } from '../web/node_modules/playwright-core/index.mjs';

const [base, outDir = 'tmp/screenshots'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node scripts/browser-test.mjs BASE_URL [SCREENSHOT_DIR]');
  process.exit(2);
}
const origin = new URL(base).origin;
const failures = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    failures.push(`request left the server: ${url}`);
    return route.abort();
  });
  await page.goto(base, { waitUntil: 'networkidle' });
  await page.waitForSelector('.graphiql-container', { timeout: 20000 });
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(
    () => document.querySelector('.graphiql-response')?.textContent.includes('DONOR_PROJECT_PARTNER'),
    null, { timeout: 20000 });
  const answer = await page.textContent('.graphiql-response');
  // The answer panel renders only its visible lines: check those near the top.
  for (const want of ['KRUS', 'Improving Competences Both of Inmates and Prison Staff', 'Lithuania']) {
    if (!answer.includes(want)) failures.push(`the example query's answer lacks ${want}`);
  }
  await page.screenshot({ path: `${outDir}/graphiql.png` });
} catch (err) {
  failures.push(`${err.name}: ${err.message}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('browser-test: FAILED\n' + failures.map((f) => '  ' + f).join('\n'));
  process.exit(1);
}
console.log(`browser-test: GraphiQL ran the example query offline at ${base}; screenshot ${outDir}/graphiql.png`);
