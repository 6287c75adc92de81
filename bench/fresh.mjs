// Freshness across replicas, for bench/run.sh (bench/README.md, "Two replicas"): how long after a write through
// replica A replica B's anonymous, cacheable reads show it.
//
//   node bench/fresh.mjs A_URL B_URL TOKEN LAB N
//
// N times: read answer X on B anonymously (GET /api/answers/{id}: B's response cache keeps it), PATCH X's summary on A
// as a curator (If-Match: its ETag), then from A's response on read X on B again, back to back (one request at a
// time), until B's body carries the new summary. Delay = from A's response to the first such response of B. B learns
// the new data version by PostgreSQL's notification (LISTEN/NOTIFY) or, if one is lost, by its periodic check
// (labledger.changes.check-interval, 1 s): until then it may serve the old cached body. Restores each summary after.
// Prints one JSON line: {n, p50, p99, max, polls_p50} (ms).
const [a, b, token, lab, nArg] = process.argv.slice(2);
const n = Number(nArg || 20);
const auth = { Authorization: `Bearer ${token}` };
const now = () => performance.now();
const list = await (await fetch(`${a}/api/answers?lab=${encodeURIComponent(lab)}&size=20`)).json();
const ids = list.items.map((x) => x.id);
const delays = [];
const polls = [];
const original = new Map();
for (let i = 0; i < n; i++) {
  const id = ids[i % ids.length];
  const cur = await fetch(`${a}/api/answers/${id}`, { headers: auth });
  const body = await cur.json();
  if (!original.has(id)) original.set(id, body.summary ?? null);
  await (await fetch(`${b}/api/answers/${id}`)).arrayBuffer(); // B caches the current body
  await (await fetch(`${b}/api/answers/${id}`)).arrayBuffer();
  const marker = `bench/fresh.mjs ${Date.now()}-${i}`;
  const w = await fetch(`${a}/api/answers/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': cur.headers.get('etag') },
    body: JSON.stringify({ summary: marker }),
  });
  await w.arrayBuffer();
  const ack = now();
  if (!w.ok) { console.error(`[fresh] write: ${w.status}`); continue; }
  let k = 0;
  for (;;) {
    k++;
    const r = await (await fetch(`${b}/api/answers/${id}`)).json();
    if (r.summary === marker) break;
    if (now() - ack > 10000) { console.error('[fresh] not visible on B after 10 s'); break; }
  }
  delays.push(now() - ack);
  polls.push(k);
  await new Promise((r) => setTimeout(r, 50));
}
for (const [id, summary] of original) {
  const cur = await fetch(`${a}/api/answers/${id}`, { headers: auth });
  await cur.arrayBuffer();
  const r = await fetch(`${a}/api/answers/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': cur.headers.get('etag') },
    body: JSON.stringify({ summary }),
  });
  await r.arrayBuffer();
}
const pct = (xs, p) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 10) / 10 : null;
};
console.log(JSON.stringify({ n: delays.length, p50: pct(delays, 50), p99: pct(delays, 99), max: pct(delays, 100), polls_p50: pct(polls, 50) }));
