-- The change stream (issue 15): every committed write advances one data version, in the same transaction as the
-- write, and notifies every LabLedger process listening on channel 'labledger_changes' when it commits.
--
-- It lives in the database, not in the Java write paths, so that every write is covered, the ones added later
-- included: curated writes, answer writes, the seed import, the FMTI import, deletes, bench/generate.sql, psql.
--
-- * data_change_note(), a statement-level trigger on every data table (attached by data_change_attach(), below),
--   notes which table changed and which keys and labs the statement touched (from its transition table), in
--   data_change_pending: one row per (transaction, table), no lock on anything shared.
-- * data_change_publish(), a constraint trigger on data_change_pending, DEFERRABLE INITIALLY DEFERRED, runs at
--   commit: the first one of a transaction advances data_version (its single row is locked only then, after every
--   other lock the transaction takes, so two writers cannot deadlock over it; it orders the versions as the
--   commits), then each sends one pg_notify per table, which PostgreSQL delivers on commit only (never for a
--   rolled-back transaction), and removes its pending row.
-- * A notification says {"version", "type" (the table), "ops", "keys", "labs", "more"}; keys and labs are capped
--   at 20 per table and transaction ("more": true when some were left out), so a bulk import stays one small
--   notification per table. A process that misses one still sees data_version advance (it checks it every
--   second or so: stream/DataVersion).
-- Every table the API reads from has the triggers, revision (the change feed) and seed_import included; only
-- answer_tally (V6) has none: it is derived, maintained by triggers of answer and question, whose own statements
-- advance the version. stream/DataVersionTriggerTest fails for any other table without the triggers: a migration
-- that adds a table calls select data_change_attach('name').

create table data_version (
    id         smallint    primary key default 1 check (id = 1),
    version    bigint      not null,
    changed_at timestamptz not null default now()
);
insert into data_version (id, version) values (1, 0);

create table data_change_pending (
    txid  bigint      not null,
    tbl   varchar(63) not null,
    ops   text[]      not null,
    keys  text[]      not null default '{}',
    labs  text[]      not null default '{}',
    more  boolean     not null default false,
    primary key (txid, tbl)
);

-- TG_ARGV[0]: the column that names a record (key, slug or id; '' for none); TG_ARGV[1]: the lab column (lab_id;
-- 'self' for the lab table, whose key column is the lab's slug; '' for none)
create function data_change_note() returns trigger language plpgsql as $$
declare
    key_col text := TG_ARGV[0];
    lab_col text := TG_ARGV[1];
    new_keys text[] := '{}';
    new_labs text[] := '{}';
begin
    -- a statement that changed no row (an UPDATE or DELETE matching nothing) changes no data: no version step
    if TG_OP <> 'TRUNCATE' then
        if not exists (select 1 from changed) then
            return null;
        end if;
        if key_col <> '' then
            execute format('select coalesce(array_agg(k), ''{}'') from (select distinct %I::text as k from changed limit 21) s', key_col)
                into new_keys;
        end if;
        if lab_col = 'self' then
            new_labs := new_keys;
        elsif lab_col <> '' then
            execute format('select coalesce(array_agg(l.slug order by l.slug), ''{}'') from lab l where l.id in (select distinct %I from changed limit 21)', lab_col)
                into new_labs;
        end if;
    end if;
    insert into data_change_pending as p (txid, tbl, ops, keys, labs, more)
    values (txid_current(), TG_TABLE_NAME, array[TG_OP], new_keys[1:20], new_labs[1:20],
            cardinality(new_keys) > 20 or cardinality(new_labs) > 20 or TG_OP = 'TRUNCATE')
    on conflict (txid, tbl) do update set
        ops  = case when excluded.ops[1] = any (p.ops) then p.ops else p.ops || excluded.ops end,
        keys = (select coalesce(array_agg(k order by k), '{}') from (select distinct k from unnest(p.keys || excluded.keys) k limit 20) s),
        labs = (select coalesce(array_agg(k order by k), '{}') from (select distinct k from unnest(p.labs || excluded.labs) k limit 20) s),
        more = p.more or excluded.more
            or (select count(distinct k) from unnest(p.keys || excluded.keys) k) > 20
            or (select count(distinct k) from unnest(p.labs || excluded.labs) k) > 20;
    return null;
end $$;

create function data_change_publish() returns trigger language plpgsql as $$
declare
    v bigint;
    p data_change_pending;
begin
    if coalesce(current_setting('labledger.change_txid', true), '') = txid_current()::text then
        v := current_setting('labledger.change_version', true)::bigint;
    else
        update data_version set version = version + 1, changed_at = now() where id = 1 returning version into v;
        perform set_config('labledger.change_version', v::text, true);
        perform set_config('labledger.change_txid', txid_current()::text, true);
    end if;
    delete from data_change_pending where txid = new.txid and tbl = new.tbl returning * into p;
    if p.txid is not null then
        perform pg_notify('labledger_changes', json_build_object(
            'version', v, 'type', p.tbl, 'ops', p.ops, 'keys', p.keys, 'labs', p.labs, 'more', p.more)::text);
    end if;
    return null;
end $$;

create constraint trigger data_change_publish after insert on data_change_pending
    deferrable initially deferred for each row execute function data_change_publish();

-- Attaches the note triggers to one table (idempotent): one per event, as transition tables need.
create function data_change_attach(target regclass) returns void language plpgsql as $$
declare
    tbl text := (select relname from pg_class where oid = target);
    key_col text := '';
    lab_col text := '';
begin
    select c.column_name into key_col from information_schema.columns c
     where c.table_schema = current_schema() and c.table_name = tbl and c.column_name in ('key', 'slug', 'id')
     order by array_position(array['key', 'slug', 'id'], c.column_name::text) limit 1;
    if tbl = 'lab' then
        lab_col := 'self';
    elsif exists (select 1 from information_schema.columns c
                   where c.table_schema = current_schema() and c.table_name = tbl and c.column_name = 'lab_id') then
        lab_col := 'lab_id';
    end if;
    key_col := coalesce(key_col, '');
    execute format('create or replace trigger data_change_insert after insert on %s referencing new table as changed '
                   'for each statement execute function data_change_note(%L, %L)', target, key_col, lab_col);
    execute format('create or replace trigger data_change_update after update on %s referencing new table as changed '
                   'for each statement execute function data_change_note(%L, %L)', target, key_col, lab_col);
    execute format('create or replace trigger data_change_delete after delete on %s referencing old table as changed '
                   'for each statement execute function data_change_note(%L, %L)', target, key_col, lab_col);
    execute format('create or replace trigger data_change_truncate after truncate on %s '
                   'for each statement execute function data_change_note(%L, %L)', target, key_col, lab_col);
end $$;

-- every table there is now (those of V10/V11 included), but the excluded ones
do $$
declare
    t record;
begin
    for t in select table_name from information_schema.tables
              where table_schema = current_schema() and table_type = 'BASE TABLE'
                and table_name not in ('flyway_schema_history', 'data_version', 'data_change_pending', 'answer_tally')
    loop
        perform data_change_attach(t.table_name::regclass);
    end loop;
end $$;
