-- The peer's like-for-like workload 3: the same scorecards LabLedger's GraphQL `scorecards` computes (counts by
-- status and response rate per lab, and per root topic with its subtopics), from the same table (answer_tally),
-- computed inside PostgreSQL and exposed by PostGraphile v4 as computed columns of `Lab`:
--   allLabs(orderBy: SLUG_ASC) { nodes { slug benchCounts { total answered partial responseRate }
--                                        benchRootTopics { nodes { topic total responseRate } } } }
-- Applied to a benchmark database by bench/peer.sh (idempotent), never by LabLedger's migrations: the objects are
-- named bench_* / lab_bench_* so that LabLedger's schema is recognisably untouched, and they change no data (no
-- data_change trigger fires; the data version does not move).
-- Same rules as org.labledger.answer.ScorecardService: counts are sums of answer_tally.n where the delivery is known
-- (delivered is not null); total = unanswered + partial + answered; responseRate = (partial + answered) / total and
-- answeredRate = answered / total, rounded half-up to 4 decimals, trailing zeros dropped, null when total is 0; a
-- topic counts towards its root topic (walked up parent_id); root topics ordered by slug; a lab without answers
-- gets zero counts and no root topics.
\set ON_ERROR_STOP on
set client_min_messages = warning;
begin;
drop function if exists lab_bench_counts(lab);
drop function if exists lab_bench_root_topics(lab);
drop type if exists bench_counts;
drop type if exists bench_topic_counts;
create type bench_counts as (total bigint, unanswered bigint, partial bigint, answered bigint,
                             response_rate numeric, answered_rate numeric);
create type bench_topic_counts as (topic text, name text, total bigint, unanswered bigint, partial bigint,
                                   answered bigint, response_rate numeric, answered_rate numeric);

create function lab_bench_counts(l lab) returns bench_counts language sql stable as $$
  select (u + p + a), u, p, a,
         case when u + p + a = 0 then null else trim_scale(round((p + a)::numeric / (u + p + a), 4)) end,
         case when u + p + a = 0 then null else trim_scale(round(a::numeric / (u + p + a), 4)) end
    from (select coalesce(sum(n) filter (where status = 'UNANSWERED' and delivered is not null), 0)::bigint u,
                 coalesce(sum(n) filter (where status = 'PARTIAL' and delivered is not null), 0)::bigint p,
                 coalesce(sum(n) filter (where status = 'ANSWERED' and delivered is not null), 0)::bigint a
            from answer_tally where lab_id = l.id) s
$$;

create function lab_bench_root_topics(l lab) returns setof bench_topic_counts language sql stable as $$
  with recursive roots (id, root_id) as (
      select id, id from topic where parent_id is null
      union all
      select t.id, r.root_id from topic t join roots r on t.parent_id = r.id),
  sums as (
      select r.root_id,
             coalesce(sum(n) filter (where status = 'UNANSWERED' and delivered is not null), 0)::bigint u,
             coalesce(sum(n) filter (where status = 'PARTIAL' and delivered is not null), 0)::bigint p,
             coalesce(sum(n) filter (where status = 'ANSWERED' and delivered is not null), 0)::bigint a
        from answer_tally t join roots r on r.id = t.topic_id
       where t.lab_id = l.id
       group by r.root_id)
  select rt.slug::text, rt.name::text, (u + p + a), u, p, a,
         case when u + p + a = 0 then null else trim_scale(round((p + a)::numeric / (u + p + a), 4)) end,
         case when u + p + a = 0 then null else trim_scale(round(a::numeric / (u + p + a), 4)) end
    from sums join topic rt on rt.id = sums.root_id
   order by rt.slug
$$;
comment on function lab_bench_counts(lab) is 'Benchmark peer (bench/peer/scorecards.sql): the lab''s scorecard counts, as LabLedger computes them';
comment on function lab_bench_root_topics(lab) is 'Benchmark peer (bench/peer/scorecards.sql): the lab''s counts per root topic, as LabLedger computes them';
commit;
