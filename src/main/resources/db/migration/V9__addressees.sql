-- Kinds of answer (issue 14 item 7, first slice). An answer row was always read as a lab's reply to a questionnaire;
-- the sources also hold corrections of an assessment (Zac Hatfield-Dodds's clarifications to AI Lab Watch) and public
-- statements. respondent_capacity stays the curators' free text; capacity is the closed reading of it (UNKNOWN when
-- the document does not say). after_publication: whether the answer came after the questions were published
-- (null: not known). Defaults keep every existing row what it was: a questionnaire reply, capacity unknown.
alter table answer
    add column kind varchar(30) not null default 'QUESTIONNAIRE_REPLY'
        constraint answer_kind_check check (kind in ('QUESTIONNAIRE_REPLY', 'CORRECTION_OF_ASSESSMENT', 'PUBLIC_STATEMENT')),
    add column capacity varchar(10) not null default 'UNKNOWN'
        constraint answer_capacity_check check (capacity in ('OFFICIAL', 'PERSONAL', 'UNKNOWN')),
    add column after_publication boolean;

-- Uncertain addressees and delivery (issue 14 item 6).
--
-- answer.delivered becomes three-valued: true (reached the lab), false (put to the lab but not delivered), null (not
-- known: e.g. a question the document says was put to "at least three" labs without saying which). The tally keeps
-- the three values apart; its key becomes a unique constraint with NULLS NOT DISTINCT (PostgreSQL 15), so the V6
-- triggers' ON CONFLICT still finds the one row per (lab, topic, questionnaire, status, delivered).
alter table answer alter column delivered drop not null;
alter table answer_tally drop constraint answer_tally_pkey;
alter table answer_tally alter column delivered drop not null;
alter table answer_tally add constraint answer_tally_key
    unique nulls not distinct (lab_id, topic_id, questionnaire_id, status, delivered);

-- min_addressees: the document says the question was put to at least this many of the labs it has answers for (the
-- candidates), not which. context: a row that only gives context (e.g. a quoted policy passage other rows hang
-- from); it is not put to any lab.
alter table question
    add column min_addressees integer constraint question_min_addressees_check check (min_addressees >= 1),
    add column context boolean not null default false;

-- kind: SENT (put to labs) or SUGGESTED (proposed to the questioner, never sent: no lab is charged with it).
alter table questionnaire
    add column kind varchar(10) not null default 'SENT' constraint questionnaire_kind_check check (kind in ('SENT', 'SUGGESTED'));
