// The standard introspection query of graphql-js (what GraphiQL, Apollo,
// urql, graphql-codegen, Insomnia and Postman send) against the running
// server at its default limits, and the schema built from the answer.
// Usage: node scripts/introspection.mjs http://host:port/graphql
import { createRequire } from "node:module";
const require = createRequire(new URL("../web/test/package.json", import.meta.url));
const { getIntrospectionQuery, buildClientSchema, printSchema } = require("graphql");

const url = process.argv[2];
let failed = 0;
for (const [name, options] of [
  ["graphql-js defaults", {}],
  ["every option (GraphiQL 4, Apollo)", { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }],
]) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query: getIntrospectionQuery(options), operationName: "IntrospectionQuery" }),
  });
  const body = await res.json();
  if (body.errors) {
    console.error(`introspection (${name}): ${res.status} ${JSON.stringify(body.errors)}`);
    failed++;
    continue;
  }
  const schema = buildClientSchema(body.data);
  const query = schema.getQueryType();
  const fields = Object.keys(query.getFields());
  if (!fields.includes("project") || !fields.includes("network")) {
    console.error(`introspection (${name}): Query lacks project or network: ${fields}`);
    failed++;
    continue;
  }
  console.log(`introspection (${name}): ${Object.keys(schema.getTypeMap()).length} types, Query has ${fields.length} fields, ${printSchema(schema).length} bytes of SDL`);
}
// A hostile query that hides deep nesting inside __type is still refused.
let deep = "name";
for (let i = 0; i < 10; i++) deep = `fields { type { ${deep} } }`;
const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: `{ __type(name: "Project") { ${deep} } }` }) });
const body = await res.json();
const code = body.errors?.[0]?.extensions?.code;
// gqlparser's own introspection-depth rule or the server's depth limit.
if (code !== "EDEPTH_LIMIT" && code !== "GRAPHQL_VALIDATION_FAILED") {
  console.error(`deep nesting inside __type: got ${JSON.stringify(body).slice(0, 300)}, want a refusal`);
  failed++;
} else {
  console.log(`introspection: deep nesting inside __type is refused (${code}: ${body.errors[0].message})`);
}
process.exit(failed ? 1 : 0);
