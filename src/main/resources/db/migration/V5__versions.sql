-- Optimistic locking for the curation API: every writable record carries a version (its ETag "v<version>"),
-- incremented on each update. Labs, answers and agreements have one since V1.
alter table topic add column version integer not null default 0;
alter table questionnaire add column version integer not null default 0;
alter table question add column version integer not null default 0;
alter table source add column version integer not null default 0;
alter table provision add column version integer not null default 0;
