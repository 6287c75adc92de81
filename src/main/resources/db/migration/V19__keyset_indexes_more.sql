-- Keyset paging (issue 15) for the lists V15/V18 left offset-only: an index in each list's order, its unique
-- tiebreaker last, so that "the rows after this cursor" is an index range scan. Each replaces an index that was
-- its prefix (and so serves every query the old one did).
-- Named entities of one kind by slug (EntityService.idsAfter; without a kind, named_entity's unique slug index):
create index named_entity_kind_slug_idx on named_entity (kind, slug);
drop index named_entity_kind_idx;
-- Reply submissions, newest first, then by id (ReplyService.listAfter): all of them, a lab's, and one state's
create index reply_submission_received_idx on reply_submission (received_at, id);
create index reply_submission_lab_received_idx on reply_submission (lab_id, received_at, id);
drop index reply_submission_lab_idx;
create index reply_submission_state_received_idx on reply_submission (state, received_at, id);
drop index reply_submission_state_idx;
-- One record's history, oldest first, then by id (RevisionService.historyAfter: /api/answers/{id}/history)
create index revision_entity_id_changed_idx on revision (entity, entity_id, changed_at, id);
drop index revision_entity_idx;
-- Releases walk their primary key (number); a lab's inbox is bounded by the questions put to it and sorts by
-- questionnaire, ordinal and key across three tables, read from the answer (lab_id, ...) index.
