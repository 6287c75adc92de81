-- Keyset paging (issue 15): an index in the order of each paged list that V1-V17 do not already hold, so that
-- "the rows after this cursor" is an index range scan, not a scan of everything before it.
-- Claims by key: claim.key's unique index serves the unfiltered list; a claimant's and a subject's claims by key:
create index claim_claimant_key_idx on claim (claimant_id, key);
create index claim_about_key_idx on claim (about_type, about_id, key);
-- Events: undated last, then date, then slug (EventService.KEY; an undated event's date is '' in the key)
create index event_keyset_idx on event ((case when occurred_on is null then 1 else 0 end), (coalesce(occurred_on, '')), slug);
