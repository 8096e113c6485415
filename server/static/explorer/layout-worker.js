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
    const big = nodes.length > 1500;
    cy.layout({
      name: 'fcose',
      animate: false,
      randomize,
      quality: 'default', // 'draft' needs randomize; incremental runs keep positions
      numIter: big ? 1000 : 2500,
      nodeRepulsion: 6000,
      idealEdgeLength: 70,
      nodeSeparation: 60,
      fixedNodeConstraint: fixed.length ? fixed : undefined,
    }).run();
    const positions = {};
    cy.nodes().forEach((n) => { positions[n.id()] = n.position(); });
    postMessage({ seq, positions, took: performance.now() - started });
  } catch (err) {
    postMessage({ seq, error: String(err && err.message || err) });
  }
};
