-- Keyset pages of the change list filtered by entity (GET /api/changes?entity=…&cursor=…, GraphQL changeConnection):
-- revision_changed_at_idx (V4) serves the unfiltered list; with an entity the walk needs (entity, changed_at, id) to
-- start at the cursor and stop after one page, instead of reading every earlier change of that entity.
-- The other keyset lists walk existing indexes: question (questionnaire_id, ordinal), answer (question_id, lab_id)
-- and (lab_id, status, question_id).
create index revision_entity_changed_at_idx on revision (entity, changed_at, id);
