// Lays the drawing out off the main thread, so the page stays responsive
// while thousands of nodes are placed: a headless Cytoscape with the fCoSE
// layout gets the elements and the current positions, and answers with the
// new positions. Pinned nodes are fixed constraints.
importScripts(
  '/assets/vendor/cytoscape/cytoscape.min.js',
  '/assets/vendor/layout-base/layout-base.js',
  '/assets/vendor/cose-base/cose-base.js',
  '/assets/vendor/cytoscape-fcose/cytoscape-fcose.js',
);
cytoscape.use(cytoscapeFcose);

onmessage = (e) => {
  const { seq, nodes, edges, fixed, randomize } = e.data;
  const started = performance.now();
  try {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
      elements: {
        nodes: nodes.map((n) => ({ data: { id: n.id, size: n.size } })),
        edges: edges.map((x) => ({ data: { id: x.id, source: x.source, target: x.target } })),
      },
    });
    // Positions given with the elements are not taken by a headless
    // instance: set them, or an incremental layout starts from one point.
    const at = new Map(nodes.map((n) => [n.id, n.position]));
    cy.nodes().positions((n) => at.get(n.id()));
    // fCoSE's force-directed phase grows fast with the edges: over a few
    // hundred nodes or a few thousand edges only its spectral phase runs
    // (seconds for thousands of nodes), which places everything anew.
    const big = nodes.length > 700 || edges.length > 3000;
    cy.layout({
      name: 'fcose',
      animate: false,
      randomize: big || randomize,
      quality: big ? 'draft' : 'default', // 'draft' needs randomize
      numIter: 2500,
      nodeRepulsion: 6000,
      idealEdgeLength: 70,
      nodeSeparation: 60,
      fixedNodeConstraint: fixed.length ? fixed : undefined,
    }).run();
    const positions = {};
    cy.nodes().forEach((n) => { positions[n.id()] = n.position(); });
    if (big) {
      // The spectral phase alone packs nodes tighter than their sizes:
      // spread the drawing to about 60 px a node, pinned nodes aside.
      const bb = cy.nodes().boundingBox();
      const side = 60 * Math.sqrt(nodes.length);
      const k = side / Math.max(1, bb.w, bb.h);
      const pinned = new Set(fixed.map((f) => f.nodeId));
      if (k > 1) {
        for (const [id, p] of Object.entries(positions)) {
          if (!pinned.has(id)) positions[id] = { x: bb.x1 + (p.x - bb.x1) * k, y: bb.y1 + (p.y - bb.y1) * k };
        }
      }
    }
    postMessage({ seq, positions, took: performance.now() - started });
  } catch (err) {
    postMessage({ seq, error: String(err && err.message || err) });
  }
};
