// Drives GraphiQL at / and the explorer at /explore in headless Chromium
// (Debian's, through playwright-core): every request that leaves the server
// is refused and counted, console errors fail the test. In GraphiQL the
// example query is run and its answer checked; in the explorer a user
// searches KRUS, sees it drawn with the Lithuanian and the Czech
// prison-service projects, expands one, reads the side panel, finds a path,
// removes and undoes, filters and exports, and sees writes made beside it
// drawn live. Screenshots are saved.
//
//   node scripts/browser-test.mjs http://127.0.0.1:8080/ tmp/screenshots
import { chromium } from '../web/test/node_modules/playwright-core/index.mjs';

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
// guard fails the test on console errors and on any request that leaves
// the server (workers included: their requests go through the context).
async function guard(page, allowed = origin) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
  page.on('worker', (w) => w.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(`worker console error: ${msg.text()}`);
  }));
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowed + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    failures.push(`request left the server: ${url}`);
    return route.abort();
  });
}

function check(ok, what) {
  if (!ok) failures.push(what);
}

async function explorer(page) {
  await guard(page);
  const nodeIDs = () => page.evaluate(() => window.explorer.cy.nodes().map((n) => n.id()));
  const clickNode = async (id) => {
    const box = await page.locator('#graph').boundingBox();
    const pos = await page.evaluate((id) => window.explorer.cy.getElementById(id).renderedPosition(), id);
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
  };
  const settle = () => page.waitForFunction(() => ![...document.querySelectorAll('#status .note')].some((n) => n.textContent.endsWith('…')), null, { timeout: 20000 });
  await page.goto(new URL('/explore', base).href, { waitUntil: 'networkidle' });

  // Search KRUS and draw it.
  await page.fill('#search', 'KRUS');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#search-results li[data-id="org:krus"]', { timeout: 20000 });
  await page.click('#search-results li[data-id="org:krus"]');
  await page.waitForFunction(() => window.explorer.cy.getElementById('org:krus').nonempty() && window.explorer.cy.nodes().length >= 3, null, { timeout: 20000 });
  await settle();
  const drawn = await page.evaluate(() => window.explorer.cy.nodes().map((n) => ({ id: n.id(), kind: n.data('kind'), label: n.data('label'), country: n.data('props').country })));
  check(drawn.some((n) => n.id === 'project:lt14-0004'), `KRUS is not drawn with the Lithuanian project LT14-0004: ${JSON.stringify(drawn.map((n) => n.id))}`);
  const czech = drawn.find((n) => n.kind === 'PROJECT' && n.country === 'CZ' && /Prison Service/.test(n.label));
  check(czech, `KRUS is not drawn with the Czech prison-service project: ${JSON.stringify(drawn.map((n) => n.label))}`);
  const edgesOfKRUS = await page.evaluate(() => window.explorer.cy.getElementById('org:krus').connectedEdges().map((e) => e.data('label')));
  check(edgesOfKRUS.filter((l) => l === 'donor partner').length >= 2, `KRUS's edges are not labelled donor partner: ${edgesOfKRUS}`);
  await page.waitForSelector('#details h3:has-text("Norwegian Correctional Service")', { timeout: 20000 });

  // Expand the Lithuanian project: new nodes merge in, the side panel shows its facts.
  const before = (await nodeIDs()).length;
  await clickNode('project:lt14-0004');
  await page.waitForFunction((n) => window.explorer.expanded.has('project:lt14-0004') && window.explorer.cy.nodes().length > n, before, { timeout: 20000 });
  await settle();
  const after = await nodeIDs();
  check(new Set(after).size === after.length, 'the drawing has duplicate node ids');
  await page.waitForSelector('#details h3:has-text("Improving Competences Both of Inmates and Prison Staff")', { timeout: 20000 });
  const details = await page.textContent('#details');
  for (const want of ['LT14-0004', 'donor partner', 'Prisoners', 'Norway Grants', '1520', 'penitentiary staff members']) {
    check(details.includes(want), `the side panel of LT14-0004 lacks "${want}"`);
  }
  await page.click('#details details.evidence summary');
  check((await page.textContent('#details details.evidence[open]')).length > 20, 'the first evidence of LT14-0004 is empty');
  await page.waitForSelector('#similar-results li .reasons li', { timeout: 20000 });
  check((await page.textContent('#similar-results')).includes('KRUS'), 'no similar project of LT14-0004 gives KRUS as a reason');
  await page.screenshot({ path: `${outDir}/explorer-details.png` });

  // Path between KRUS and the Lithuanian promoter.
  const promoter = await page.evaluate(() => window.explorer.cy.edges('[kind = "PROMOTER"]').filter((e) => e.source().id() === 'project:lt14-0004').target().id());
  await clickNode('org:krus');
  await page.click('#path-from');
  await clickNode(promoter);
  await page.click('#path-to');
  await page.click('#path-find');
  await page.waitForSelector('#path-results li', { timeout: 20000 });
  check((await page.textContent('#path-results')).includes('KRUS → LT14-0004 → Prison Department'), `the path is wrong: ${await page.textContent('#path-results')}`);
  const onPath = await page.evaluate(() => window.explorer.cy.elements('.path').map((e) => e.id()));
  check(onPath.includes('org:krus') && onPath.includes(promoter) && onPath.includes('project:lt14-0004') && onPath.length === 5, `the path is not highlighted: ${onPath}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${outDir}/explorer.png` });

  // Remove a node and undo (without expanding it on the click).
  await page.uncheck('#expand-on-click');
  const count = (await nodeIDs()).length;
  await clickNode(czech.id);
  await page.click('#remove');
  check((await nodeIDs()).length === count - 1, 'Remove did not remove the selected node');
  await page.click('#undo');
  check((await nodeIDs()).length === count, 'Undo did not bring the node back');

  // Filter by country: the Czech project is hidden, the Lithuanian one stays.
  await page.selectOption('#filter-country', 'LT');
  const hidden = await page.evaluate((id) => [window.explorer.cy.getElementById(id).hasClass('filtered'), window.explorer.cy.getElementById('project:lt14-0004').hasClass('filtered')], czech.id);
  check(hidden[0] && !hidden[1], `the country filter: Czech hidden=${hidden[0]}, Lithuanian hidden=${hidden[1]}`);
  await page.selectOption('#filter-country', '');
  // The filters name what they offer: countries by name with their code,
  // funders by name, never a bare code or id.
  const countryLabels = await page.$$eval('#filter-country option', (os) => os.slice(1).map((o) => o.textContent));
  check(countryLabels.length > 1 && countryLabels.every((l) => /^[^()]{3,} \([A-Z]{2}\)$/.test(l)), `country filter labels: ${countryLabels}`);
  const funderLabels = await page.$$eval('#filter-funder option', (os) => os.slice(1).map((o) => o.textContent));
  check(funderLabels.length > 0 && funderLabels.every((l) => !l.includes('funder:') && !l.includes('(')), `funder filter labels: ${funderLabels}`);

  // A limit that cuts an expansion says so.
  await page.fill('#limit', '2');
  await page.check('#expand-on-click');
  await clickNode('funder:norway-grants');
  await page.waitForSelector('#status .note.warn:has-text("cut at the limit of 2 nodes")', { timeout: 20000 });
  await settle();
  await page.uncheck('#expand-on-click');
  await page.fill('#limit', '300');
  const drawnNow = (await nodeIDs()).length;

  // Exports: PNG and Cytoscape JSON of what is drawn.
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const pngBytes = await (await import('node:fs/promises')).readFile(await png.path());
  check(pngBytes.subarray(1, 4).toString() === 'PNG' && pngBytes.length > 5000, 'the PNG export is not a picture');
  const [js] = await Promise.all([page.waitForEvent('download'), page.click('#export-cytoscape')]);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await js.path(), 'utf8'));
  check(exported.elements.nodes.length === drawnNow && exported.elements.edges.length > 0, `the Cytoscape export has ${exported.elements.nodes.length} nodes, ${drawnNow} are drawn`);
  const [gj] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphology')]);
  const graphology = JSON.parse(await (await import('node:fs/promises')).readFile(await gj.path(), 'utf8'));
  check(graphology.nodes.length === drawnNow && graphology.edges.every((e) => e.source && e.target), 'the graphology export is wrong');

  // Live updates: writes through the API (as another client would make
  // them) show in the drawing without a reload: a new project next to
  // KRUS comes in with its edge to it, a new title relabels it, a delete
  // takes it away.
  if (process.env.WRITE_KEY) {
    const write = async (query, variables) => {
      const res = await fetch(new URL('/graphql', base), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.WRITE_KEY}` }, body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (body.errors) throw new Error(`write: ${JSON.stringify(body.errors)}`);
    };
    const sheet = (title) => `${title}\n\nProject facts\n\nProject promoter:\nPrison Department under the Ministry of Justice of the Republic of Lithuania\nProject Number:\nLT14-0999\nDonor Project Partners:\nKRUS\nThe project is carried out in:\nLithuania\n`;
    const ingest = 'mutation($name: String!, $text: String!) { ingestDocument(name: $name, text: $text) { changedIds } }';
    const pageLoads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await write(ingest, { name: 'live.txt', text: sheet('Live Drawing of Prison Exchanges') });
    await page.waitForFunction(() => window.explorer.cy.getElementById('project:lt14-0999').nonempty(), null, { timeout: 10000 })
      .catch(() => failures.push('a project added through the API next to KRUS was not drawn'));
    const edge = await page.evaluate(() => window.explorer.cy.getElementById('project:lt14-0999').connectedEdges().map((e) => `${e.data('label')} ${e.target().id()}`));
    check(edge.includes('donor partner org:krus'), `the new project's edge to KRUS is not drawn: ${edge}`);
    await write(ingest, { name: 'live.txt', text: sheet('Live Redrawing of Prison Exchanges') });
    await page.waitForFunction(() => window.explorer.cy.getElementById('project:lt14-0999').data('props')?.title?.includes('Redrawing'), null, { timeout: 10000 })
      .catch(() => failures.push('a project renamed through the API kept its old title'));
    await write('mutation { deleteDocument(id: "doc:live-txt") { removedIds } }', {});
    await page.waitForFunction(() => window.explorer.cy.getElementById('project:lt14-0999').empty() && window.explorer.changes.length >= 3, null, { timeout: 10000 })
      .catch(() => failures.push('a project deleted through the API stayed drawn'));
    check(await page.evaluate(() => performance.getEntriesByType('navigation').length) === pageLoads && (await page.evaluate(() => window.explorer.changes.length)) >= 3,
      'the drawing followed the writes by reloading, or saw fewer than three changes');
    await page.screenshot({ path: `${outDir}/explorer-live.png` });
  } else {
    failures.push('WRITE_KEY is not set: the live updates were not tried');
  }
  await page.close();
}

// workbench: the time slider fades what was not active without moving
// anything, the side panel's metrics follow it, Play steps through the
// periods, the server's GEXF, GraphML and CSV exports hold the network the
// API gives (read back with NetworkX), a copied link draws the same view in
// a new page, and two organisations are compared.
async function workbench(page) {
  await guard(page);
  const fs = await import('node:fs/promises');
  const settle = () => page.waitForFunction(() => ![...document.querySelectorAll('#status .note')].some((n) => n.textContent.endsWith('…')), null, { timeout: 20000 });
  const gql = async (query, variables) => {
    const res = await fetch(new URL('/graphql', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(`query: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  await page.goto(new URL('/explore', base).href, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => [...document.querySelectorAll('#time-period option')].some((o) => o.value === '2009-2014'), null, { timeout: 20000 });
  await page.selectOption('#depth', '2');
  await page.fill('#search', 'KRUS');
  await page.press('#search', 'Enter');
  await page.click('#search-results li[data-id="org:krus"]');
  await page.waitForFunction(() => window.explorer.cy.getElementById('org:dncs').nonempty() && window.explorer.cy.getElementById('project:lt14-0004').nonempty(), null, { timeout: 20000 });
  await settle();
  await page.waitForTimeout(800); // the layout's animation
  const positions = () => page.evaluate(() => Object.fromEntries(window.explorer.cy.nodes().map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]])));
  const activeProjects = () => page.evaluate(() => window.explorer.cy.nodes('[kind = "PROJECT"]').not('.inactive').map((n) => n.id()).sort());
  const drawnProjects = await page.evaluate(() => window.explorer.cy.nodes('[kind = "PROJECT"]').map((n) => n.id()));
  const before = await positions();
  // What the API says was active, for the drawn projects.
  const apiActive = async (period) => {
    const { projects } = await gql('query($p: PeriodInput) { projects(filter: { period: $p }, first: 100) { nodes { id } } }', { p: period });
    return projects.nodes.map((n) => n.id).filter((id) => drawnProjects.includes(id)).sort();
  };
  for (const period of ['2009-2014', '2014-2021']) {
    await page.selectOption('#time-period', period);
    const got = await activeProjects();
    const want = await apiActive({ from: period, to: period });
    check(JSON.stringify(got) === JSON.stringify(want) && want.length > 0, `in ${period} the drawing shows the projects ${got}, the API says ${want}`);
    await page.waitForTimeout(500); // the fade
    await page.screenshot({ path: `${outDir}/explorer-time-${period}.png` });
  }
  check(await page.evaluate(() => window.explorer.cy.getElementById('project:lt14-0004').hasClass('inactive')), 'LT14-0004 (2009-2014) is not faded in 2014-2021');
  // The year slider, moved with the keyboard as a user would: to 2009-2013.
  await page.selectOption('#time-period', '');
  await page.$eval('#time-from', (el) => { el.value = '2009'; el.dispatchEvent(new Event('input')); });
  await page.$eval('#time-to', (el) => { el.value = '2014'; el.dispatchEvent(new Event('input')); });
  await page.focus('#time-to');
  await page.keyboard.press('ArrowLeft');
  check(await page.textContent('#time-label') === '2009 to 2013', `the slider's label says ${await page.textContent('#time-label')}`);
  const sliderGot = await activeProjects();
  const sliderWant = await apiActive({ from: '2009', to: '2013' });
  check(JSON.stringify(sliderGot) === JSON.stringify(sliderWant), `from 2009 to 2013 the drawing shows ${sliderGot}, the API says ${sliderWant}`);
  const after = await positions();
  check(JSON.stringify(after) === JSON.stringify(before), 'moving the time range moved nodes: the layout should stay');
  // The side panel's metrics follow the range.
  await page.selectOption('#time-period', '2014-2021');
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('org:krus').select(); cy.getElementById('org:krus').emit('tap'); });
  await page.waitForSelector('#metrics-in-period', { timeout: 10000 });
  const inRange = await page.textContent('#details');
  const { organisation } = await gql('{ organisation(id: "org:krus") { metrics(period: {from: "2014-2021", to: "2014-2021"}) { projects degree } } }');
  check(inRange.includes('In 2014-2021') && inRange.includes(`${organisation.metrics.degree} collaborators`), `the side panel's metrics for 2014-2021: ${inRange.slice(0, 400)}`);
  // Play steps to the next period.
  await page.selectOption('#time-period', '2009-2014');
  await page.click('#time-play');
  await page.waitForFunction(() => document.querySelector('#time-label').textContent !== '2009-2014', null, { timeout: 5000 })
    .catch(() => failures.push('Play did not move on from 2009-2014'));
  await page.click('#time-play').catch(() => {});
  await page.selectOption('#time-period', '2009-2014');

  // Exports from the server: the network the API gives for the same
  // arguments, read back with NetworkX.
  const [gexf] = await Promise.all([page.waitForEvent('download'), page.click('#export-gexf')]);
  const url = new URL(await page.evaluate(() => window.explorer.lastExport), base);
  const q = url.searchParams;
  const period = q.get('period');
  const { network } = await gql('query($s: [ID!]!, $d: Int, $l: Int, $p: PeriodInput) { network(seeds: $s, depth: $d, limit: $l, period: $p) { nodes { id } edges { id } } }',
    { s: q.get('seeds').split(','), d: Number(q.get('depth')), l: Number(q.get('limit')), p: period ? { from: period, to: period } : null });
  check(period === '2009-2014', `the export's period is ${period}`);
  const py = process.env.PARTNERGRAPH_PYTHON || 'python3';
  const { spawnSync } = await import('node:child_process');
  const read = (kind, path) => {
    const code = `import networkx as nx, sys\ng = nx.read_${kind}(sys.argv[1])\nprint(g.number_of_nodes(), g.number_of_edges())`;
    const r = spawnSync(py, ['-c', code, path], { encoding: 'utf8' });
    if (r.status !== 0) failures.push(`NetworkX could not read the ${kind} export: ${r.stderr}`);
    return r.stdout.trim();
  };
  const counts = `${network.nodes.length} ${network.edges.length}`;
  check(read('gexf', await gexf.path()) === counts && network.edges.length > 0, `NetworkX reads the GEXF export as ${read('gexf', await gexf.path())} nodes and edges, the API gives ${counts}`);
  const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphml')]);
  check(read('graphml', await graphml.path()) === counts, `NetworkX reads the GraphML export as ${read('graphml', await graphml.path())}, the API gives ${counts}`);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const zip = await fs.readFile(await csv.path());
  check(zip.subarray(0, 2).toString() === 'PK' && zip.includes('nodes.csv') && zip.includes('edges.csv'), 'the CSV export is not a zip of nodes.csv and edges.csv');

  // A shared link draws the same view: pin one node, remove another, colour
  // by community, select KRUS, copy the link and open it in a new page.
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('org:dncs').select(); });
  await page.click('#pin');
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('country:NO').select(); });
  await page.click('#remove');
  await page.check('input[name=colour][value=community]');
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('org:krus').select(); cy.getElementById('org:krus').emit('tap'); });
  await settle();
  await page.click('#copy-link');
  const link = await page.evaluate(() => window.explorer.copiedLink);
  check(link && link.includes('#') && link.includes('x=') && link.includes('from=2009-2014'), `the copied link: ${link}`);
  const view = (p) => p.evaluate(() => ({
    nodes: window.explorer.cy.nodes().map((n) => n.id()).sort(),
    edges: window.explorer.cy.edges().map((e) => e.id()).sort(),
    inactive: window.explorer.time().inactive.sort(),
    pinned: window.explorer.cy.nodes('.pinned').map((n) => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))]),
    selected: window.explorer.cy.nodes(':selected').map((n) => n.id()),
    colour: document.querySelector('input[name=colour]:checked').value,
    range: document.querySelector('#time-label').textContent,
  }));
  const original = await view(page);
  check(!original.nodes.includes('country:NO'), 'the removed node is still drawn');
  const shared = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await guard(shared);
  await shared.goto(link, { waitUntil: 'networkidle' });
  await shared.waitForFunction(() => window.explorer.restored === true, null, { timeout: 30000 });
  const redrawn = await view(shared);
  check(JSON.stringify(redrawn) === JSON.stringify(original), `the link drew another view:\n  ${JSON.stringify(redrawn)}\nwant\n  ${JSON.stringify(original)}`);
  await shared.screenshot({ path: `${outDir}/explorer-shared-link.png` });
  await shared.close();

  // Compare KRUS with DNCS, another donor partner.
  await page.selectOption('#time-period', '');
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('org:krus').select(); });
  await page.click('#compare-a');
  await page.evaluate(() => { const cy = window.explorer.cy; cy.nodes().unselect(); cy.getElementById('org:dncs').select(); });
  await page.click('#compare-b');
  await page.click('#compare-run');
  await page.waitForSelector('#compare-periods', { timeout: 10000 });
  const compared = await page.textContent('#compare-results');
  const { compare } = await gql('{ compare(a: "org:krus", b: "org:dncs") { sharedPartners { id } periods { period } } }');
  check(compared.includes(`${compare.sharedPartners.length} shared partner`) && compare.periods.every((p) => compared.includes(p.period)) && compare.sharedPartners.length > 0,
    `the comparison of KRUS and DNCS: ${compared.slice(0, 300)}`);
  await page.screenshot({ path: `${outDir}/explorer-compare.png` });
  await page.close();
}

// keyed: on a server whose reads need a key, the explorer says so, and
// works once the key is entered.
async function keyed(keyBase, key) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(new URL('/explore', keyBase).href, { waitUntil: 'networkidle' });
  await page.fill('#search', 'KRUS');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#status .note.error:has-text("needs an API key")', { timeout: 20000 });
  await page.fill('#api-key', key);
  await page.press('#api-key', 'Enter');
  await page.dispatchEvent('#api-key', 'change');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#search-results li[data-id="org:krus"]', { timeout: 20000 });
  // The one refused request is logged by the browser as a failed load.
  check(errors.every((e) => e.includes('401')), `console errors with a key: ${errors}`);
  await page.close();
}

// sources: on a server with the sample exports imported, KRUS is drawn
// with the projects of every source, and the source filter keeps those one
// source gives.
async function sources(sourcesBase) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await guard(page, new URL(sourcesBase).origin);
  await page.goto(new URL('/explore', sourcesBase).href, { waitUntil: 'networkidle' });
  await page.fill('#search', 'KRUS');
  await page.press('#search', 'Enter');
  await page.waitForSelector('#search-results li[data-id="org:krus"]', { timeout: 20000 });
  await page.click('#search-results li[data-id="org:krus"]');
  const erasmus = 'project:2021-1-no01-ka220-adu-000033421';
  await page.waitForFunction((id) => window.explorer.cy.getElementById(id).nonempty() && window.explorer.cy.getElementById('project:lt14-0004').nonempty(), erasmus, { timeout: 20000 });
  const labels = await page.$$eval('#filter-source option', (os) => os.slice(1).map((o) => o.textContent));
  check(labels.includes('Erasmus+ project lists') && labels.includes('Project pages') && labels.every((l) => !l.includes('(')), `source filter labels: ${labels}`);
  await page.selectOption('#filter-source', 'ERASMUS_PLUS');
  const hidden = await page.evaluate((id) => [window.explorer.cy.getElementById(id).hasClass('filtered'), window.explorer.cy.getElementById('project:lt14-0004').hasClass('filtered'), window.explorer.cy.getElementById('org:krus').hasClass('filtered')], erasmus);
  check(!hidden[0] && hidden[1] && !hidden[2], `the source filter (Erasmus+): Erasmus+ project hidden=${hidden[0]}, LT14-0004 hidden=${hidden[1]}, KRUS hidden=${hidden[2]}`);
  // The side panel of LT14-0004 says where it is known from, and a row's
  // evidence its row and column.
  await page.selectOption('#filter-source', '');
  await page.uncheck('#expand-on-click');
  await page.waitForFunction(() => ![...document.querySelectorAll('#status .note')].some((n) => n.textContent.endsWith('…')), null, { timeout: 20000 });
  // The layout may still move the nodes: click where the node is now, again
  // until its panel shows.
  const box = await page.locator('#graph').boundingBox();
  for (let attempt = 0; attempt < 10; attempt++) {
    const pos = await page.evaluate(() => window.explorer.cy.getElementById('project:lt14-0004').renderedPosition());
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    if (await page.waitForSelector('#details dt:has-text("Known from")', { timeout: 2000 }).then(() => true, () => false)) break;
  }
  await page.waitForSelector('#details dt:has-text("Known from")', { timeout: 5000 });
  const details = await page.textContent('#details');
  for (const want of ['EEA and Norway Grants exports', 'eea-organisations.xlsx: LT14-0004', 'Project pages', 'row 2, column Name']) {
    check(details.includes(want), `the side panel of LT14-0004 lacks "${want}"`);
  }
  await page.screenshot({ path: `${outDir}/explorer-sources.png` });
  await page.close();
}

try {
  if (process.env.KEY_URL) await keyed(process.env.KEY_URL, process.env.KEY);
  if (process.env.SOURCES_URL) await sources(process.env.SOURCES_URL);
  else failures.push('SOURCES_URL is not set: the source filter was not tried');
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await guard(page);
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
  // The Docs pane shows the schema (it needs the standard introspection
  // query to pass the server's limits) and the editor offers fields.
  await page.click('[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 20000 });
  await page.waitForFunction(() => {
    const t = document.querySelector('.graphiql-doc-explorer')?.textContent || '';
    return t.includes('Query') && !t.includes('Error fetching schema');
  }, null, { timeout: 20000 }).catch(() => {});
  const docs = await page.textContent('.graphiql-doc-explorer');
  check(docs.includes('Query') && !docs.includes('Error fetching schema'), `the Docs pane does not show the schema: ${docs.slice(0, 200)}`);
  await page.click('.graphiql-doc-explorer a:has-text("Query")').catch(() => failures.push('the Docs pane has no link to Query'));
  await page.waitForFunction(() => (document.querySelector('.graphiql-doc-explorer')?.textContent || '').includes('similarProjects'), null, { timeout: 20000 })
    .catch(() => failures.push('the Docs pane does not list the fields of Query'));
  await page.screenshot({ path: `${outDir}/graphiql-docs.png` });
  await page.click('.graphiql-query-editor .CodeMirror');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('{ simil');
  await page.waitForSelector('.CodeMirror-hints li:has-text("similarProjects")', { timeout: 10000 })
    .catch(() => failures.push('the editor does not offer similarProjects after "{ simil"'));
  await explorer(await browser.newPage({ viewport: { width: 1500, height: 900 }, acceptDownloads: true }));
  await workbench(await browser.newPage({ viewport: { width: 1500, height: 900 }, acceptDownloads: true }));
} catch (err) {
  failures.push(`${err.name}: ${err.message}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('browser-test: FAILED\n' + failures.map((f) => '  ' + f).join('\n'));
  process.exit(1);
}
console.log(`browser-test: GraphiQL ran the example query and the explorer drew, expanded, found a path, exported and followed writes live, the time slider faded what was not active, NetworkX read the exports, a shared link drew the same view and two organisations were compared, offline at ${base}; screenshots in ${outDir}/`);
