-- The all-labs dashboard (issue 15, "uncached speed") reads counts already rolled up to root topics.
--
-- answer_rollup holds how many answers there are per (lab, questionnaire, root topic, status, delivered): answer_tally
-- (V6) summed over each root topic's subtree. It is derived from answer_tally, not from answer: statement-level
-- triggers on answer_tally carry every change of the tally (which V6's triggers make for every write to answer and
-- every move of a question) to the rollup in the same transaction, and a trigger on topic moves the counts of a
-- re-parented subtree from its old root to its new one. So `scorecards` without a per-topic breakdown sums at most
-- labs x questionnaires x root topics x 3 x 3 rows (1.5k at bench size l) instead of labs x topics (76k).
-- Like answer_tally it is derived data: no data_change triggers (the writes it follows advance the data version).
-- Rows that reach zero are removed; deltas are applied in key order. AnswerRollupTest checks it against the answers.
--
-- Concurrency (READ COMMITTED, the service's isolation): a re-parenting reads answer_tally to move counts while other
-- transactions may be writing answers under the old tree. Each trigger takes its lock on answer_rollup in a statement
-- of its own before it reads, so its next statement sees what the other side committed: a re-parenting (SHARE ROW
-- EXCLUSIVE) waits for the writers in progress, and a writer that comes after it waits and then reads the new tree.

create table answer_rollup (
    lab_id           bigint      not null,
    questionnaire_id bigint      not null,
    root_topic_id    bigint      not null,
    status           varchar(20) not null,
    delivered        boolean,
    n                bigint      not null,
    constraint answer_rollup_key unique nulls not distinct (lab_id, questionnaire_id, root_topic_id, status, delivered)
);

-- Every topic with the root of its tree (parent_id null). A topic in a cycle has no root and is not listed: the
-- topic service refuses cycles.
create function topic_roots() returns table (topic_id bigint, root_id bigint) language sql stable as $$
    with recursive r (topic_id, root_id) as (
        select id, id from topic where parent_id is null
        union
        select t.id, r.root_id from topic t join r on t.parent_id = r.topic_id
    )
    select topic_id, root_id from r
$$;

create function answer_rollup_after_tally_insert() returns trigger language plpgsql as $$
begin
    lock table answer_rollup in row exclusive mode;
    insert into answer_rollup as u (lab_id, questionnaire_id, root_topic_id, status, delivered, n)
    select t.lab_id, t.questionnaire_id, r.root_id, t.status, t.delivered, sum(t.n)
      from new_rows t join topic_roots() r on r.topic_id = t.topic_id
     group by 1, 2, 3, 4, 5
    having sum(t.n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, questionnaire_id, root_topic_id, status, delivered) do update set n = u.n + excluded.n;
    delete from answer_rollup where n = 0 and lab_id in (select distinct lab_id from new_rows);
    return null;
end $$;

create function answer_rollup_after_tally_update() returns trigger language plpgsql as $$
begin
    lock table answer_rollup in row exclusive mode;
    insert into answer_rollup as u (lab_id, questionnaire_id, root_topic_id, status, delivered, n)
    select x.lab_id, x.questionnaire_id, r.root_id, x.status, x.delivered, sum(x.n)
      from (select lab_id, questionnaire_id, topic_id, status, delivered, -n n from old_rows
            union all
            select lab_id, questionnaire_id, topic_id, status, delivered, n from new_rows) x
      join topic_roots() r on r.topic_id = x.topic_id
     group by 1, 2, 3, 4, 5
    having sum(x.n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, questionnaire_id, root_topic_id, status, delivered) do update set n = u.n + excluded.n;
    delete from answer_rollup where n = 0 and lab_id in (select distinct lab_id from old_rows);
    return null;
end $$;

create function answer_rollup_after_tally_delete() returns trigger language plpgsql as $$
begin
    lock table answer_rollup in row exclusive mode;
    insert into answer_rollup as u (lab_id, questionnaire_id, root_topic_id, status, delivered, n)
    select t.lab_id, t.questionnaire_id, r.root_id, t.status, t.delivered, -sum(t.n)
      from old_rows t join topic_roots() r on r.topic_id = t.topic_id
     group by 1, 2, 3, 4, 5
    having sum(t.n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, questionnaire_id, root_topic_id, status, delivered) do update set n = u.n + excluded.n;
    delete from answer_rollup where n = 0 and lab_id in (select distinct lab_id from old_rows);
    return null;
end $$;

create function answer_rollup_after_tally_truncate() returns trigger language plpgsql as $$
begin
    truncate answer_rollup;
    return null;
end $$;

-- A topic that changes parent takes its subtree's counts from its old root to its new one. The old tree is the
-- topic table with the updated rows' old parents; both trees' roots are compared for every topic, so a statement
-- that re-parents several topics (or a topic and its ancestor) moves each subtree once, to where it ends up.
create function answer_rollup_after_topic_update() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from old_rows o join new_rows n on n.id = o.id where o.parent_id is distinct from n.parent_id) then
        return null; -- a new name, slug or description: no count moves
    end if;
    lock table answer_rollup in share row exclusive mode;
    with recursive old_tree as (
        select t.id, case when o.id is null then t.parent_id else o.parent_id end parent_id
          from topic t left join old_rows o on o.id = t.id
    ), old_roots (topic_id, root_id) as (
        select id, id from old_tree where parent_id is null
        union
        select t.id, r.root_id from old_tree t join old_roots r on t.parent_id = r.topic_id
    ), moved as (
        select o.topic_id, o.root_id old_root, n.root_id new_root
          from old_roots o join topic_roots() n on n.topic_id = o.topic_id
         where o.root_id <> n.root_id
    ), deltas as (
        select t.lab_id, t.questionnaire_id, m.old_root root_topic_id, t.status, t.delivered, -t.n n
          from moved m join answer_tally t on t.topic_id = m.topic_id
        union all
        select t.lab_id, t.questionnaire_id, m.new_root, t.status, t.delivered, t.n
          from moved m join answer_tally t on t.topic_id = m.topic_id
    )
    insert into answer_rollup as u (lab_id, questionnaire_id, root_topic_id, status, delivered, n)
    select lab_id, questionnaire_id, root_topic_id, status, delivered, sum(n)
      from deltas
     group by 1, 2, 3, 4, 5
    having sum(n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, questionnaire_id, root_topic_id, status, delivered) do update set n = u.n + excluded.n;
    delete from answer_rollup where n = 0;
    return null;
end $$;

create trigger answer_rollup_insert after insert on answer_tally
    referencing new table as new_rows for each statement execute function answer_rollup_after_tally_insert();
create trigger answer_rollup_update after update on answer_tally
    referencing old table as old_rows new table as new_rows for each statement execute function answer_rollup_after_tally_update();
create trigger answer_rollup_delete after delete on answer_tally
    referencing old table as old_rows for each statement execute function answer_rollup_after_tally_delete();
create trigger answer_rollup_truncate after truncate on answer_tally
    for each statement execute function answer_rollup_after_tally_truncate();
create trigger answer_rollup_topic_update after update on topic
    referencing old table as old_rows new table as new_rows for each statement execute function answer_rollup_after_topic_update();

insert into answer_rollup (lab_id, questionnaire_id, root_topic_id, status, delivered, n)
select t.lab_id, t.questionnaire_id, r.root_id, t.status, t.delivered, sum(t.n)
  from answer_tally t join topic_roots() r on r.topic_id = t.topic_id
 group by 1, 2, 3, 4, 5;

-- The lab's own replies (kind LAB_REPLY, V13) are counted from the answers themselves, for any number of labs: this
-- index holds them alone, so the count no longer scans every answer.
create index answer_lab_reply_idx on answer (lab_id) where kind = 'LAB_REPLY';
