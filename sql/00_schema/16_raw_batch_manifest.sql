-- raw_batch_manifest: the dirty rows the generator injected into a batch (its _manifest lines), so that
-- cleaning and checks can be scored. One row per injected row: its table, its key and the kind of dirt.
create table if not exists raw_batch_manifest (
    -- what was injected
    table_name varchar,
    row_key varchar,
    kind varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
