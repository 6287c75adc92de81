-- Citations of a record are replaced as a whole when they change; checking their (subject, ordinal)
-- uniqueness at commit lets the importer insert the new list without flushing the deletes first.
alter table citation drop constraint citation_subject_type_subject_id_ordinal_key;
alter table citation add constraint citation_subject_ordinal_uq
    unique (subject_type, subject_id, ordinal) deferrable initially deferred;
