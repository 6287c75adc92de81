// The bundled GraphQL UI (GraphiQL from the Quarkus extension) in Chromium: it loads, fetches the schema with its
// introspection query (no error), shows the schema in the documentation explorer, runs a query and shows data from the
// seeds. Every request must go to the service itself (no CDN). On failure a screenshot goes to target/.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.LABLEDGER_URL;
const origin = new URL(url).origin;
const profile = mkdtempSync(join(tmpdir(), 'labledger-ui-'));
const shot = new URL('../../target/graphql-ui-failure.png', import.meta.url).pathname;
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.LABLEDGER_CHROMIUM ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic'],
});
const page = context.pages()[0] ?? await context.newPage();
const foreign = [];
const pageErrors = [];
page.on('request', (r) => { const u = new URL(r.url()); if (u.protocol.startsWith('http') && u.origin !== origin) foreign.push(r.url()); });
page.on('pageerror', (e) => pageErrors.push(String(e)));
let failed = false;
try {
  const introspection = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('__schema'), { timeout: 30000 });
  const query = '{ lab(slug: "anthropic") { slug name scorecard { counts { total responseRate } } } }';
  await page.goto(`${url}/q/graphql-ui/?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  const schemaResponse = await introspection;
  const schema = await schemaResponse.json();
  if (schemaResponse.status() !== 200 || schema.errors || !schema.data?.__schema) {
    throw new Error(`the UI's introspection failed: HTTP ${schemaResponse.status()} ${JSON.stringify(schema.errors)}`);
  }
  // the documentation explorer lists the Query type's fields once the schema is loaded
  await page.locator('[aria-label*="Documentation Explorer"]').first().click();
  const queryType = page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first();
  await queryType.waitFor({ timeout: 10000 });
  await queryType.click();
  await page.locator('.graphiql-doc-explorer').getByText('scorecards', { exact: true }).first().waitFor({ timeout: 10000 });
  // run the query from the URL and read the result pane
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('"anthropic"').first().waitFor({ timeout: 15000 });
  const text = await result.innerText();
  if (!text.includes('"Anthropic"') || !text.includes('"total": 12') || text.includes('"errors"')) {
    throw new Error(`unexpected result: ${text.slice(0, 500)}`);
  }
  if (foreign.length) throw new Error(`the UI loaded from elsewhere than the service (CDN?): ${foreign.join(' ')}`);
  if (pageErrors.length) throw new Error(`script errors in the UI: ${pageErrors.join('; ')}`);
  console.log(`  graphql-ui: schema loaded (${schema.data.__schema.types.length} types), Query fields in the doc explorer, query run: anthropic total 12; every request to ${origin}`);
} catch (e) {
  failed = true;
  mkdirSync(new URL('../../target/', import.meta.url), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  console.error(`  graphql-ui: FAILED: ${e.message} (screenshot: ${shot})`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
