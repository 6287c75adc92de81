-- Provisions, events and answers point to the claims that support them (issue 14 item 1): a claim may support
-- any number of them, and each of them may rest on any number of claims. The record is named by type and id, as a
-- claim's subject is (claim.about_type/about_id), since the claim room sits below the answer room.

create table claim_support (
    claim_id    bigint      not null references claim (id) on delete cascade,
    record_type varchar(20) not null check (record_type in ('PROVISION', 'EVENT', 'ANSWER')),
    record_id   bigint      not null,
    primary key (claim_id, record_type, record_id)
);
create index claim_support_record_idx on claim_support (record_type, record_id);

-- A supported record that is deleted takes its support links with it (no link to a record that is gone); the
-- claims themselves stay.
create function claim_support_forget() returns trigger language plpgsql as $$
begin
    delete from claim_support where record_type = tg_argv[0] and record_id = old.id;
    return old;
end
$$;
create trigger provision_claim_support_forget after delete on provision for each row execute function claim_support_forget('PROVISION');
create trigger event_claim_support_forget after delete on event for each row execute function claim_support_forget('EVENT');
create trigger answer_claim_support_forget after delete on answer for each row execute function claim_support_forget('ANSWER');
