// The README's GraphQL queries are the documents the typed dashboard is generated for: every ```graphql block of the
// README's "GraphQL for dashboards" section goes to contract/generated/graphql/documents/ (one file per operation) and
// into documents.json (operation name -> text, read by dashboard.ts), so the README and the contract cannot drift.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'graphql';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const start = readme.indexOf('## GraphQL for dashboards');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0) { console.error('README.md has no "## GraphQL for dashboards" section'); process.exit(1); }
const section = readme.slice(start, end < 0 ? undefined : end);
const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
const dir = new URL('../generated/graphql/documents/', import.meta.url);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const byName = {};
for (const text of blocks) {
  const doc = parse(text); // a README block that is not GraphQL fails here
  for (const def of doc.definitions) {
    if (def.kind !== 'OperationDefinition' || !def.name) { console.error('every README operation needs a name:', text.slice(0, 80)); process.exit(1); }
    if (def.operation !== 'query') continue; // mutations need a token: documented, not run
    byName[def.name.value] = text;
    writeFileSync(new URL(`${def.name.value}.graphql`, dir), text);
  }
}
writeFileSync(new URL('../generated/graphql/documents.json', import.meta.url), JSON.stringify(byName, null, 2));
console.log(`  README: ${blocks.length} graphql blocks, queries ${Object.keys(byName).join(', ')}`);
if (Object.keys(byName).length === 0) process.exit(1);
