// Commit-to-client latency of LabLedger's live updates, for bench/run.sh (bench/README.md, "Live updates").
//
//   node bench/live.mjs BASE_URL TOKEN LAB RATE_PER_S EVENTS [WRITE_BASE_URL]
//
// Opens two subscribers on BASE_URL: the server-sent events of GET /api/changes/stream?type=answer&lab=LAB and the
// GraphQL subscription `changes(types: ["answer"], labs: [LAB])` over WebSocket (graphql-transport-ws, the
// `graphql-ws` client pinned in bench/peer/package.json). Then it writes EVENTS times, at RATE_PER_S writes per
// second on a fixed schedule (open loop: a late write does not push the next ones back; at most 8 in flight), to
// WRITE_BASE_URL (default BASE_URL; another replica to measure across replicas): PATCH /api/answers/{id} with a
// merge patch of `summary`, as a curator (TOKEN), round-robin over 50 of LAB's answers, with each answer's current
// ETag as If-Match. A write commits one transaction, which advances the data version; PostgreSQL notifies every
// replica on commit (LISTEN/NOTIFY), and the replica pushes one `answer` change to each subscriber.
//
// Measured per write, matched to its event by the answer id (the change's `key`): the time from just before the
// PATCH is sent to the event's arrival ("from send": the write's own processing + commit + notify + push), and from
// the PATCH's response to the event's arrival ("from ack": may be negative, since the event can overtake the
// response). Clock: performance.now() of this one process. Events of writes that failed, or that never arrived
// within 5 s of the last write, are counted as missing. At the end each answer's original summary is restored.
// Prints one JSON line: {sse: {n, missing, fromSend: {p50, p99, max}, fromAck: {...}}, graphql: {...}, writes: {...}}.
// the packages are bench/peer's (npm ci there): resolved from its node_modules
import { createRequire } from 'node:module';
const require = createRequire(new URL('./peer/package.json', import.meta.url));
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

const [base, token, lab, rateArg, eventsArg, writeBaseArg] = process.argv.slice(2);
const rate = Number(rateArg || 20);
const total = Number(eventsArg || 200);
const writeBase = writeBaseArg || base;
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const auth = { Authorization: `Bearer ${token}` };
// the lab's answers (ids), from the public list
const list = await (await fetch(`${base}/api/answers?lab=${encodeURIComponent(lab)}&size=50`)).json();
const ids = list.items.map((a) => a.id);
if (ids.length === 0) throw new Error(`no answers for lab ${lab}`);
const state = new Map(); // id -> {etag, summary}
for (const id of ids) {
  const r = await fetch(`${writeBase}/api/answers/${id}`, { headers: auth });
  const body = await r.json();
  state.set(id, { etag: r.headers.get('etag'), summary: body.summary ?? null });
}

const pending = { sse: new Map(), graphql: new Map() }; // answer id -> write record
const results = { sse: [], graphql: [] };
const arrive = (channel, key) => {
  const w = pending[channel].get(String(key));
  if (!w) return;
  pending[channel].delete(String(key));
  w[channel] = now();
  results[channel].push(w);
};

// SSE subscriber
const sseAbort = new AbortController();
let sseReady;
const sseOpen = new Promise((r) => (sseReady = r));
(async () => {
  const res = await fetch(`${base}/api/changes/stream?type=answer&lab=${encodeURIComponent(lab)}`, { signal: sseAbort.signal });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  sseReady();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: change') && data) {
          const change = JSON.parse(data.slice(6));
          for (const k of change.keys) arrive('sse', k);
        }
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') console.error('[live] sse:', e.message);
  }
})();

// GraphQL subscriber
const client = createClient({ url: base.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
let gqlReady;
const gqlOpen = new Promise((r) => (gqlReady = r));
client.on('connected', () => gqlReady());
const unsubscribe = client.subscribe(
  { query: `subscription { changes(types: ["answer"], labs: [${JSON.stringify(lab)}]) { version type key keys } }` },
  {
    next: (m) => { if (m.data?.changes) for (const k of m.data.changes.keys) arrive('graphql', k); else if (m.errors) console.error('[live] graphql:', JSON.stringify(m.errors)); },
    error: (e) => console.error('[live] graphql error:', e?.message || JSON.stringify(e)),
    complete: () => {},
  },
);
await Promise.all([sseOpen, gqlOpen]);
await sleep(1000); // let both subscriptions register on the server

let failed = 0;
let inFlight = 0;
const writeLatency = [];
const start = now();
const interval = 1000 / rate;
const writes = [];
for (let n = 0; n < total; n++) {
  const due = start + n * interval;
  const wait = due - now();
  if (wait > 0) await sleep(wait);
  while (inFlight >= 8) await sleep(1);
  const id = ids[n % ids.length];
  const s = state.get(id);
  if (s.busy) { failed++; continue; } // the previous write to this answer is still in flight
  s.busy = true;
  inFlight++;
  const w = { id, sent: now() };
  pending.sse.set(String(id), w);
  pending.graphql.set(String(id), w);
  writes.push((async () => {
    try {
      const r = await fetch(`${writeBase}/api/answers/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': s.etag },
        body: JSON.stringify({ summary: `bench/live.mjs write ${n}` }),
      });
      await r.arrayBuffer();
      w.ack = now();
      writeLatency.push(w.ack - w.sent);
      if (r.ok) s.etag = r.headers.get('etag');
      else { failed++; pending.sse.delete(String(id)); pending.graphql.delete(String(id)); console.error(`[live] write ${n}: ${r.status}`); }
    } finally {
      s.busy = false;
      inFlight--;
    }
  })());
}
await Promise.all(writes);
const elapsed = (now() - start) / 1000;
for (let t = 0; t < 50 && (pending.sse.size || pending.graphql.size); t++) await sleep(100);

// restore the summaries
for (const [id, s] of state) {
  const r = await fetch(`${writeBase}/api/answers/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': s.etag },
    body: JSON.stringify({ summary: s.summary }),
  });
  await r.arrayBuffer();
  if (!r.ok) console.error(`[live] restoring answer ${id}: ${r.status}`);
}
sseAbort.abort();
unsubscribe();
await client.dispose();

const pct = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10;
};
const summary = (xs) => ({ p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });
const out = { writes: { n: total, failed, per_s: Math.round((total / elapsed) * 10) / 10, latency: summary(writeLatency) } };
for (const ch of ['sse', 'graphql']) {
  const rs = results[ch].filter((w) => w.ack !== undefined);
  out[ch] = {
    n: rs.length,
    missing: total - failed - rs.length,
    fromSend: summary(rs.map((w) => w[ch] - w.sent)),
    fromAck: summary(rs.map((w) => w[ch] - w.ack)),
  };
}
console.log(JSON.stringify(out));
process.exit(0);
