// Lints every Cypher statement of neo4jstore with Neo4j's own Cypher front
// end (@neo4j-cypher/language-support): syntax, undefined variables and
// parameters, implicit grouping, deprecations, unknown labels and types.
// Zero diagnostics is the bar.
//
//   go run ./neo4jstore/cmd/cypherdump | node scripts/lint-cypher.mjs
import { lintCypherQuery } from '../web/test/node_modules/@neo4j-cypher/language-support/dist/esm/project/language-support/src/index.js';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const dump = JSON.parse(input);
// A canary: a statement with an undefined variable must be caught, or the
// linter is not doing its job and a clean result would mean nothing.
const canary = lintCypherQuery('MATCH (p:Project) RETURN q', { labels: dump.labels });
if (canary.diagnostics.length === 0) {
  console.error('lint-cypher: the linter found nothing wrong in a broken statement; is the package working?');
  process.exit(1);
}
let problems = 0;
for (const st of dump.statements) {
  const schema = {
    labels: dump.labels,
    relationshipTypes: dump.relationshipTypes,
    propertyKeys: dump.propertyKeys,
    parameters: st.params ?? {},
  };
  const { diagnostics } = lintCypherQuery(st.cypher, schema);
  for (const d of diagnostics) {
    problems++;
    const kind = d.severity === 1 ? 'error' : 'warning';
    console.error(`${st.name}: ${kind} at ${d.offsets?.start ?? '?'}: ${d.message}\n    ${st.cypher.replace(/\n/g, '\n    ')}`);
  }
}
if (problems > 0) {
  console.error(`lint-cypher: ${problems} diagnostics in ${dump.statements.length} statements`);
  process.exit(1);
}
console.log(`lint-cypher: ${dump.statements.length} statements, 0 diagnostics`);
