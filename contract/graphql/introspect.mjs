// The standard introspection query (graphql-js' getIntrospectionQuery, as GraphiQL, Apollo and graphql-codegen send
// it) against the running service: fails on any error, saves the result and the client schema it builds into
// contract/generated/graphql/, checks that the served SDL builds into the same schema, and prints counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, printSchema, isObjectType, isInputObjectType, isEnumType,
  isScalarType, isNonNullType, isListType, findBreakingChanges, findDangerousChanges,
} from 'graphql';

const url = process.env.LABLEDGER_URL;
const out = new URL('../generated/graphql/', import.meta.url);
mkdirSync(out, { recursive: true });

const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true, directiveIsRepeatable: true });
const res = await fetch(`${url}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' },
  body: JSON.stringify({ query }),
});
const body = await res.json();
if (res.status !== 200 || body.errors) {
  console.error(`introspection: HTTP ${res.status}`, JSON.stringify(body.errors ?? body).slice(0, 2000));
  process.exit(1);
}
writeFileSync(new URL('introspection.json', out), JSON.stringify(body, null, 2));
const schema = buildClientSchema(body.data);
writeFileSync(new URL('schema.graphql', out), printSchema(schema));

// the served SDL must be valid on its own and describe the same schema
const sdl = await (await fetch(`${url}/graphql/schema.graphql`)).text();
const served = buildSchema(sdl);
const drift = [...findBreakingChanges(served, schema), ...findDangerousChanges(served, schema)];
if (drift.length) {
  console.error('the served SDL and the introspected schema differ:', drift.map((d) => d.description).join('; '));
  process.exit(1);
}

const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
let fields = 0, nullable = 0, args = 0, undescribed = [], nullableItems = [];
const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
for (const t of types) {
  if (builtIn.has(t.name)) continue;
  if (!t.description) undescribed.push(t.name);
  if (isScalarType(t) && !t.specifiedByURL) undescribed.push(`${t.name} (@specifiedBy)`);
  if (isObjectType(t)) {
    for (const f of Object.values(t.getFields())) {
      fields++;
      if (!isNonNullType(f.type)) nullable++;
      const inner = isNonNullType(f.type) ? f.type.ofType : f.type;
      if (isListType(inner) && !isNonNullType(inner.ofType)) nullableItems.push(`${t.name}.${f.name}`);
      if (!f.description) undescribed.push(`${t.name}.${f.name}`);
      for (const a of f.args) { args++; if (!a.description) undescribed.push(`${t.name}.${f.name}(${a.name})`); }
    }
  }
  if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) if (!f.description) undescribed.push(`${t.name}.${f.name}`);
  if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) undescribed.push(`${t.name}.${v.name}`);
}
const enumValues = types.filter(isEnumType).reduce((n, t) => n + t.getValues().length, 0);
console.log(`  introspection: ${types.length} types, ${fields} output fields (${nullable} nullable), ${args} arguments, ${enumValues} enum values; scalars ${types.filter(isScalarType).map((t) => t.name + (t.specifiedByURL ? '@' : '')).join(' ')}`);
if (undescribed.length || nullableItems.length) {
  console.error('  without description:', undescribed.join(' ') || '-');
  console.error('  lists of nullable items:', nullableItems.join(' ') || '-');
  process.exit(1);
}
