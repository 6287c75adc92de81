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
