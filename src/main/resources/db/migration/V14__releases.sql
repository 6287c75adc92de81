-- Dataset releases (issue 18): immutable, numbered snapshots of the whole ledger for citation. The bytes served
-- are stored as they were first built (the release JSON with the export document inside, and the zip of CSVs,
-- datapackage.json and CITATION.cff), so a release is served byte for byte the same forever. Never updated or
-- deleted by the application; the counts repeat the release notes for the paged list.
create table dataset_release (
    number         integer      primary key check (number > 0),
    created_at     timestamptz  not null,
    created_by     varchar(200) not null,
    last_revision  bigint,
    description    varchar(2000),
    sha256         varchar(64)  not null,
    size_bytes     bigint       not null,
    zip_sha256     varchar(64)  not null,
    added          integer      not null,
    changed        integer      not null,
    deleted        integer      not null,
    disputed       integer      not null,
    release_json   bytea        not null,
    document       bytea        not null,
    zip            bytea        not null
);
create index dataset_release_created_at_idx on dataset_release (created_at);

-- the change stream (V12): a new release advances the data version and notifies replicas
do $$ begin
    perform data_change_attach('dataset_release');
end $$;
