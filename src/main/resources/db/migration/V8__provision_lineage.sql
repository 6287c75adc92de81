-- Provision lineage across agreement versions (issue 14, item 4).
-- A provision may name the earlier provision it relates to (predecessor_id) and how (change):
--   ADDS      a new term; never has a predecessor
--   MODIFIES  changes an earlier term (its bound, its scope, its end)
--   CONTINUES keeps an earlier term in force ("will remain effective", "continue to")
--   REPLACES  takes the place of an earlier term (e.g. a new stake in another entity)
--   REMOVES   ends an earlier term; only a provision of kind REMOVAL does this
-- predecessor_id may stay null for CONTINUES/MODIFIES/REPLACES/REMOVES when the documents imply an earlier term
-- that no recorded provision holds (e.g. the relinquished right of first refusal): the term is then named only
-- by the change's quote, never invented.
-- The link's evidence is one verbatim quote (change_source_id, change_quote, change_locator); change_inference
-- flags a link the curator read between the lines, with change_rationale saying why.
-- A provision's status (IN_FORCE, MODIFIED, SUPERSEDED, REMOVED; REMOVAL for removal records) is derived from
-- the links on read, never stored, so it cannot disagree with them.
alter table provision add column kind varchar(16) not null default 'TERM'
    constraint provision_kind_check check (kind in ('TERM', 'REMOVAL'));
alter table provision add column change varchar(16)
    constraint provision_change_check check (change in ('ADDS', 'MODIFIES', 'CONTINUES', 'REPLACES', 'REMOVES'));
alter table provision add column predecessor_id bigint references provision (id) on delete set null;
alter table provision add column change_source_id bigint references source (id) on delete set null;
alter table provision add column change_quote text;
alter table provision add column change_locator varchar(500);
alter table provision add column change_inference boolean not null default false;
alter table provision add column change_rationale text;
alter table provision add constraint provision_removal_check
    check ((kind = 'REMOVAL') = (coalesce(change, '') = 'REMOVES'));
alter table provision add constraint provision_adds_check
    check (change is distinct from 'ADDS' or predecessor_id is null);
alter table provision add constraint provision_not_self check (predecessor_id is distinct from id);
create index provision_predecessor_idx on provision (predecessor_id);
