-- Cleaning against the truth: per source table, kind of dirt and day, the rows the generator's manifests say it
-- injected beside the rows the quarantine holds for that reason, and how many of the injected rows no cleaning can
-- tell: late rows dated before a snapshot the warehouse loaded, which read as a later status of an order placed
-- before its history (10_staging/13_quarantine_orders.sql keeps those).
with snapshot_batches as (
    select batch_hour
    from raw_batch_summary
    where replace(summary_json, ' ', '') like '%"snapshot":true%'
),

before_history as (
    select
        manifest.batch_hour,
        manifest.row_key
    from raw_batch_manifest as manifest
    inner join raw_orders as orders
        on orders.order_id = manifest.row_key
        and orders.batch_hour = manifest.batch_hour
    where manifest.table_name = 'orders'
        and manifest.kind = 'late_row'
        and exists (
            select 1
            from snapshot_batches as s
            where s.batch_hour >= date_trunc('hour', parse_ts(orders.order_at))
                and s.batch_hour < manifest.batch_hour
        )
),

injected as (
    select
        manifest.table_name as source_table,
        manifest.kind,
        cast(manifest.batch_hour as date) as batch_day,
        count(*) as row_count,
        count(before_history.row_key) as before_history_count
    from raw_batch_manifest as manifest
    left join before_history
        on manifest.kind = 'late_row'
        and before_history.batch_hour = manifest.batch_hour
        and before_history.row_key = manifest.row_key
    group by manifest.table_name, manifest.kind, cast(manifest.batch_hour as date)
),

quarantined as (
    select
        source_table,
        reason as kind,
        cast(batch_hour as date) as batch_day,
        count(*) as row_count
    from quarantine
    group by source_table, reason, cast(batch_hour as date)
)

select
    coalesce(injected.source_table, quarantined.source_table) as source_table,
    coalesce(injected.kind, quarantined.kind) as kind,
    cast(coalesce(injected.batch_day, quarantined.batch_day) as varchar) as batch_day,
    coalesce(injected.row_count, 0) as injected,
    coalesce(injected.before_history_count, 0) as before_history,
    coalesce(quarantined.row_count, 0) as quarantined
from injected
full outer join quarantined
    on injected.source_table = quarantined.source_table
    and injected.kind = quarantined.kind
    and injected.batch_day = quarantined.batch_day
order by source_table, kind, batch_day
