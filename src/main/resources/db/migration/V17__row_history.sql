-- Row history (issue 18, dataset releases): GET /api/export?asOf=t rebuilds the dataset as it stood at any time t
-- since this migration, exactly, from a history of every row of every table the export reads.
--
-- * tx_commit: one row per committed writing transaction: its txid, the data version it got (V12) and the time it
--   got it. data_change_publish() (V12, replaced below) writes it at commit, while it holds the data_version row's
--   lock, with clock_timestamp(): the versions and their times are ordered as the commits are, so "the state at t"
--   is "the state at the newest version whose time is <= t", the same clock as the change stream's versions.
--   data_version.changed_at is now that same time (it was the transaction's start).
-- * row_history: append-only, partitioned by table (one partition per table, row_history_<table>): for each row a
--   statement inserted, updated or deleted, the row as it is after it (to_jsonb), or as it was with deleted = true,
--   with the writing transaction's txid and a statement number (row_history_stmt, one per trigger call: orders the
--   statements of one transaction); a deletion records the primary key only. Nothing is updated in place: a write
--   costs one insert per changed row.
--   The state of a table at version V: per primary key, the entry of the newest statement of the newest version
--   <= V, unless it is a deletion (DatasetHistory in the seed room does this into temp tables and runs the exporter).
-- * row_history_note(), statement-level AFTER triggers with transition tables (and a BEFORE TRUNCATE one that
--   records the rows truncated as deleted), attached by row_history_attach(); data_change_attach() (V12) now calls
--   it too, so a table a later migration adds gets it with the change triggers. stream/RowHistoryTriggerTest fails
--   for a table with the change triggers but no history, except those listed in row_history_excluded.
-- * Not kept: revision (a log itself), seed_import (a log itself), dataset_release (immutable snapshots, large):
--   the export reads none of them. answer_tally has no change triggers (V12) and is derived: none either.
-- * History starts here: the rows there are now are entered as of this migration's time (the tx_commit row with the
--   smallest time). A time before it has no history; GET /api/export?asOf= answers it from a release snapshot when
--   one holds that state exactly, and otherwise with a 422 naming the start.

create table tx_commit (
    txid         bigint      primary key,
    version      bigint      not null,
    committed_at timestamptz not null
);
create index tx_commit_time on tx_commit (committed_at);

create table row_history (
    tbl     text    not null,
    txid    bigint  not null,
    stmt    bigint  not null,
    deleted boolean not null,
    rec     jsonb   not null
) partition by list (tbl);

create sequence row_history_stmt;

create table row_history_excluded (tbl text primary key);
insert into row_history_excluded values ('revision'), ('seed_import'), ('dataset_release');

-- TG_ARGV[0]: the history partition; TG_ARGV[1]: the join of old (o) and new (n) rows on the primary key, '' when the
-- table has none (then an update records every old row as deleted before the new ones); TG_ARGV[2]: the key of an
-- old row o as jsonb (what a deletion records: the row's primary key only), the whole row when there is no key
create function row_history_note() returns trigger language plpgsql as $$
declare
    hist text := TG_ARGV[0];
    same_key text := TG_ARGV[1];
    old_key text := TG_ARGV[2];
    tx bigint := txid_current();
begin
    if TG_OP = 'TRUNCATE' then
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, nextval(''row_history_stmt''), true, %s from %s o',
                       hist, TG_TABLE_NAME, old_key, TG_RELID::regclass) using tx;
    elsif TG_OP = 'INSERT' then
        -- a statement that changed no row (a foreign key's cascade runs one per referenced row) records nothing
        if not exists (select 1 from new_rows) then
            return null;
        end if;
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, $2, false, to_jsonb(n) from new_rows n', hist, TG_TABLE_NAME)
            using tx, nextval('row_history_stmt');
    elsif TG_OP = 'DELETE' then
        if not exists (select 1 from old_rows) then
            return null;
        end if;
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, $2, true, %s from old_rows o', hist, TG_TABLE_NAME, old_key)
            using tx, nextval('row_history_stmt');
    else
        if not exists (select 1 from new_rows) then
            return null;
        end if;
        -- rows whose key the update changed are gone under their old key
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, $2, true, %s from old_rows o%s', hist, TG_TABLE_NAME, old_key,
                       case when same_key = '' then '' else ' where not exists (select 1 from new_rows n where ' || same_key || ')' end)
            using tx, nextval('row_history_stmt');
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, $2, false, to_jsonb(n) from new_rows n', hist, TG_TABLE_NAME)
            using tx, nextval('row_history_stmt');
    end if;
    return null;
end $$;

-- The primary key's columns of a table, in key order (empty for none).
create function row_history_key(target regclass) returns text[] language sql stable as $$
    select coalesce(array_agg(a.attname::text order by k.n), '{}')
      from pg_index i cross join lateral unnest(i.indkey) with ordinality k(attnum, n)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
     where i.indrelid = target and i.indisprimary
$$;

-- Gives one table its history partition and triggers (idempotent); tables in row_history_excluded get none.
create function row_history_attach(target regclass) returns void language plpgsql as $$
declare
    t_name text := (select relname from pg_class where oid = target);
    hist text := 'row_history_' || t_name;
    key text[] := row_history_key(target);
    same_key text := coalesce((select string_agg(format('o.%1$I = n.%1$I', c), ' and ') from unnest(key) c), '');
    old_key text := coalesce((select 'jsonb_build_object(' || string_agg(format('%1$L, o.%1$I', c), ', ') || ')' from unnest(key) c), 'to_jsonb(o)');
begin
    if exists (select 1 from row_history_excluded e where e.tbl = t_name) then
        return;
    end if;
    if to_regclass(hist) is null then
        execute format('create table %I partition of row_history for values in (%L)', hist, t_name);
    end if;
    execute format('create or replace trigger row_history_insert after insert on %s referencing new table as new_rows '
                   'for each statement execute function row_history_note(%L, %L, %L)', target, hist, same_key, old_key);
    execute format('create or replace trigger row_history_update after update on %s referencing old table as old_rows new table as new_rows '
                   'for each statement execute function row_history_note(%L, %L, %L)', target, hist, same_key, old_key);
    execute format('create or replace trigger row_history_delete after delete on %s referencing old table as old_rows '
                   'for each statement execute function row_history_note(%L, %L, %L)', target, hist, same_key, old_key);
    execute format('create or replace trigger row_history_truncate before truncate on %s '
                   'for each statement execute function row_history_note(%L, %L, %L)', target, hist, same_key, old_key);
end $$;

-- V12's attach, now also attaching the history: a migration that adds a table keeps calling data_change_attach('t')
create or replace function data_change_attach(target regclass) returns void language plpgsql as $$
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
    perform row_history_attach(target);
end $$;

-- V12's publish, now also recording the transaction's version and time in tx_commit (under the data_version lock)
create or replace function data_change_publish() returns trigger language plpgsql as $$
declare
    v bigint;
    p data_change_pending;
    at timestamptz;
begin
    if coalesce(current_setting('labledger.change_txid', true), '') = txid_current()::text then
        v := current_setting('labledger.change_version', true)::bigint;
    else
        -- the time is taken once the lock is ours: a transaction waiting on it gets a later time than this one's
        perform 1 from data_version where id = 1 for update;
        at := clock_timestamp();
        update data_version set version = version + 1, changed_at = at where id = 1 returning version into v;
        insert into tx_commit (txid, version, committed_at) values (txid_current(), v, at);
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

-- every table with the change triggers now, and its rows as they are: the start of the history
do $$
declare
    t record;
    tx bigint := txid_current();
    s bigint;
begin
    for t in select c.relname from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
              where tg.tgname = 'data_change_insert' and c.relnamespace = current_schema()::regnamespace
                and c.relname not in (select tbl from row_history_excluded)
              order by c.relname
    loop
        perform row_history_attach(t.relname::regclass);
        s := nextval('row_history_stmt');
        execute format('insert into %I (tbl, txid, stmt, deleted, rec) select %L, $1, $2, false, to_jsonb(x) from %I x',
                       'row_history_' || t.relname, t.relname, t.relname) using tx, s;
    end loop;
    insert into tx_commit (txid, version, committed_at) select tx, version, clock_timestamp() from data_version;
end $$;
