// The Partnergraph explorer: draws the partnership graph from the public
// GraphQL API, like any outside client. Cytoscape.js draws (canvas, so it
// runs anywhere, headless browsers included); the fCoSE force layout runs
// in a worker (layout-worker.js), so large drawings do not freeze the page.

const $ = (sel) => document.querySelector(sel);
const cytoscape = window.cytoscape;

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.code = errors[0]?.extensions?.code || 'ERROR';
  }
}

// apiKey is sent when the user gave one: a server started with
// -reads-need-key refuses reads without it. It stays in this tab only.
function apiKey() {
  return sessionStorage.getItem('partnergraph-key') || '';
}

async function api(query, variables = {}) {
  let res;
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (apiKey()) headers.Authorization = `Bearer ${apiKey()}`;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new ApiError([{ message: `the server cannot be reached (${err.message})`, extensions: { code: 'EUNAVAILABLE' } }]);
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError([{ message: `the server answered ${res.status} without JSON`, extensions: { code: 'EINTERNAL' } }]);
  }
  if (body.errors?.length) {
    if (res.status === 401) {
      body.errors[0].message += apiKey() ? ' (check the key in the toolbar)' : ' (this server needs an API key: enter it in the toolbar)';
    }
    throw new ApiError(body.errors);
  }
  return body.data;
}

// Lean fields: the API counts every field of every list item against its
// complexity limit (50,000 by default), so a 4,000-node expansion fits.
// Communities are asked for only when the drawing is coloured by them.
const NODE_FIELDS = `id kind label properties`;
const MAX_LIMIT = 4000;
const EDGE_FIELDS = `id source target kind properties`;

const Q = {
  search: `query ExplorerSearch($q: String!) {
    search(query: $q, first: 12) { kind label snippet node { id } }
  }`,
  network: `query ExplorerNetwork($seeds: [ID!]!, $depth: Int, $limit: Int, $edgeKinds: [EdgeKind!]) {
    network(seeds: $seeds, depth: $depth, limit: $limit, edgeKinds: $edgeKinds) {
      truncated nodes { ${NODE_FIELDS} } edges { ${EDGE_FIELDS} }
    }
  }`,
  paths: `query ExplorerPaths($from: ID!, $to: ID!, $period: PeriodInput) {
    paths(from: $from, to: $to, first: 5, maxHops: 8, period: $period) { length nodes { ${NODE_FIELDS} } edges { ${EDGE_FIELDS} } }
  }`,
  similar: `query ExplorerSimilar($id: ID!) {
    similarProjects(project: $id, first: 5) { score project { id code title } reasons { explanation } }
  }`,
  project: `query ExplorerProject($id: ID!) {
    project(id: $id) {
      id code title kind status location startDate endDate durationMonths places
      country { id name }
      partners(roles: [PROMOTER, DONOR_PROJECT_PARTNER, PROJECT_PARTNER, MENTIONED]) {
        role organisation { id name acronym country { code } } evidence { section text row document { name } }
      }
      targetGroups { id name }
      programmes { name activity programme { id } evidence { section text document { name } } }
      funding { initialCost finalCost grant currency funder { id name } }
      outcomes { value unit text planned evidence { section text document { name } } }
      timeline { date text evidence { section document { name } } }
      source { id name }
      sources { source document { id name } }
      disagreements { field value shown source document { name } }
    }
  }`,
  organisation: `query ExplorerOrganisation($id: ID!, $period: PeriodInput, $inPeriod: Boolean!) {
    organisation(id: $id) {
      id name acronym aliases sources country { id name }
      metrics { projects degree partnerCountries betweenness community bridging }
      inPeriod: metrics(period: $period) @include(if: $inPeriod) {
        from to projects degree partnerCountries betweenness community bridging
        previous { from to projects degree betweenness bridging } degreeChange betweennessChange bridgingChange
      }
      projects(first: 50) { totalCount nodes { id code title } }
    }
  }`,
  periods: `query ExplorerPeriods { aggregate(groupBy: PERIOD) { key projects } }`,
  compare: `query ExplorerCompare($a: ID!, $b: ID!, $period: PeriodInput) {
    compare(a: $a, b: $b, period: $period) {
      a { id name acronym } b { id name acronym }
      sharedPartners { id name acronym } sharedProjects { id code title }
      paths { length nodes { ${NODE_FIELDS} } edges { ${EDGE_FIELDS} } }
      periods { period aPartners { id name acronym } bPartners { id name acronym } sharedPartners { id } }
    }
  }`,
  communities: `query ExplorerCommunities($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Organisation { id metrics { community } } }
  }`,
  node: `query ExplorerNode($id: ID!) {
    node(id: $id) {
      id
      ... on TargetGroup { name }
      ... on Programme { name kind }
      ... on Country { name code }
      ... on Funder { name }
      ... on Document { name layout warnings }
    }
  }`,
};

// ---------------------------------------------------------------- look

const KINDS = {
  PROJECT: { colour: '#2f6fdb', name: 'Project', shape: 'round-rectangle' },
  ORGANISATION: { colour: '#e0762b', name: 'Organisation', shape: 'ellipse' },
  COUNTRY: { colour: '#3a9b5c', name: 'Country', shape: 'diamond' },
  FUNDER: { colour: '#8c4fc4', name: 'Funder', shape: 'hexagon' },
  TARGET_GROUP: { colour: '#c4476e', name: 'Target group', shape: 'triangle' },
  PROGRAMME: { colour: '#1f9aa6', name: 'Programme', shape: 'tag' },
  DOCUMENT: { colour: '#7a7f88', name: 'Document', shape: 'rectangle' },
};
const EDGES = {
  PROMOTER: { colour: '#c2410c', name: 'promoter' },
  PARTNER: { colour: '#e89c57', name: 'partner' },
  TARGETS: { colour: '#d98aa4', name: 'targets' },
  USES_PROGRAMME: { colour: '#6cc0c8', name: 'programme' },
  LOCATED_IN: { colour: '#86c49b', name: 'located in' },
  BASED_IN: { colour: '#b5d9c0', name: 'based in' },
  FUNDED_BY: { colour: '#b79ad9', name: 'funded by' },
  FROM_DOCUMENT: { colour: '#b9bcc2', name: 'from document' },
};
const ROLE_LABEL = {
  PROMOTER: 'promoter', DONOR_PROJECT_PARTNER: 'donor partner', PROJECT_PARTNER: 'partner', MENTIONED: 'mentioned',
};
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#800000', '#808000', '#000075'];

function edgeLabel(kind, props) {
  if (kind === 'PARTNER' && props?.role) return ROLE_LABEL[props.role] || props.role.toLowerCase();
  if (kind === 'USES_PROGRAMME' && props?.activity) return props.activity.toLowerCase();
  return EDGES[kind]?.name || kind.toLowerCase();
}

const style = [
  { selector: 'node', style: {
    'background-color': 'data(colour)', shape: 'data(shape)', width: 'data(size)', height: 'data(size)',
    label: 'data(short)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
    'text-max-width': 140, color: '#1d2330', 'text-outline-color': '#fff', 'text-outline-width': 2,
    'min-zoomed-font-size': 7,
  } },
  { selector: 'edge', style: {
    width: 1.5, 'line-color': 'data(colour)', 'curve-style': 'haystack', 'haystack-radius': 0,
    label: 'data(label)', 'font-size': 8, color: '#556', 'text-rotation': 'autorotate',
    'text-outline-color': '#fff', 'text-outline-width': 2, 'min-zoomed-font-size': 9,
  } },
  { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#1d2b45', 'border-style': 'double' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb000', 'overlay-opacity': 0 } },
  { selector: '.filtered', style: { display: 'none' } },
  { selector: 'node.pending', style: { display: 'none' } },
  { selector: '.faded', style: { opacity: 0.18 } },
  // Out of the time range: faded, not removed, so the layout stays.
  { selector: '.inactive', style: { opacity: 0.07, 'text-opacity': 0, 'transition-property': 'opacity, text-opacity', 'transition-duration': '0.35s' } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#ff7a00', opacity: 1 } },
  { selector: 'edge.path', style: { width: 5, 'line-color': '#ff7a00', opacity: 1, 'z-index': 10 } },
  { selector: 'node.end', style: { 'border-width': 4, 'border-color': '#1d2b45' } },
];

// ---------------------------------------------------------------- state

// ?renderer=webgl tries Cytoscape's WebGL renderer (3.31+), which may draw
// very large graphs faster on a machine with a GPU; on CPU-only machines it
// was much slower than the canvas renderer (bench/explorer-scale.sh).
const webgl = new URLSearchParams(location.search).get('renderer') === 'webgl';
const cy = cytoscape({
  container: $('#graph'),
  style,
  webgl,
  minZoom: 0.05,
  maxZoom: 4,
  hideEdgesOnViewport: false,
  textureOnViewport: true,
  pixelRatio: 1,
  boxSelectionEnabled: true,
});
const expanded = new Set();
const expansionDepth = new Map(); // the depth each node was expanded at, for a shared link
const removedByHand = new Set(); // nodes the user removed, for a shared link
const drawnPaths = []; // [from, to] of the paths drawn, for a shared link
const undoStack = [];
let colourMode = 'kind';
let pathFrom = null;
let pathTo = null;
let selectedID = null;

// The page is a client of the API like any other; tests read this too.
window.explorer = { cy, expanded, webgl, changes: [] };

// ---------------------------------------------------------------- status

function note(text, kind = 'info', ttl = 6000) {
  const el = document.createElement('div');
  el.className = `note ${kind}`;
  el.textContent = text;
  const box = $('#status');
  box.append(el);
  while (box.children.length > 3) box.firstChild.remove();
  if (ttl) setTimeout(() => el.remove(), ttl);
  return el;
}

function fail(err, what) {
  const code = err.code ? ` (${err.code})` : '';
  note(`${what}: ${err.message}${code}`, 'error', 12000);
}

// ---------------------------------------------------------------- drawing

function nodeData(n) {
  const k = KINDS[n.kind] || KINDS.DOCUMENT;
  return {
    id: n.id, kind: n.kind, label: n.label, short: n.label.length > 40 ? n.label.slice(0, 38) + '…' : n.label,
    props: n.properties || {}, community: null, shape: k.shape, colour: colourOf(n.kind, null), size: 18,
  };
}

function colourOf(kind, community) {
  if (colourMode === 'community') {
    return community == null ? '#c9ced6' : PALETTE[community % PALETTE.length];
  }
  return (KINDS[kind] || KINDS.DOCUMENT).colour;
}

function edgeData(e) {
  return { id: e.id, source: e.source, target: e.target, kind: e.kind, props: e.properties || {},
    label: edgeLabel(e.kind, e.properties), colour: EDGES[e.kind]?.colour || '#aaa' };
}

// sizeFor is a node's size for its degree, on a log scale and capped: a
// funder with thousands of projects must not cover the drawing.
function sizeFor(degree) {
  return Math.round(Math.min(64, 14 + 7 * Math.log2(1 + degree)));
}

function resize() {
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const size = sizeFor(n.degree(false));
      if (n.data('size') !== size) n.data('size', size);
    });
  });
  edgeLabels();
}

// merge adds what the subgraph has that the drawing lacks (same ids, no
// duplicates), new nodes next to a neighbour already drawn; it returns the
// added elements, recorded for undo.
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

// Merges run one after another: a merge yields between slices, and another
// must not add an id it has already planned to add.
let mergeChain = Promise.resolve();
function merge(sub, around) {
  const run = mergeChain.then(() => mergeNow(sub, around));
  mergeChain = run.catch(() => {});
  return run;
}

async function mergeNow(sub, around) {
  const t0 = performance.now();
  const origin = around && cy.getElementById(around).nonempty() ? cy.getElementById(around).position() : null;
  const base = origin || { x: 0, y: 0 };
  const have = new Set();
  const fresh = [];
  for (const n of sub.nodes) {
    if (!have.has(n.id) && cy.getElementById(n.id).empty()) fresh.push(n);
    have.add(n.id);
  }
  const r = 60 + 4 * Math.sqrt(fresh.length);
  const elements = fresh.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
    return { group: 'nodes', data: nodeData(n), position: { x: base.x + r * Math.cos(angle), y: base.y + r * Math.sin(angle) } };
  });
  const seenEdges = new Set();
  for (const e of sub.edges) {
    if (seenEdges.has(e.id) || cy.getElementById(e.id).nonempty()) continue;
    seenEdges.add(e.id);
    const ends = (id) => have.has(id) || cy.getElementById(id).nonempty();
    if (ends(e.source) && ends(e.target)) elements.push({ group: 'edges', data: edgeData(e) });
  }
  // Sizes and the edge-label switch are settled before the elements are
  // added: changing them afterwards restyles every element.
  const newEdges = elements.filter((el) => el.group === 'edges');
  const deg = new Map();
  for (const el of newEdges) {
    deg.set(el.data.source, (deg.get(el.data.source) || 0) + 1);
    deg.set(el.data.target, (deg.get(el.data.target) || 0) + 1);
  }
  for (const el of elements) {
    if (el.group === 'nodes') el.data.size = sizeFor(deg.get(el.data.id) || 0);
  }
  edgeLabels(cy.edges().length + newEdges.length);
  // Many new nodes are not drawn piled up where they start: they appear
  // once the layout has placed them. They are added a slice at a time,
  // yielding to the browser between slices, so the page keeps answering.
  const big = fresh.length > 300;
  if (big) elements.forEach((el) => { if (el.group === 'nodes') el.classes = 'pending'; });
  const parts = [];
  const slice = big ? 600 : elements.length;
  for (let i = 0; i < elements.length; i += slice) {
    cy.batch(() => { parts.push(...cy.add(elements.slice(i, i + slice)).toArray()); });
    if (big) await nextFrame();
  }
  const added = cy.collection(parts);
  if (colourMode === 'community') loadCommunities();
  if (added.nonempty()) {
    pushUndo(`add ${added.nodes().length} nodes`, () => { added.remove(); added.nodes().forEach((n) => expanded.delete(n.id())); });
  }
  resize();
  refreshFilters();
  applyFilters();
  applyTime();
  $('#empty').hidden = cy.nodes().nonempty();
  window.explorer.lastMerge = performance.now() - t0;
  saveState();
  return added;
}

// edgeLabels shows the edges' kinds while the drawing is small enough for
// them to be read; thousands of labels cost more to draw than they tell.
let labelled = true;
function edgeLabels(count = cy.edges().length) {
  const want = count <= 1500;
  if (want === labelled) return;
  labelled = want;
  cy.style().selector('edge').style('label', want ? 'data(label)' : '').update();
}

function checkedEdgeKinds() {
  return [...document.querySelectorAll('#filter-edges input:checked')].map((i) => i.value);
}

function limit() {
  const v = parseInt($('#limit').value, 10);
  return Number.isFinite(v) ? Math.min(MAX_LIMIT, Math.max(1, v)) : 300;
}

// loadCommunities asks for the community of every organisation drawn that
// lacks one, a hundred at a time, and recolours.
async function loadCommunities() {
  const ids = cy.nodes('[kind = "ORGANISATION"]').filter((n) => !n.data('communityLoaded')).map((n) => n.id());
  for (let i = 0; i < ids.length; i += 100) {
    try {
      const { nodes } = await api(Q.communities, { ids: ids.slice(i, i + 100) });
      cy.batch(() => {
        for (const o of nodes) {
          if (!o?.id) continue;
          const n = cy.getElementById(o.id);
          n.data({ community: o.metrics?.community ?? null, communityLoaded: true });
          n.data('colour', colourOf('ORGANISATION', n.data('community')));
        }
      });
    } catch (err) {
      fail(err, 'Could not load the communities');
      return;
    }
  }
  buildLegend();
}

const inFlight = new Set();

async function expand(id, atDepth) {
  if (inFlight.has(id)) return cy.collection();
  inFlight.add(id);
  try {
    return await expandOnce(id, atDepth);
  } finally {
    inFlight.delete(id);
  }
}

async function expandOnce(id, atDepth) {
  const depth = atDepth || parseInt($('#depth').value, 10) || 1;
  const kinds = checkedEdgeKinds();
  const busy = note(`Expanding ${labelOf(id)}…`, 'info', 0);
  try {
    const { network } = await api(Q.network, { seeds: [id], depth, limit: limit(), edgeKinds: kinds.length ? kinds : null });
    expanded.add(id);
    expansionDepth.set(id, depth);
    removedByHand.delete(id);
    const added = await merge(network, id);
    if (network.truncated) {
      note(`The expansion of ${labelOf(id)} was cut at the limit of ${limit()} nodes: ${network.nodes.length} came back, ${added.nodes().length} of them new. Raise the limit or expand single nodes to see more.`, 'warn', 15000);
    } else if (added.nonempty()) {
      note(`${labelOf(id)}: ${added.nodes().length} new nodes, ${added.edges().length} new edges.`);
    } else {
      note(`${labelOf(id)}: nothing new to draw.`);
    }
    if (added.nonempty()) await layout(false);
    return added;
  } catch (err) {
    fail(err, `Could not expand ${labelOf(id)}`);
    return cy.collection();
  } finally {
    busy.remove();
  }
}

function labelOf(id) {
  const n = cy.getElementById(id);
  return n.nonempty() ? n.data('label') : id;
}

// ---------------------------------------------------------------- layout

const worker = new Worker('/assets/explorer/layout-worker.js');
let layoutSeq = 0;
const pending = new Map();
worker.onmessage = (e) => {
  const done = pending.get(e.data.seq);
  pending.delete(e.data.seq);
  if (done) done(e.data);
};
worker.onerror = (e) => note(`The layout failed: ${e.message}`, 'error');

function layout(randomize) {
  const visible = cy.elements().not('.filtered');
  const nodes = visible.nodes().map((n) => ({ id: n.id(), size: n.data('size'), position: { ...n.position() } }));
  if (nodes.length === 0) return Promise.resolve();
  const ids = new Set(nodes.map((n) => n.id));
  const edges = visible.edges().filter((e) => ids.has(e.source().id()) && ids.has(e.target().id()))
    .map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() }));
  const fixed = visible.nodes('.pinned').map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
  const seq = ++layoutSeq;
  const busy = nodes.length > 300 ? note(`Laying out ${nodes.length} nodes…`, 'info', 0) : null;
  return new Promise((resolve) => {
    pending.set(seq, (res) => {
      busy?.remove();
      if (seq !== layoutSeq) return resolve(); // a newer layout is on its way
      if (res.error) {
        note(`The layout failed: ${res.error}`, 'error');
        return resolve();
      }
      const animate = nodes.length <= 400;
      cy.maxZoom(1.25); // a few nodes are not blown up to fill the window
      const run = cy.layout({
        name: 'preset', positions: (n) => res.positions[n.id()] || n.position(), animate, animationDuration: 350,
        fit: true, padding: 40, eles: visible,
      });
      run.one('layoutstop', () => {
        cy.maxZoom(4);
        const pending = cy.nodes('.pending');
        if (pending.empty()) return resolve();
        fitPositions(cy.nodes().not('.filtered'), 40);
        // Shown a slice a frame: each frame styles and caches only the
        // nodes it reveals, and draws the rest from its caches.
        const reveal = (i) => {
          pending.slice(i, i + 400).removeClass('pending');
          if (i + 400 < pending.length) requestAnimationFrame(() => reveal(i + 400));
          else resolve();
        };
        reveal(0);
      });
      run.run();
    });
    worker.postMessage({ seq, nodes, edges, fixed, randomize });
  });
}

// fitPositions fits the viewport to the nodes' positions, hidden ones
// included (Cytoscape's fit leaves out what is not displayed).
function fitPositions(nodes, padding) {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y);
  });
  if (!Number.isFinite(x1)) return;
  const w = cy.width(), h = cy.height();
  const zoom = Math.min(1.25, (w - 2 * padding) / Math.max(1, x2 - x1), (h - 2 * padding) / Math.max(1, y2 - y1));
  cy.viewport({ zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
}

// ---------------------------------------------------------------- undo

function pushUndo(label, undo) {
  undoStack.push({ label, undo });
  if (undoStack.length > 100) undoStack.shift();
  $('#undo').disabled = false;
  $('#undo').title = `Undo ${label} (Ctrl+Z)`;
}

function undo() {
  const step = undoStack.pop();
  if (!step) return;
  step.undo();
  resize();
  refreshFilters();
  applyFilters();
  $('#undo').disabled = undoStack.length === 0;
  $('#undo').title = undoStack.length ? `Undo ${undoStack.at(-1).label} (Ctrl+Z)` : 'Undo (Ctrl+Z)';
  $('#empty').hidden = cy.nodes().nonempty();
  applyTime();
  note(`Undone: ${step.label}.`);
}

function removeSelected() {
  const sel = cy.nodes(':selected');
  if (sel.empty()) return;
  const removed = sel.union(sel.connectedEdges()).remove();
  const gone = removed.nodes().map((n) => n.id());
  gone.forEach((id) => { expanded.delete(id); removedByHand.add(id); });
  pushUndo(`remove ${gone.length} nodes`, () => { removed.restore(); gone.forEach((id) => removedByHand.delete(id)); });
  saveState();
  resize();
  refreshFilters();
  $('#empty').hidden = cy.nodes().nonempty();
  updateSelection();
}

function togglePin() {
  const sel = cy.nodes(':selected');
  if (sel.empty()) return;
  const pin = sel.some((n) => !n.hasClass('pinned'));
  const before = sel.map((n) => [n, n.hasClass('pinned')]);
  sel.forEach((n) => (pin ? n.addClass('pinned') : n.removeClass('pinned')));
  pushUndo(pin ? 'pin' : 'unpin', () => before.forEach(([n, was]) => (was ? n.addClass('pinned') : n.removeClass('pinned'))));
  note(pin ? `Pinned ${sel.length}: layouts leave ${sel.length === 1 ? 'it' : 'them'} in place.` : `Unpinned ${sel.length}.`);
  updateSelection();
  saveState();
}

// ---------------------------------------------------------------- filters

// The filters name countries and funders, not their codes and ids: a
// country by the browser's name for its region code, a funder by its drawn
// node or the funders the API knows.
const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;
function countryName(code) {
  try {
    return regionNames?.of(code) || code;
  } catch {
    return code;
  }
}
const FUNDER_NAMES = { 'funder:norway-grants': 'Norway Grants', 'funder:eea-grants': 'EEA Grants', 'funder:erasmus-plus': 'Erasmus+' };
// Where projects and organisations are known from: pages, or a programme's export.
const SOURCE_NAMES = { PAGE: 'Project pages', EEA_GRANTS: 'EEA and Norway Grants exports', ERASMUS_PLUS: 'Erasmus+ project lists', KEEP_EU: 'keep.eu (Interreg)' };

function refreshFilters() {
  const countries = new Map();
  const funders = new Map();
  const sources = new Map();
  cy.nodes().forEach((n) => {
    const p = n.data('props');
    for (const s of p.sources || []) if (!sources.has(s)) sources.set(s, SOURCE_NAMES[s] || s);
    if (p.country && !countries.has(p.country)) countries.set(p.country, countryName(p.country));
    if (n.data('kind') === 'COUNTRY' && p.code) countries.set(p.code, n.data('label'));
    if (p.funder && !funders.has(p.funder)) funders.set(p.funder, FUNDER_NAMES[p.funder] || p.funder.replace(/^funder:/, ''));
    if (n.data('kind') === 'FUNDER') funders.set(n.id(), n.data('label'));
  });
  fillSelect($('#filter-country'), countries);
  fillSelect($('#filter-funder'), funders);
  fillSelect($('#filter-source'), sources, false);
}

function fillSelect(select, entries, showValue = true) {
  const current = select.value;
  const sorted = [...entries].sort((a, b) => a[1].localeCompare(b[1]));
  const have = [...select.options].slice(1).map((o) => o.value + '|' + o.textContent).join(',');
  const want = sorted.map(([v, l]) => v + '|' + l).join(',');
  if (have === want) return;
  select.length = 1;
  // Countries show their code, which the data speaks of; funders their name only.
  for (const [value, label] of sorted) select.add(new Option(!showValue || label === value || value.includes(':') ? label : `${label} (${value})`, value));
  select.value = sorted.some(([v]) => v === current) ? current : '';
}

function applyFilters() {
  const country = $('#filter-country').value;
  const funder = $('#filter-funder').value;
  const source = $('#filter-source').value;
  const kinds = new Set(checkedEdgeKinds());
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const p = n.data('props');
      let hide = false;
      if (country) {
        hide = (p.country && p.country !== country) || (n.data('kind') === 'COUNTRY' && p.code !== country);
      }
      if (funder && !hide) {
        hide = (p.funder && p.funder !== funder) || (n.data('kind') === 'FUNDER' && n.id() !== funder);
      }
      if (source && !hide && p.sources) {
        // Projects and organisations the source does not give.
        hide = !p.sources.includes(source);
      }
      if (n.hasClass('filtered') !== Boolean(hide)) n.toggleClass('filtered', Boolean(hide));
    });
    cy.edges().forEach((e) => {
      const hide = !kinds.has(e.data('kind'));
      if (e.hasClass('filtered') !== hide) e.toggleClass('filtered', hide);
    });
  });
  saveState();
}

function buildLegend() {
  const nodes = $('#legend-nodes');
  nodes.innerHTML = '';
  if (colourMode === 'kind') {
    for (const [kind, k] of Object.entries(KINDS)) {
      nodes.insertAdjacentHTML('beforeend', `<li><span class="dot" style="background:${k.colour}"></span>${k.name}</li>`);
    }
  } else {
    const seen = [...new Set(cy.nodes().map((n) => n.data('community')).filter((c) => c != null))].sort((a, b) => a - b);
    for (const c of seen.slice(0, 12)) {
      nodes.insertAdjacentHTML('beforeend', `<li><span class="dot" style="background:${PALETTE[c % PALETTE.length]}"></span>community ${c}</li>`);
    }
    nodes.insertAdjacentHTML('beforeend', `<li><span class="dot" style="background:#c9ced6"></span>not an organisation in the network</li>`);
  }
  const edges = $('#legend-edges');
  edges.innerHTML = '';
  for (const k of Object.values(EDGES)) {
    edges.insertAdjacentHTML('beforeend', `<li><span class="line" style="background:${k.colour}"></span>${k.name}</li>`);
  }
}

function buildEdgeFilter() {
  const box = $('#filter-edges');
  for (const [kind, k] of Object.entries(EDGES)) {
    const label = document.createElement('label');
    label.innerHTML = `<input type="checkbox" value="${kind}" ${kind === 'FROM_DOCUMENT' ? '' : 'checked'}> ${k.name}`;
    box.append(label);
  }
  box.addEventListener('change', () => applyFilters());
}

// ---------------------------------------------------------------- search

let searchSeq = 0;
async function search(q) {
  const list = $('#search-results');
  const seq = ++searchSeq;
  list.hidden = false;
  list.innerHTML = '<li class="none">Searching…</li>';
  try {
    const { search: hits } = await api(Q.search, { q });
    if (seq !== searchSeq) return;
    list.innerHTML = '';
    if (hits.length === 0) list.innerHTML = `<li class="none">Nothing matches “${escapeHTML(q)}”.</li>`;
    for (const h of hits) {
      const li = document.createElement('li');
      li.dataset.id = h.node.id;
      li.innerHTML = `<span class="kind" style="background:${KINDS[h.kind]?.colour}">${KINDS[h.kind]?.name || h.kind}</span>${escapeHTML(h.label)}` +
        (h.snippet ? `<span class="snippet">${markOnly(h.snippet)}</span>` : '');
      li.addEventListener('click', () => pick(h.node.id));
      list.append(li);
    }
  } catch (err) {
    list.hidden = true;
    fail(err, 'Search failed');
  }
}

async function pick(id) {
  $('#search-results').hidden = true;
  if (cy.getElementById(id).empty()) {
    await expand(id);
  }
  const n = cy.getElementById(id);
  if (n.nonempty()) {
    cy.nodes().unselect();
    n.select();
    const ext = cy.extent();
    const p = n.position();
    if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.animate({ center: { eles: n }, duration: 300 });
    showDetails(id);
  }
}

function escapeHTML(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// markOnly escapes a snippet but keeps the <mark> the server puts around
// the matching words.
function markOnly(s) {
  return escapeHTML(s).replaceAll('&lt;mark&gt;', '<mark>').replaceAll('&lt;/mark&gt;', '</mark>');
}

// ---------------------------------------------------------------- details

function evidenceHTML(list) {
  const evs = (Array.isArray(list) ? list : [list]).filter(Boolean);
  if (evs.length === 0) return '';
  return `<details class="evidence"><summary>evidence (${evs.length})</summary>${evs.map((e) =>
    `<blockquote>${escapeHTML(e.text)}<cite>${escapeHTML(e.document?.name || '')}, ${e.row ? `row ${e.row}, column ` : ''}${escapeHTML(e.section)}</cite></blockquote>`).join('')}</details>`;
}

function link(id, text) {
  return `<a class="node-link" data-id="${escapeHTML(id)}">${escapeHTML(text)}</a>`;
}

function money(v, cur) {
  return v == null ? null : `${cur === 'EUR' || !cur ? '€' : cur + ' '}${Math.round(v).toLocaleString('en')}`;
}

let detailsSeq = 0;
async function showDetails(id) {
  const box = $('#details');
  const seq = ++detailsSeq;
  selectedID = id;
  const n = cy.getElementById(id);
  const kind = n.nonempty() ? n.data('kind') : null;
  box.innerHTML = `<h3>${escapeHTML(labelOf(id))}</h3><p class="hint">Loading…</p>`;
  $('#similar').hidden = kind !== 'PROJECT';
  try {
    let html;
    if (kind === 'PROJECT') {
      const { project: p } = await api(Q.project, { id });
      html = projectHTML(p);
      loadSimilar(id);
    } else if (kind === 'ORGANISATION') {
      const { organisation: o } = await api(Q.organisation, { id, period: timeRange, inPeriod: Boolean(timeRange) });
      html = organisationHTML(o);
    } else {
      const { node } = await api(Q.node, { id });
      html = `<h3>${escapeHTML(node.name || labelOf(id))}</h3><dl><dt>Kind</dt><dd>${escapeHTML(KINDS[kind]?.name || kind)}</dd>` +
        (node.kind ? `<dt>Type</dt><dd>${escapeHTML(node.kind.toLowerCase())}</dd>` : '') +
        (node.code ? `<dt>Code</dt><dd>${escapeHTML(node.code)}</dd>` : '') +
        (node.layout ? `<dt>Layout</dt><dd>${escapeHTML(node.layout)}</dd>` : '') +
        (node.warnings?.length ? `<dt>Warnings</dt><dd><ul>${node.warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join('')}</ul></dd>` : '') +
        `<dt>Id</dt><dd><code>${escapeHTML(id)}</code></dd></dl>`;
    }
    if (seq === detailsSeq) box.innerHTML = html;
  } catch (err) {
    if (seq === detailsSeq) box.innerHTML = `<h3>${escapeHTML(labelOf(id))}</h3><p class="hint">Could not load the facts: ${escapeHTML(err.message)} (${escapeHTML(err.code)})</p>`;
  }
}

function projectHTML(p) {
  const rows = [];
  const row = (dt, dd) => dd && rows.push(`<dt>${dt}</dt><dd>${dd}</dd>`);
  row('Code', p.code && escapeHTML(p.code));
  row('Kind', escapeHTML(p.kind.toLowerCase().replace('_', ' ')));
  row('Status', p.status && escapeHTML(p.status));
  row('Country', p.country && link(p.country.id, p.country.name));
  row('Where', p.location && escapeHTML(p.location) + (p.places.length ? ` — ${p.places.map(escapeHTML).join(', ')}` : ''));
  const parts = p.partners.map((ps) => `<li>${link(ps.organisation.id, ps.organisation.acronym ? `${ps.organisation.name} (${ps.organisation.acronym})` : ps.organisation.name)}` +
    `${ps.organisation.country ? ` · ${escapeHTML(ps.organisation.country.code)}` : ''} — <b>${ROLE_LABEL[ps.role]}</b>${evidenceHTML(ps.evidence)}</li>`);
  row('Promoter and partners', parts.length ? `<ul>${parts.join('')}</ul>` : 'none named');
  row('Target groups', p.targetGroups.length && `<ul>${p.targetGroups.map((t) => `<li>${link(t.id, t.name)}</li>`).join('')}</ul>`);
  row('Programmes and interventions', p.programmes.length && `<ul>${p.programmes.map((g) =>
    `<li>${link(g.programme.id, g.name)} — ${escapeHTML(g.activity.toLowerCase())}${evidenceHTML(g.evidence)}</li>`).join('')}</ul>`);
  const f = p.funding;
  const cost = [money(f.grant, f.currency) && `grant ${money(f.grant, f.currency)}`, money(f.finalCost, f.currency) && `final cost ${money(f.finalCost, f.currency)}`,
    money(f.initialCost, f.currency) && `initial cost ${money(f.initialCost, f.currency)}`].filter(Boolean);
  row('Funding', (f.funder ? link(f.funder.id, f.funder.name) + (cost.length ? ': ' : '') : '') + cost.join(', ') +
    `<details class="evidence"><summary>evidence</summary><blockquote>The facts block of the sheet<cite>${escapeHTML(p.source.name)}, facts</cite></blockquote></details>`);
  const dates = [p.startDate && `from ${p.startDate}`, p.endDate && `to ${p.endDate}`, p.durationMonths && `${p.durationMonths} months`].filter(Boolean);
  row('Dates', dates.length && escapeHTML(dates.join(' ')));
  row('Outcomes', p.outcomes.length && `<ul>${p.outcomes.map((o) =>
    `<li>${escapeHTML(o.value.toLocaleString('en'))} ${escapeHTML(o.unit)}${o.planned ? ' <i>(planned)</i>' : ''}${evidenceHTML(o.evidence)}</li>`).join('')}</ul>`);
  row('Timeline', p.timeline.length && `<ul>${p.timeline.map((d) => `<li><b>${escapeHTML(d.date)}</b> ${escapeHTML(d.text)}</li>`).join('')}</ul>`);
  if (p.sources.length > 1) {
    row('Known from', `<ul>${p.sources.map((s) => `<li>${escapeHTML(SOURCE_NAMES[s.source] || s.source)}: ${link(s.document.id, s.document.name)}</li>`).join('')}</ul>`);
  } else {
    row('Source', link(p.source.id, p.source.name));
  }
  row('Sources disagree', p.disagreements.length && `<ul>${p.disagreements.map((d) =>
    `<li>${escapeHTML(d.field)}: shown ${escapeHTML(d.shown || '—')}; ${escapeHTML(d.document.name)} says ${escapeHTML(d.value)}</li>`).join('')}</ul>`);
  return `<h3>${escapeHTML(p.title)}</h3><dl>${rows.join('')}</dl>`;
}

function organisationHTML(o) {
  const rows = [];
  const row = (dt, dd) => dd && rows.push(`<dt>${dt}</dt><dd>${dd}</dd>`);
  row('Acronym', o.acronym && escapeHTML(o.acronym));
  row('Country', o.country && link(o.country.id, o.country.name));
  row('Also known as', o.aliases.length && `<ul>${o.aliases.map((a) => `<li>${escapeHTML(a)}</li>`).join('')}</ul>`);
  row('Named by', o.sources.length && escapeHTML(o.sources.map((s) => SOURCE_NAMES[s] || s).join(', ')));
  const m = o.metrics;
  row('In the network', m && `${m.projects} projects, ${m.degree} collaborators from ${m.partnerCountries} other countries; betweenness ${m.betweenness.toFixed(3)}, bridging ${m.bridging.toFixed(2)}, community ${m.community}`);
  if (timeRange) {
    const t = o.inPeriod;
    const change = (v, digits = 0) => (v == null ? '' : ` (${v >= 0 ? '+' : ''}${digits ? v.toFixed(digits) : v})`);
    row(`In ${escapeHTML(rangeLabel())}`, t
      ? `<span id="metrics-in-period">${t.projects} project${t.projects === 1 ? "" : "s"}${change(t.previous && t.projects - t.previous.projects)}, ${t.degree} collaborators${change(t.degreeChange)} from ${t.partnerCountries} other countries; ` +
        `betweenness ${t.betweenness.toFixed(3)}${change(t.betweennessChange, 3)}, bridging ${t.bridging.toFixed(2)}${change(t.bridgingChange, 2)}, community ${t.community}</span>` +
        (t.previous ? `<span class="hint"> Changes since ${escapeHTML(t.previous.from)} to ${escapeHTML(t.previous.to)}.</span>` : '')
      : '<span id="metrics-in-period">no project in the range</span>');
  }
  row(`Projects (${o.projects.totalCount})`, `<ul>${o.projects.nodes.map((p) => `<li>${link(p.id, p.code ? `${p.code} — ${p.title}` : p.title)}</li>`).join('')}</ul>`);
  return `<h3>${escapeHTML(o.name)}</h3><dl>${rows.join('')}</dl>`;
}

async function loadSimilar(id) {
  const list = $('#similar-results');
  list.innerHTML = '<li class="hint">Loading…</li>';
  try {
    const { similarProjects } = await api(Q.similar, { id });
    if (selectedID !== id) return;
    list.innerHTML = similarProjects.length ? '' : '<li class="hint">None found.</li>';
    for (const s of similarProjects) {
      const li = document.createElement('li');
      li.innerHTML = `${link(s.project.id, s.project.code ? `${s.project.code} — ${s.project.title}` : s.project.title)} <span class="score">${s.score.toFixed(2)}</span>` +
        `<ul class="reasons">${s.reasons.slice(0, 4).map((r) => `<li>${escapeHTML(r.explanation)}</li>`).join('')}</ul>`;
      list.append(li);
    }
  } catch (err) {
    list.innerHTML = `<li class="hint">Could not load: ${escapeHTML(err.message)}</li>`;
  }
}

// ---------------------------------------------------------------- paths

function setEnd(which) {
  const n = cy.nodes(':selected').first();
  if (n.empty()) return;
  if (which === 'from') pathFrom = n.id(); else pathTo = n.id();
  $('#path-from-label').textContent = pathFrom ? labelOf(pathFrom) : '—';
  $('#path-to-label').textContent = pathTo ? labelOf(pathTo) : '—';
  cy.nodes().removeClass('end');
  [pathFrom, pathTo].filter(Boolean).forEach((id) => cy.getElementById(id).addClass('end'));
  $('#path-find').disabled = !(pathFrom && pathTo && pathFrom !== pathTo);
}

async function findPaths() {
  const list = $('#path-results');
  list.innerHTML = '<li class="hint">Searching…</li>';
  clearPath();
  try {
    const period = timeRange;
    const { paths } = await api(Q.paths, { from: pathFrom, to: pathTo, period });
    list.innerHTML = '';
    if (paths.length === 0) {
      list.innerHTML = `<li class="hint">No path of at most 8 steps through promoters and partners${period ? ` of projects active in ${escapeHTML(rangeLabel())}` : ''} joins ${escapeHTML(labelOf(pathFrom))} and ${escapeHTML(labelOf(pathTo))}.</li>`;
      return;
    }
    const all = { nodes: paths.flatMap((p) => p.nodes), edges: paths.flatMap((p) => p.edges) };
    drawnPaths.push([pathFrom, pathTo, period]);
    const added = await merge(all, pathFrom);
    if (added.nonempty()) await layout(false);
    paths.forEach((p, i) => {
      const li = document.createElement('li');
      li.textContent = `${p.length} steps: ${p.nodes.map((n) => n.label).join(' → ')}`;
      li.addEventListener('click', () => highlight([p], li));
      list.append(li);
    });
    highlight(paths, null);
    note(`${paths.length} shortest path${paths.length > 1 ? 's' : ''} of ${paths[0].length} steps, drawn in orange.`);
  } catch (err) {
    list.innerHTML = '';
    fail(err, 'Path search failed');
  }
}

function highlight(paths, li) {
  document.querySelectorAll('#path-results li').forEach((x) => x.classList.toggle('active', x === li));
  cy.batch(() => {
    cy.elements().removeClass('path').addClass('faded');
    for (const p of paths) {
      for (const n of p.nodes) cy.getElementById(n.id).removeClass('faded').addClass('path');
      for (const e of p.edges) cy.getElementById(e.id).removeClass('faded').addClass('path');
    }
  });
}

function clearPath() {
  cy.elements().removeClass('path faded');
}

// ---------------------------------------------------------------- export

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function visible() {
  return cy.elements().not('.filtered');
}

function exportCytoscape() {
  const els = visible();
  const out = {
    elements: {
      nodes: els.nodes().map((n) => ({ data: { id: n.id(), kind: n.data('kind'), label: n.data('label'), ...n.data('props') }, position: n.position() })),
      edges: els.edges().map((e) => ({ data: { id: e.id(), source: e.data('source'), target: e.data('target'), kind: e.data('kind'), ...e.data('props') } })),
    },
  };
  download('partnergraph.cytoscape.json', new Blob([JSON.stringify(out, null, 1)], { type: 'application/json' }));
}

function exportGraphology() {
  const els = visible();
  const out = {
    attributes: { name: 'Partnergraph drawing' },
    options: { type: 'directed', multi: false, allowSelfLoops: false },
    nodes: els.nodes().map((n) => ({ key: n.id(), attributes: { kind: n.data('kind'), label: n.data('label'), x: n.position('x'), y: n.position('y'), ...n.data('props') } })),
    edges: els.edges().map((e) => ({ key: e.id(), source: e.data('source'), target: e.data('target'), attributes: { kind: e.data('kind'), ...e.data('props') } })),
  };
  download('partnergraph.graphology.json', new Blob([JSON.stringify(out, null, 1)], { type: 'application/json' }));
}

function exportPNG() {
  const blob = cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2, maxWidth: 8000, maxHeight: 8000 });
  download('partnergraph.png', blob);
}

// ---------------------------------------------------------------- wiring

function updateSelection() {
  const sel = cy.nodes(':selected');
  $('#remove').disabled = sel.empty();
  $('#pin').disabled = sel.empty();
  $('#pin').textContent = sel.nonempty() && sel.every((n) => n.hasClass('pinned')) ? 'Unpin' : 'Pin';
  $('#path-from').disabled = sel.length !== 1;
  $('#path-to').disabled = sel.length !== 1;
  const oneOrg = sel.length === 1 && sel.first().data('kind') === 'ORGANISATION';
  $('#compare-a').disabled = !oneOrg;
  $('#compare-b').disabled = !oneOrg;
}

cy.on('select unselect', 'node', () => updateSelection());
cy.on('tap', 'node', (e) => {
  const id = e.target.id();
  showDetails(id);
  saveState();
  if ($('#expand-on-click').checked && !expanded.has(id)) expand(id);
});
cy.on('tap', (e) => { if (e.target === cy) clearPath(); });

$('#search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('#search').value.trim();
  if (q) search(q);
});
document.addEventListener('click', (e) => {
  if (!e.target.closest('#search-form')) $('#search-results').hidden = true;
  const a = e.target.closest('a.node-link');
  if (a) { e.preventDefault(); pick(a.dataset.id); }
  const s = e.target.closest('a[data-search]');
  if (s) { e.preventDefault(); $('#search').value = s.dataset.search; search(s.dataset.search); }
});
$('#undo').addEventListener('click', undo);
$('#remove').addEventListener('click', removeSelected);
$('#pin').addEventListener('click', togglePin);
$('#relayout').addEventListener('click', () => layout(true));
$('#fit').addEventListener('click', () => cy.animate({ fit: { eles: visible(), padding: 40 }, duration: 300 }));
$('#clear').addEventListener('click', () => {
  const removed = cy.elements().remove();
  const was = [...expanded];
  expanded.clear();
  removedByHand.clear();
  drawnPaths.length = 0;
  pushUndo('clear', () => { removed.restore(); was.forEach((id) => expanded.add(id)); });
  $('#empty').hidden = false;
  refreshFilters();
  saveState();
});
$('#path-from').addEventListener('click', () => setEnd('from'));
$('#path-to').addEventListener('click', () => setEnd('to'));
$('#path-find').addEventListener('click', findPaths);
$('#export-png').addEventListener('click', exportPNG);
$('#export-cytoscape').addEventListener('click', exportCytoscape);
$('#export-graphology').addEventListener('click', exportGraphology);
$('#filter-country').addEventListener('change', applyFilters);
$('#filter-funder').addEventListener('change', applyFilters);
$('#filter-source').addEventListener('change', applyFilters);
document.querySelectorAll('input[name=colour]').forEach((r) => r.addEventListener('change', () => {
  colourMode = r.value;
  cy.batch(() => cy.nodes().forEach((n) => n.data('colour', colourOf(n.data('kind'), n.data('community')))));
  buildLegend();
  if (colourMode === 'community') loadCommunities();
  saveState();
}));
document.addEventListener('keydown', (e) => {
  if (e.target.matches('input, select, textarea')) return;
  if ((e.ctrlKey || e.metaKey) && e.key === 'z') { e.preventDefault(); undo(); }
  if (e.key === 'Delete' || e.key === 'Backspace') removeSelected();
});

$('#api-key').value = apiKey();
$('#api-key').addEventListener('change', (e) => {
  sessionStorage.setItem('partnergraph-key', e.target.value.trim());
  note(e.target.value.trim() ? 'The key is sent with every request from this tab.' : 'No key is sent.');
});

// ---------------------------------------------------------------- live

// The drawing follows the graph's changes: a subscription (graphChanged,
// over a WebSocket with the graphql-transport-ws protocol) tells what a
// write added, changed or removed. Removed nodes leave the drawing; a
// changed node that is drawn takes its new label and edges; a new or
// changed node that meets the drawing comes in with its edges to it. No
// reload, no layout of what did not move.
const LIVE = `subscription ExplorerLive { graphChanged { version added changed removed reset } }`;

function live() {
  const url = new URL('/graphql', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  let wait = 1000;
  const connect = () => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: apiKey() ? { Authorization: `Bearer ${apiKey()}` } : {} }));
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.type === 'connection_ack') {
        wait = 1000;
        ws.send(JSON.stringify({ id: 'live', type: 'subscribe', payload: { query: LIVE } }));
      } else if (m.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      } else if (m.type === 'next' && m.payload?.data?.graphChanged) {
        followChange(m.payload.data.graphChanged);
      }
    };
    // A lost connection is made again, waiting longer each time.
    ws.onclose = () => { setTimeout(connect, wait); wait = Math.min(2 * wait, 30000); };
    window.explorer.live = ws;
  };
  connect();
}

let liveChain = Promise.resolve();
function followChange(c) {
  liveChain = liveChain.then(() => followChangeNow(c)).catch((err) => fail(err, 'Could not follow a change of the graph'));
}

async function followChangeNow(c) {
  const drawn = (id) => cy.getElementById(id).nonempty();
  const gone = c.removed.filter(drawn);
  if (gone.length) {
    cy.batch(() => gone.forEach((id) => cy.getElementById(id).remove()));
    gone.forEach((id) => expanded.delete(id));
  }
  const touched = [...c.added, ...c.changed].filter((id) => !id.startsWith('doc:'));
  if (touched.length) {
    const { network } = await api(Q.network, { seeds: touched, depth: 1, limit: MAX_LIMIT });
    const isTouched = new Set(touched);
    const ends = new Map();
    for (const e of network.edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (!ends.has(a)) ends.set(a, new Set());
        ends.get(a).add(b);
      }
    }
    cy.batch(() => {
      for (const n of network.nodes) {
        const el = cy.getElementById(n.id);
        if (!isTouched.has(n.id) || el.empty()) continue;
        const d = nodeData(n);
        el.data({ label: d.label, short: d.short, props: d.props });
      }
      if (!network.truncated) {
        // A changed node's drawn edges that it no longer has go.
        const now = new Set(network.edges.map((e) => e.id));
        for (const id of touched) {
          if (drawn(id)) cy.getElementById(id).connectedEdges().filter((e) => !now.has(e.id())).remove();
        }
      }
    });
    // What meets the drawing comes in: touched nodes drawn or next to a
    // drawn node, and their edges to the drawing.
    const keep = new Set(touched.filter((id) => drawn(id) || [...(ends.get(id) || [])].some(drawn)));
    const sub = { nodes: network.nodes.filter((n) => keep.has(n.id)), edges: network.edges.filter((e) => keep.has(e.source) || keep.has(e.target)) };
    if (sub.nodes.length) {
      const added = await merge(sub, [...keep].find(drawn));
      if (added.nodes().nonempty()) await layout(false);
    }
  }
  resize();
  refreshFilters();
  applyFilters();
  window.explorer.changes.push(c.version);
}

// ---------------------------------------------------------------- time

// A project is active in a range when its span (activeFrom to activeTo,
// from the API) overlaps it. The bounds are read as the API reads them
// (PeriodInput): a year, a month, a day or a funding period; a grants
// period ends the year before the next begins.
const GRANTS_PERIODS = ['2004-2009', '2009-2014', '2014-2021', '2021-2028'];
let timeRange = null; // null, or { from, to } as the API takes them
let periods = []; // the funding periods of the graph, oldest first
let yearBounds = [2004, new Date().getFullYear()];

function boundDay(s, last) {
  if (!s) return last ? '9999-12-31' : '0000-01-01';
  let m = /^(\d{4})-(\d{4})$/.exec(s);
  if (m) {
    const end = GRANTS_PERIODS.includes(s) ? Number(m[2]) - 1 : Number(m[2]);
    return last ? `${end}-12-31` : `${m[1]}-01-01`;
  }
  if (/^\d{4}$/.test(s)) return last ? `${s}-12-31` : `${s}-01-01`;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return last ? new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).toISOString().slice(0, 10) : `${s}-01`;
  return s;
}

function periodYears(p) {
  const from = Number(boundDay(p, false).slice(0, 4));
  return [from, Number(boundDay(p, true).slice(0, 4))];
}

function rangeLabel() {
  if (!timeRange) return 'all time';
  if (timeRange.from === timeRange.to) return timeRange.from;
  return `${timeRange.from || '…'} to ${timeRange.to || '…'}`;
}

// applyTime fades what was not active in the range: projects whose span
// does not overlap it (or is unknown), their edges, and the nodes that
// only such projects join; nothing moves.
function applyTime() {
  $('#time-label').textContent = rangeLabel();
  cy.batch(() => {
    if (!timeRange) {
      cy.elements('.inactive').removeClass('inactive');
      return;
    }
    const from = boundDay(timeRange.from, false);
    const to = boundDay(timeRange.to, true);
    const active = new Map();
    cy.nodes('[kind = "PROJECT"]').forEach((n) => {
      const p = n.data('props');
      const on = Boolean(p.activeFrom && p.activeTo && p.activeFrom <= to && p.activeTo >= from);
      active.set(n.id(), on);
      n.toggleClass('inactive', !on);
    });
    const project = (e) => (active.has(e.data('source')) ? e.data('source') : active.has(e.data('target')) ? e.data('target') : null);
    cy.edges().forEach((e) => {
      const p = project(e);
      if (p) e.toggleClass('inactive', !active.get(p));
    });
    cy.nodes().not('[kind = "PROJECT"]').forEach((n) => {
      const viaProjects = n.connectedEdges().filter((e) => project(e) !== null);
      n.toggleClass('inactive', viaProjects.nonempty() && viaProjects.every((e) => e.hasClass('inactive')));
    });
    cy.edges().forEach((e) => {
      if (!project(e)) e.toggleClass('inactive', e.source().hasClass('inactive') || e.target().hasClass('inactive'));
    });
  });
}

let detailsTimer = null;
function setTime(range, { fromSlider = false } = {}) {
  timeRange = range && (range.from || range.to) ? range : null;
  const sel = $('#time-period');
  if (!fromSlider) {
    sel.value = timeRange && timeRange.from === timeRange.to && periods.includes(timeRange.from) ? timeRange.from : '';
    const [lo, hi] = timeRange ? [periodYears(timeRange.from || String(yearBounds[0]))[0], periodYears(timeRange.to || String(yearBounds[1]))[1]] : yearBounds;
    $('#time-from').value = lo;
    $('#time-to').value = hi;
  } else {
    sel.value = '';
  }
  applyTime();
  saveState();
  // The side panel's metrics follow the range.
  clearTimeout(detailsTimer);
  if (selectedID && cy.getElementById(selectedID).data('kind') === 'ORGANISATION') detailsTimer = setTimeout(() => showDetails(selectedID), 250);
}

async function loadPeriods() {
  try {
    const { aggregate } = await api(Q.periods);
    periods = aggregate.map((b) => b.key).filter(Boolean);
    // The grants' periods between the first and the last of the graph's
    // are offered too: their projects may be known from dates alone.
    if (periods.length) {
      const lo = Math.min(...periods.map((p) => periodYears(p)[0]));
      const hi = Math.max(...periods.map((p) => periodYears(p)[1]));
      for (const g of GRANTS_PERIODS) {
        const [a, b] = periodYears(g);
        if (a <= hi && b >= lo && !periods.includes(g)) periods.push(g);
      }
    }
    periods.sort();
  } catch (err) {
    fail(err, 'Could not read the funding periods');
  }
  const sel = $('#time-period');
  sel.length = 1;
  for (const p of periods) sel.add(new Option(p, p));
  if (periods.length) {
    yearBounds = [Math.min(...periods.map((p) => periodYears(p)[0])), Math.max(...periods.map((p) => periodYears(p)[1]))];
  }
  for (const id of ['#time-from', '#time-to']) {
    $(id).min = yearBounds[0];
    $(id).max = yearBounds[1];
  }
  if (!timeRange) {
    $('#time-from').value = yearBounds[0];
    $('#time-to').value = yearBounds[1];
  } else {
    setTime(timeRange);
  }
}

function sliderChanged(moved) {
  let lo = Number($('#time-from').value);
  let hi = Number($('#time-to').value);
  if (lo > hi) {
    if (moved === 'from') hi = lo; else lo = hi;
    $('#time-from').value = lo;
    $('#time-to').value = hi;
  }
  setTime({ from: String(lo), to: String(hi) }, { fromSlider: true });
}

// Play steps through the funding periods when one is chosen (or none is),
// else moves the year window on a year at a time.
let playTimer = null;
function stopPlay() {
  clearInterval(playTimer);
  playTimer = null;
  $('#time-play').textContent = 'Play';
}
function stepPlay() {
  const current = $('#time-period').value;
  if (current || !timeRange) {
    const next = periods[periods.indexOf(current) + 1];
    if (!next) return stopPlay();
    return setTime({ from: next, to: next });
  }
  const lo = Number($('#time-from').value) + 1;
  const hi = Number($('#time-to').value) + 1;
  if (hi > yearBounds[1]) return stopPlay();
  $('#time-from').value = lo;
  $('#time-to').value = hi;
  setTime({ from: String(lo), to: String(hi) }, { fromSlider: true });
}
function togglePlay() {
  if (playTimer) return stopPlay();
  $('#time-play').textContent = 'Pause';
  stepPlay();
  if ($('#time-play').textContent === 'Pause') playTimer = setInterval(stepPlay, 1600);
}

$('#time-period').addEventListener('change', (e) => setTime(e.target.value ? { from: e.target.value, to: e.target.value } : null));
$('#time-from').addEventListener('input', () => sliderChanged('from'));
$('#time-to').addEventListener('input', () => sliderChanged('to'));
$('#time-play').addEventListener('click', togglePlay);

// ---------------------------------------------------------------- compare

let compareA = null;
let compareB = null;
function setCompare(which) {
  const n = cy.nodes(':selected').first();
  if (n.empty()) return;
  if (which === 'a') compareA = n.id(); else compareB = n.id();
  $('#compare-a-label').textContent = compareA ? labelOf(compareA) : '—';
  $('#compare-b-label').textContent = compareB ? labelOf(compareB) : '—';
  $('#compare-run').disabled = !(compareA && compareB && compareA !== compareB);
}

function orgList(list, shared) {
  if (!list.length) return '<span class="hint">none</span>';
  return `<ul>${list.map((o) => {
    const text = link(o.id, o.acronym || o.name);
    return `<li>${shared?.has(o.id) ? `<b>${text}</b>` : text}</li>`;
  }).join('')}</ul>`;
}

async function runCompare() {
  const box = $('#compare-results');
  box.innerHTML = '<p class="hint">Comparing…</p>';
  try {
    const { compare: c } = await api(Q.compare, { a: compareA, b: compareB, period: timeRange });
    const name = (o) => escapeHTML(o.acronym || o.name);
    const rows = c.periods.map((p) => {
      const shared = new Set(p.sharedPartners.map((o) => o.id));
      return `<tr><th>${escapeHTML(p.period)}</th><td>${orgList(p.aPartners, shared)}</td><td>${orgList(p.bPartners, shared)}</td></tr>`;
    });
    box.innerHTML = `<p>${name(c.a)} and ${name(c.b)}${timeRange ? ` in ${escapeHTML(rangeLabel())}` : ''}: ` +
      `${c.sharedProjects.length} shared project${c.sharedProjects.length === 1 ? '' : 's'}, ${c.sharedPartners.length} shared partner${c.sharedPartners.length === 1 ? '' : 's'}` +
      `${c.paths.length ? `, ${c.paths.length} shortest path${c.paths.length === 1 ? '' : 's'} of ${c.paths[0].length} steps <button id="compare-draw">Draw</button>` : ', no path'}.</p>` +
      (c.sharedPartners.length ? `<p><b>Shared partners</b>${orgList(c.sharedPartners)}</p>` : '') +
      (c.sharedProjects.length ? `<p><b>Shared projects</b><ul>${c.sharedProjects.map((p) => `<li>${link(p.id, p.code || p.title)}</li>`).join('')}</ul></p>` : '') +
      `<table id="compare-periods"><thead><tr><th>Period</th><th>${name(c.a)}'s partners</th><th>${name(c.b)}'s partners</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
      '<p class="hint">Partners of both in a period are in bold.</p>';
    $('#compare-draw')?.addEventListener('click', async () => {
      const all = { nodes: c.paths.flatMap((p) => p.nodes), edges: c.paths.flatMap((p) => p.edges) };
      drawnPaths.push([compareA, compareB, timeRange]);
      const added = await merge(all, compareA);
      if (added.nonempty()) await layout(false);
      highlight(c.paths, null);
    });
    window.explorer.compared = c;
  } catch (err) {
    box.innerHTML = '';
    fail(err, 'Compare failed');
  }
}

$('#compare-a').addEventListener('click', () => setCompare('a'));
$('#compare-b').addEventListener('click', () => setCompare('b'));
$('#compare-run').addEventListener('click', runCompare);

// ---------------------------------------------------------------- exports from the server

// GEXF, GraphML and CSV come from the server's /export/: the network of
// the expanded nodes at the chosen depth, with the edge kinds and the time
// range of the drawing, as `network` answers it.
function exportURL(file) {
  const p = new URLSearchParams();
  p.set('seeds', [...expanded].join(','));
  p.set('depth', $('#depth').value);
  p.set('limit', String(limit()));
  const kinds = checkedEdgeKinds();
  if (kinds.length && kinds.length < Object.keys(EDGES).length) p.set('edgeKinds', kinds.join(','));
  if (timeRange) p.set('period', timeRange.from === timeRange.to ? timeRange.from : `${timeRange.from || ''}..${timeRange.to || ''}`);
  return `/export/${file}?${p}`;
}

async function serverExport(file, name) {
  if (expanded.size === 0) return note('Expand a node first: the export is the network of the expanded nodes.', 'warn');
  const url = exportURL(file);
  window.explorer.lastExport = url;
  try {
    const res = await fetch(url, { headers: apiKey() ? { Authorization: `Bearer ${apiKey()}` } : {} });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      const e = body.errors?.[0];
      throw Object.assign(new Error(e?.message || `HTTP ${res.status}`), { code: e?.extensions?.code });
    }
    download(name, await res.blob());
    note(`Exported ${res.headers.get('X-Partnergraph-Nodes')} nodes and ${res.headers.get('X-Partnergraph-Edges')} edges as ${name}.`);
  } catch (err) {
    fail(err, `Could not export ${name}`);
  }
}

$('#export-gexf').addEventListener('click', () => serverExport('network.gexf', 'partnergraph.gexf'));
$('#export-graphml').addEventListener('click', () => serverExport('network.graphml', 'partnergraph.graphml'));
$('#export-csv').addEventListener('click', () => serverExport('network.csv', 'partnergraph-csv.zip'));

// ---------------------------------------------------------------- shared views

// The view lives in the URL's fragment: the expansions in order with their
// depth, the paths drawn, removed and pinned nodes (with where they were
// pinned), the filters, the time range, the colouring and the selection.
// Opening the link draws the view again; "Copy link" copies it.
let restoring = false;
let lastHash = location.hash;
let saveTimer = null;

function viewState() {
  const p = new URLSearchParams();
  if (expanded.size) p.set('x', [...expanded].map((id) => `${id}~${expansionDepth.get(id) || 1}`).join(','));
  if (drawnPaths.length) p.set('paths', drawnPaths.map(([a, b, r]) => `${a}>${b}${r ? `~${r.from || ''}~${r.to || ''}` : ''}`).join(','));
  if (removedByHand.size) p.set('rm', [...removedByHand].join(','));
  const pins = cy.nodes('.pinned').map((n) => `${n.id()}@${Math.round(n.position('x'))},${Math.round(n.position('y'))}`);
  if (pins.length) p.set('pin', pins.join(','));
  for (const [key, sel] of [['country', '#filter-country'], ['funder', '#filter-funder'], ['source', '#filter-source']]) {
    if ($(sel).value) p.set(key, $(sel).value);
  }
  const kinds = checkedEdgeKinds();
  if (kinds.length < Object.keys(EDGES).length) p.set('edges', kinds.join(','));
  if (timeRange?.from) p.set('from', timeRange.from);
  if (timeRange?.to) p.set('to', timeRange.to);
  if (colourMode !== 'kind') p.set('colour', colourMode);
  if ($('#depth').value !== '1') p.set('depth', $('#depth').value);
  if (selectedID && cy.getElementById(selectedID).nonempty()) p.set('sel', selectedID);
  return p;
}

function saveState() {
  if (restoring) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const p = viewState().toString();
    const hash = p ? `#${p}` : '';
    if (hash === location.hash) return;
    lastHash = hash;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, 150);
}

async function restoreState(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (![...p.keys()].length) return;
  restoring = true;
  const busy = note('Drawing the shared view…', 'info', 0);
  try {
    if (p.get('depth')) $('#depth').value = p.get('depth');
    if (p.get('colour')) {
      colourMode = p.get('colour');
      document.querySelectorAll('input[name=colour]').forEach((r) => { r.checked = r.value === colourMode; });
      buildLegend();
    }
    if (p.get('edges') != null) {
      const want = new Set(p.get('edges').split(',').filter(Boolean));
      document.querySelectorAll('#filter-edges input').forEach((i) => { i.checked = want.has(i.value); });
    }
    if (p.get('from') || p.get('to')) timeRange = { from: p.get('from') || '', to: p.get('to') || '' };
    for (const item of (p.get('x') || '').split(',').filter(Boolean)) {
      const [id, depth] = item.split('~');
      await expand(id, parseInt(depth, 10) || 1);
    }
    for (const item of (p.get('paths') || '').split(',').filter(Boolean)) {
      const [ends, pf, pt] = item.split('~');
      const [from, to] = ends.split('>');
      const period = pf || pt ? { from: pf || '', to: pt || '' } : null;
      const { paths } = await api(Q.paths, { from, to, period });
      drawnPaths.push([from, to, period]);
      await merge({ nodes: paths.flatMap((x) => x.nodes), edges: paths.flatMap((x) => x.edges) }, from);
    }
    for (const id of (p.get('rm') || '').split(',').filter(Boolean)) {
      const n = cy.getElementById(id);
      if (n.nonempty()) n.union(n.connectedEdges()).remove();
      expanded.delete(id);
      removedByHand.add(id);
    }
    for (const item of (p.get('pin') || '').split(',').filter(Boolean)) {
      const [id, at] = item.split('@');
      const [x, y] = (at || '').split(',').map(Number);
      const n = cy.getElementById(id);
      if (n.empty()) continue;
      if (Number.isFinite(x) && Number.isFinite(y)) n.position({ x, y });
      n.addClass('pinned');
    }
    resize();
    refreshFilters();
    for (const [key, sel] of [['country', '#filter-country'], ['funder', '#filter-funder'], ['source', '#filter-source']]) {
      if (p.get(key)) $(sel).value = p.get(key);
    }
    applyFilters();
    if (cy.nodes().nonempty()) await layout(false);
    setTime(timeRange);
    const sel = p.get('sel');
    if (sel && cy.getElementById(sel).nonempty()) {
      cy.getElementById(sel).select();
      showDetails(sel);
    }
    note('The shared view is drawn.');
  } catch (err) {
    fail(err, 'Could not draw the shared view');
  } finally {
    busy.remove();
    restoring = false;
    saveState();
    window.explorer.restored = true;
  }
}

async function copyLink() {
  clearTimeout(saveTimer);
  const p = viewState().toString();
  const url = `${location.origin}${location.pathname}${p ? `#${p}` : ''}`;
  history.replaceState(null, '', url);
  lastHash = location.hash;
  window.explorer.copiedLink = url;
  try {
    await navigator.clipboard.writeText(url);
    note('Link copied: it draws this view again.');
  } catch {
    note(`Copy this link: ${url}`, 'info', 20000);
  }
}

$('#copy-link').addEventListener('click', copyLink);
cy.on('dragfree', 'node.pinned', () => saveState());
// A link pasted into this tab (only the fragment changes) draws its view.
window.addEventListener('hashchange', () => { if (location.hash !== lastHash) location.reload(); });
window.explorer.state = () => viewState().toString();
window.explorer.time = () => ({ range: timeRange, inactive: cy.elements('.inactive').map((e) => e.id()) });

buildEdgeFilter();
buildLegend();
live();
(async () => {
  await loadPeriods();
  if (location.hash.length > 1) await restoreState(location.hash);
  else window.explorer.restored = true;
  const start = new URLSearchParams(location.search).get('q');
  if (start) { $('#search').value = start; search(start); }
})();
