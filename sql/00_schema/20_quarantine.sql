-- quarantine: raw rows that failed cleaning in 10_staging, with the reason and the batch; they never reach
-- the marts. reason is one of duplicate, null_required, malformed_email, negative_quantity, unknown_product,
-- late_row (the generator's manifest kinds). A run replaces the quarantine rows of the hours it loaded.
create table if not exists quarantine (
    -- the failing row
    source_table varchar not null,
    row_key varchar,
    reason varchar not null,
    raw_row varchar,
    -- the batch and the run that found it
    batch_hour timestamp not null,
    run_id varchar,
    quarantined_at timestamp not null
);
