-- Scorecards read pre-aggregated counts instead of scanning every answer on each request.
--
-- answer_tally holds how many answers there are per (lab, topic, questionnaire, status, delivered). It is derived
-- data, kept exact by statement-level triggers in the same transaction as every write to answer (and to question,
-- whose topic or questionnaire can move), so a scorecard costs the same at 1k or 5M answers: it sums at most
-- labs x topics x questionnaires x 3 x 2 rows. Rows that reach zero are removed. Transition tables make a bulk
-- insert (an import, bench/generate.sql) pay one grouped upsert per statement, not one per row. Deltas are
-- applied in key order, so concurrent writers lock tally rows in the same order.
-- AnswerTallyTest checks the tally against a live count after every kind of write.

create table answer_tally (
    lab_id           bigint      not null,
    topic_id         bigint      not null,
    questionnaire_id bigint      not null,
    status           varchar(20) not null,
    delivered        boolean     not null,
    n                bigint      not null,
    primary key (lab_id, topic_id, questionnaire_id, status, delivered)
);

create function answer_tally_after_insert() returns trigger language plpgsql as $$
begin
    insert into answer_tally as t (lab_id, topic_id, questionnaire_id, status, delivered, n)
    select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, count(*)
      from new_rows a join question q on q.id = a.question_id
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, topic_id, questionnaire_id, status, delivered) do update set n = t.n + excluded.n;
    return null;
end $$;

create function answer_tally_after_delete() returns trigger language plpgsql as $$
begin
    insert into answer_tally as t (lab_id, topic_id, questionnaire_id, status, delivered, n)
    select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, -count(*)
      from old_rows a join question q on q.id = a.question_id
     group by 1, 2, 3, 4, 5
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, topic_id, questionnaire_id, status, delivered) do update set n = t.n + excluded.n;
    delete from answer_tally where n = 0 and lab_id in (select distinct lab_id from old_rows);
    return null;
end $$;

-- An update may change an answer's lab, question, status or delivered flag: take the old rows out, put the new in.
create function answer_tally_after_update() returns trigger language plpgsql as $$
begin
    insert into answer_tally as t (lab_id, topic_id, questionnaire_id, status, delivered, n)
    select lab_id, topic_id, questionnaire_id, status, delivered, sum(n) from (
        select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, -1 n
          from old_rows a join question q on q.id = a.question_id
        union all
        select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, 1
          from new_rows a join question q on q.id = a.question_id
    ) x
     group by 1, 2, 3, 4, 5
    having sum(n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, topic_id, questionnaire_id, status, delivered) do update set n = t.n + excluded.n;
    delete from answer_tally where n = 0 and lab_id in (select distinct lab_id from old_rows);
    return null;
end $$;

-- A question moved to another topic or questionnaire carries its answers' counts with it.
create function answer_tally_after_question_update() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from old_rows o join new_rows n on n.id = o.id
                    where (o.topic_id, o.questionnaire_id) is distinct from (n.topic_id, n.questionnaire_id)) then
        return null; -- an edit of text, notes or ordinal: nothing moves
    end if;
    with moved as (
        select o.id, o.topic_id old_topic, o.questionnaire_id old_qn, n.topic_id new_topic, n.questionnaire_id new_qn
          from old_rows o join new_rows n on n.id = o.id
         where (o.topic_id, o.questionnaire_id) is distinct from (n.topic_id, n.questionnaire_id)
    ), deltas as (
        select a.lab_id, m.old_topic topic_id, m.old_qn questionnaire_id, a.status, a.delivered, -1 n
          from moved m join answer a on a.question_id = m.id
        union all
        select a.lab_id, m.new_topic, m.new_qn, a.status, a.delivered, 1
          from moved m join answer a on a.question_id = m.id
    )
    insert into answer_tally as t (lab_id, topic_id, questionnaire_id, status, delivered, n)
    select lab_id, topic_id, questionnaire_id, status, delivered, sum(n)
      from deltas
     group by 1, 2, 3, 4, 5
    having sum(n) <> 0
     order by 1, 2, 3, 4, 5
    on conflict (lab_id, topic_id, questionnaire_id, status, delivered) do update set n = t.n + excluded.n;
    delete from answer_tally where n = 0 and (topic_id, questionnaire_id) in (select topic_id, questionnaire_id from old_rows);
    return null;
end $$;

create function answer_tally_after_truncate() returns trigger language plpgsql as $$
begin
    truncate answer_tally;
    return null;
end $$;

create trigger answer_tally_insert after insert on answer
    referencing new table as new_rows for each statement execute function answer_tally_after_insert();
create trigger answer_tally_delete after delete on answer
    referencing old table as old_rows for each statement execute function answer_tally_after_delete();
create trigger answer_tally_update after update on answer
    referencing old table as old_rows new table as new_rows for each statement execute function answer_tally_after_update();
create trigger answer_tally_question_update after update on question
    referencing old table as old_rows new table as new_rows for each statement execute function answer_tally_after_question_update();
create trigger answer_tally_truncate after truncate on answer
    for each statement execute function answer_tally_after_truncate();

insert into answer_tally (lab_id, topic_id, questionnaire_id, status, delivered, n)
select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, count(*)
  from answer a join question q on q.id = a.question_id
 group by 1, 2, 3, 4, 5;

-- A lab's answers by status, with the question id in the index: the question list filtered by lab (and status)
-- reads its ids from the index alone. Replaces (lab_id, status), which it covers.
create index answer_lab_status_question_idx on answer (lab_id, status, question_id);
drop index answer_lab_status_idx;
