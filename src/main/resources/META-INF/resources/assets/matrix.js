// The matrix page's interaction: switching questionnaire or as-of date re-renders the matrix from the public
// /graphql API (the same query a third-party dashboard would write: the one shown on the page, docs/site-graphql.md),
// and the URL follows (?questionnaire=…&asOf=…) so the view stays shareable. A change stream
// (GET /api/changes/stream, server-sent events `change`) re-renders the matrix when a curator records a change;
// when the service has no stream (404), nothing happens: the page stays as rendered. Without JavaScript the form
// submits to the server, which renders the same matrix.
const form = document.getElementById('matrix-controls');
const table = document.getElementById('matrix');
const status = document.getElementById('matrix-status');
const QUERY = document.getElementById('matrix-query').textContent;

/** Five bands of response rate, as the server draws them (SiteData.band); 'nd' when none of the questions reached the lab. */
function band(rate, c) {
  if (c && c.total > 0 && c.notDelivered === c.total) return 'nd';
  if (rate === null || rate === undefined) return 'none';
  const r = Number(rate);
  return String(r <= 0 ? 0 : r <= 0.25 ? 1 : r <= 0.5 ? 2 : r <= 0.75 ? 3 : 4);
}

function percent(rate) {
  return `${Math.round(Number(rate) * 100)} %`;
}

function questionsHref(lab, topic, questionnaire) {
  const p = new URLSearchParams({ lab });
  if (topic) p.set('topic', topic);
  if (questionnaire) p.set('questionnaire', questionnaire);
  return `/questions?${p.toString().replaceAll('+', '%20')}`;
}

/** A cell's counts in words (its text alternative), as SiteData.cell writes it. */
function label(what, c) {
  if (!c) return `${what}: no question asked`;
  let s = `${what}: `;
  const undelivered = c.total > 0 && c.notDelivered === c.total;
  s += c.total === 0 ? 'no question known to have reached the lab'
    : `${c.answered} answered, ${c.partial} partial, ${c.unanswered} unanswered of ${c.total}`
      + (undelivered ? ', none of which reached the lab (not delivered)'
        : ` (response rate ${percent(c.responseRate)})${c.notDelivered > 0 ? `, ${c.notDelivered} of them never reached the lab (not delivered)` : ''}`);
  if (c.unknownDelivery > 0) s += `; ${c.unknownDelivery} more whose delivery to the lab is not known`;
  return s;
}

function el(name, attrs = {}, ...children) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function cell(topic, what, c, href) {
  const b = c ? band(c.responseRate, c) : 'none';
  const unknown = c ? c.unknownDelivery : 0;
  const text = label(what, c);
  const td = el('td', {
    class: `cell band-${b}${unknown > 0 ? ' has-unknown' : ''}`, 'data-topic': topic, title: text,
    'data-answered': c ? c.answered : 0, 'data-partial': c ? c.partial : 0, 'data-unanswered': c ? c.unanswered : 0, 'data-unknown': unknown,
  });
  if (b === 'none' && unknown === 0) {
    td.append(el('span', { 'aria-hidden': 'true' }, '—'), el('span', { class: 'sr' }, text));
    return td;
  }
  // the figures are seen, the sentence is read (screen readers): the link's name is the sentence
  const seen = el('span', { 'aria-hidden': 'true' }, el('span', { class: 'counts' }, `${c.answered}/${c.partial}/${c.unanswered}`));
  if (c.responseRate !== null && b !== 'nd') seen.append(el('span', { class: 'rate' }, percent(c.responseRate)));
  if (b === 'nd') seen.append(el('span', { class: 'nd' }, 'not delivered'));
  if (unknown > 0) seen.append(el('span', { class: 'unknown' }, `?${unknown}`));
  td.append(el('a', { href }, seen, el('span', { class: 'sr' }, text)));
  return td;
}

function render(cards, questionnaire, questionnaireTitle, asOf) {
  const roots = new Map();
  cards.forEach((card) => card.rootTopics.forEach((t) => roots.set(t.topic, t.name)));
  const columns = [...roots].sort((x, y) => x[1].localeCompare(y[1]));
  const caption = table.querySelector('caption');
  const key = caption.querySelector('.unknown-key');
  caption.replaceChildren(`Response rate of each lab by topic${questionnaireTitle ? `, ${questionnaireTitle}` : ''}${asOf ? `, as of ${asOf}` : ''}. `
    + 'Each cell: answered / partial / unanswered; colour by response rate (answered in full or in part); ', key,
  ': answers whose delivery to the lab is not known (not counted in the rate).');
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Lab'), el('th', { scope: 'col' }, 'All topics'));
  for (const [slug, name] of columns) {
    head.append(el('th', { scope: 'col' }, el('a', { href: `/questions?topic=${encodeURIComponent(slug)}` }, name)));
  }
  table.tHead.replaceChildren(head);
  const body = document.createElement('tbody');
  for (const card of cards) {
    const byRoot = new Map(card.rootTopics.map((t) => [t.topic, t.counts]));
    const tr = el('tr', { 'data-lab': card.lab },
      el('th', { scope: 'row' }, el('a', { href: `/labs/${encodeURIComponent(card.lab)}` }, card.name)),
      cell('', `${card.name}, all topics`, card.counts, questionsHref(card.lab, null, questionnaire)));
    for (const [slug, name] of columns) {
      tr.append(cell(slug, `${card.name}, ${name}`, byRoot.get(slug), questionsHref(card.lab, slug, questionnaire)));
    }
    body.append(tr);
  }
  table.tBodies[0].replaceWith(body);
}

let pending = null;
async function refresh(reason) {
  const questionnaire = form.questionnaire.value || null;
  const asOf = form.asOf.value || null;
  const title = questionnaire ? form.questionnaire.selectedOptions[0].textContent : null;
  const ticket = {};
  pending = ticket;
  status.textContent = 'Updating the matrix…';
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { questionnaire, asOf } }),
    });
    const result = await response.json();
    if (pending !== ticket) return; // a later request superseded this one
    if (result.errors?.length) {
      status.textContent = `Could not update the matrix: ${result.errors[0].message}`;
      return;
    }
    render(result.data.scorecards, questionnaire, title, asOf);
    document.body.dataset.matrixRendered = String(Number(document.body.dataset.matrixRendered ?? 0) + 1);
    status.textContent = reason === 'live' ? 'Matrix updated: a change was recorded.' : 'Matrix updated.';
  } catch (e) {
    if (pending === ticket) status.textContent = 'Could not update the matrix (the service did not answer).';
  }
}

function syncUrl() {
  const p = new URLSearchParams();
  if (form.questionnaire.value) p.set('questionnaire', form.questionnaire.value);
  if (form.asOf.value) p.set('asOf', form.asOf.value);
  const q = p.toString();
  history.pushState(null, '', q ? `/?${q}` : '/');
}

form.addEventListener('change', () => { syncUrl(); refresh('controls'); });
form.addEventListener('submit', (e) => { e.preventDefault(); syncUrl(); refresh('controls'); });
window.addEventListener('popstate', () => {
  const p = new URLSearchParams(location.search);
  form.questionnaire.value = p.get('questionnaire') ?? '';
  form.asOf.value = p.get('asOf') ?? '';
  refresh('history');
});

// live updates: only when the service offers the change stream; a 404 closes the EventSource, and that is all
if ('EventSource' in window) {
  const stream = new EventSource('/api/changes/stream');
  let timer = null;
  stream.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(() => refresh('live'), 150); // a burst of changes, one re-render
  });
  stream.addEventListener('error', () => {
    if (stream.readyState === EventSource.CLOSED) stream.close();
  });
}
