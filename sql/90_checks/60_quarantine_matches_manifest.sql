-- severity: warn
-- Cleaning scored against the generator's manifest: for the run's batches, the quarantine holds exactly the
-- injected rows (same table, key and kind, as many times), except the late rows dated before a snapshot the warehouse
-- loaded, which no cleaning can tell from a later status of an order placed before its history (13_quarantine_orders
-- keeps them; the page's data quality view counts them apart). Rows returned are the differences.
with snapshot_batches as (
    select batch_hour
    from raw_batch_summary
    where replace(summary_json, ' ', '') like '%"snapshot":true%'
),

expected as (
    select manifest.batch_hour, manifest.table_name, manifest.row_key, manifest.kind, count(*) as expected_count
    from raw_batch_manifest as manifest
    where in_window(manifest.batch_hour)
        and not (
            manifest.table_name = 'orders'
            and manifest.kind = 'late_row'
            and exists (
                select 1
                from raw_orders as orders
                inner join snapshot_batches as s
                    on s.batch_hour >= date_trunc('hour', parse_ts(orders.order_at))
                    and s.batch_hour < orders.batch_hour
                where orders.order_id = manifest.row_key
                    and orders.batch_hour = manifest.batch_hour
            )
        )
    group by manifest.batch_hour, manifest.table_name, manifest.row_key, manifest.kind
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
