-- severity: warn
-- Cleaning scored against the generator's manifest: for the run's batches, the quarantine holds exactly the
-- injected rows (same table, key and kind, as many times). Rows returned are the differences.
with expected as (
    select batch_hour, table_name, row_key, kind, count(*) as expected_count
    from raw_batch_manifest
    where in_window(batch_hour)
    group by batch_hour, table_name, row_key, kind
),

found as (
    select batch_hour, source_table as table_name, row_key, reason as kind, count(*) as found_count
    from quarantine
    where in_window(batch_hour)
    group by batch_hour, source_table, row_key, reason
)

select
    coalesce(e.batch_hour, f.batch_hour) as batch_hour,
    coalesce(e.table_name, f.table_name) as table_name,
    coalesce(e.row_key, f.row_key) as row_key,
    coalesce(e.kind, f.kind) as kind,
    coalesce(e.expected_count, 0) as expected_count,
    coalesce(f.found_count, 0) as found_count
from expected as e
full outer join found as f
    on e.batch_hour = f.batch_hour
    and e.table_name = f.table_name
    and e.row_key = f.row_key
    and e.kind = f.kind
where coalesce(e.expected_count, 0) <> coalesce(f.found_count, 0);
