// Checks that every package `make run` installs (web/package-lock.json)
// accepts the running Node in its `engines.node` field, so `make run` prints
// no npm EBADENGINE warning. Understands the forms the lock file uses:
// ">=A[.B[.C]]", "^A.B.C" and alternatives joined by "||".
//
//   node scripts/engines.mjs web/package-lock.json
import { readFileSync } from 'node:fs';

const file = process.argv[2] || 'web/package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const have = process.versions.node.split('.').map(Number);

const parse = (v) => { const p = v.split('.').map(Number); while (p.length < 3) p.push(0); return p; };
const cmp = (a, b) => { for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; };
function satisfies(range) {
  return range.split('||').map((r) => r.trim()).some((r) => {
    if (r.startsWith('>=')) return cmp(have, parse(r.slice(2).trim())) >= 0;
    if (r.startsWith('^')) { const want = parse(r.slice(1).trim()); return have[0] === want[0] && cmp(have, want) >= 0; }
    throw new Error(`engines.mjs: unknown range form ${JSON.stringify(r)}; teach it this form`);
  });
}

const refused = [];
let checked = 0;
for (const [path, pkg] of Object.entries(lock.packages || {})) {
  const range = pkg.engines && pkg.engines.node;
  if (!range || !path) continue;
  checked++;
  if (!satisfies(range)) refused.push(`${path.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${range}`);
}
if (refused.length) {
  console.error(`engines: Node ${process.versions.node} is refused by ${refused.length} package(s) of ${file}:\n  ${refused.join('\n  ')}`);
  process.exit(1);
}
console.log(`engines: ${checked} packages of ${file} accept Node ${process.versions.node}`);
