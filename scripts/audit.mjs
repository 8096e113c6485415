// Runs the GraphQL-over-HTTP audit suite (npm graphql-http, serverAudits)
// against a running server: zero MUST failures and zero SHOULD warnings.
//
//   node scripts/audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from '../web/test/node_modules/graphql-http/lib/index.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/audit.mjs URL');
  process.exit(2);
}
let errors = 0, warnings = 0, ok = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok' || result.status === 'notice') { ok++; continue; } // notices are MAYs
  if (result.status === 'error') errors++; else warnings++;
  console.error(`${result.status.toUpperCase()} ${audit.name}: ${result.reason}`);
}
console.log(`audit: ${ok} ok, ${errors} MUST failures, ${warnings} SHOULD warnings`);
process.exit(errors + warnings > 0 ? 1 : 0);
