// A typed client generated from the served OpenAPI document (openapi-typescript -> ../generated/api.d.ts) and
// openapi-fetch, calling the running service ($LABLEDGER_URL) the way any TypeScript client would. Compiled with
// tsc --strict: a body typed `unknown` (an empty schema) or an undocumented status would not compile, so the
// compile is half of the check; the run asserts the values the seed data holds and throws on any mismatch.
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/api.js";

type Problem = components["schemas"]["Problem"];
type LabSummary = components["schemas"]["LabSummary"];

const baseUrl = process.env.LABLEDGER_URL;
if (!baseUrl) {
  throw new Error("LABLEDGER_URL is not set");
}
const api = createClient<paths>({ baseUrl });
let checks = 0;

/** The JSON side of an operation that also speaks text/csv (with Accept: text/csv); this client asks for JSON. */
function json<T>(body: T | string | undefined, what: string): T {
  if (body === undefined || typeof body === "string") {
    throw new Error(`contract/openapi: ${what} is not a JSON body`);
  }
  return body;
}

function expect(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error("contract/openapi: " + what);
  }
  checks++;
}

// 1. listLabs: the paging envelope, typed per item, with X-Total-Count
{
  const { data, error, response } = await api.GET("/api/labs", { params: { query: { size: 200 } } });
  expect(error === undefined && data !== undefined, `listLabs answered ${response.status}`);
  const labs: LabSummary[] = data.items;
  const slugs: string[] = labs.map((l) => l.slug ?? "");
  expect(slugs.includes("anthropic") && slugs.includes("openai"), `listLabs names anthropic and openai: ${slugs}`);
  expect(data.totalItems === labs.length && data.page === 0 && data.size === 200, "listLabs envelope: " + JSON.stringify({ ...data, items: labs.length }));
  expect(response.headers.get("X-Total-Count") === String(data.totalItems), "X-Total-Count = totalItems");
}

// 2. getLab 'anthropic', then 3. the same GET with its ETag: 304, no body
let labTag = "";
{
  const { data, error, response } = await api.GET("/api/labs/{slug}", { params: { path: { slug: "anthropic" } } });
  expect(error === undefined && data !== undefined, `getLab answered ${response.status}`);
  const name: string | undefined = data.name;
  expect(name === "Anthropic" && data.slug === "anthropic", "getLab anthropic is Anthropic: " + name);
  expect((data.questionCount ?? 0) > 0, "anthropic was asked questions");
  labTag = response.headers.get("ETag") ?? "";
  // "v<version>-<hash of the body>", weak (W/) when the body goes out compressed (fetch asks for gzip)
  expect(/^(W\/)?"v\d+-[A-Za-z0-9_-]+"$/.test(labTag), "getLab has the version-and-body ETag: " + labTag);
}
{
  const { data, response } = await api.GET("/api/labs/{slug}", {
    params: { path: { slug: "anthropic" }, header: { "If-None-Match": labTag } },
  });
  expect(response.status === 304, `conditional getLab with If-None-Match ${labTag}: ${response.status}`);
  expect(data === undefined, "a 304 has no body");
}

// 4. listQuestions with filters: enum-typed status, the lab's answer only
{
  const { data, error, response } = await api.GET("/api/questions", {
    params: { query: { lab: "anthropic", status: ["ANSWERED", "PARTIAL"], size: 50 } },
  });
  expect(error === undefined && data !== undefined, `listQuestions answered ${response.status}`);
  expect(data.totalItems === 3 && data.items.length === 3, "anthropic answered or partly answered 3 questions, got " + data.totalItems);
  for (const q of data.items) {
    const answers = q.answers ?? [];
    expect(answers.length === 1 && answers[0]?.lab === "anthropic", `${q.key}: only anthropic's answer`);
    const status = answers[0]?.status;
    expect(status === "ANSWERED" || status === "PARTIAL", `${q.key}: status ${status}`);
  }
  expect((response.headers.get("Link") ?? "").includes('rel="first"'), "listQuestions has Link headers");
}

// 5. a lab's scorecard
{
  const { data: body, error, response } = await api.GET("/api/labs/{slug}/scorecard", { params: { path: { slug: "anthropic" } } });
  expect(error === undefined, `getLabScorecard answered ${response.status}`);
  const data = json(body, "getLabScorecard");
  const total: number | undefined = data.counts?.total;
  // 12 questions known to have reached Anthropic (33 before V9's uncertain delivery and suggested questions)
  expect(data.lab === "anthropic" && total === 12, "anthropic's scorecard counts 12 questions, got " + total);
  expect(data.counts?.unknownDelivery === 17, "and 17 of unknown delivery, got " + data.counts?.unknownDelivery);
  expect((data.rootTopics ?? []).length > 0, "the scorecard has root topics");
}

// 6. getAnswer, found through listAnswers; its ETag starts with its version
{
  const list = await api.GET("/api/answers", { params: { query: { lab: "anthropic", status: ["ANSWERED"], size: 10 } } });
  const rows = json(list.data, "listAnswers").items;
  expect(rows.length >= 1, "anthropic has an ANSWERED answer");
  const id = rows[0]?.id;
  expect(typeof id === "number", "an answer row has a numeric id");
  const { data, error, response } = await api.GET("/api/answers/{id}", { params: { path: { id } } });
  expect(error === undefined && data !== undefined, `getAnswer ${id} answered ${response.status}`);
  expect(data.lab === "anthropic" && data.status === "ANSWERED", `answer ${id}: ${data.lab} ${data.status}`);
  const answerTag = response.headers.get("ETag") ?? "";
  expect(answerTag.replace(/^W\//, "").startsWith(`"v${data.version}-`), "getAnswer's ETag starts with its version: " + answerTag);
}

// 7. errors are typed problems: an unknown lab (404) and a bad page size (400 listing the parameter)
{
  const { data, error, response } = await api.GET("/api/labs/{slug}", { params: { path: { slug: "no-such-lab" } } });
  expect(data === undefined && error !== undefined, `an unknown lab is an error, got ${response.status}`);
  const problem: Problem = error;
  expect(response.status === 404 && problem.status === 404 && problem.type.endsWith("/not-found"), "404 problem: " + JSON.stringify(problem));
  expect(response.headers.get("Content-Type")?.startsWith("application/problem+json") === true, "problems are application/problem+json");
}
{
  const { error, response } = await api.GET("/api/questions", { params: { query: { size: 0 } } });
  expect(error !== undefined && response.status === 400, `size=0 is a 400, got ${response.status}`);
  const fields: string[] = (error.errors ?? []).map((e) => e.field);
  expect(fields.includes("size"), "the 400 problem names the parameter: " + fields);
}

console.log(`  openapi: typed client (openapi-fetch) ran ${checks} checks over listLabs, getLab, getLab 304, listQuestions, getLabScorecard, listAnswers, getAnswer and two problems`);
