-- Cleaning against the truth: per source table, kind of dirt and day, the rows the generator's manifests say it
-- injected beside the rows the quarantine holds for that reason.
with injected as (
    select
        table_name as source_table,
        kind,
        cast(batch_hour as date) as batch_day,
        count(*) as row_count
    from raw_batch_manifest
    group by table_name, kind, cast(batch_hour as date)
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
    coalesce(quarantined.row_count, 0) as quarantined
from injected
full outer join quarantined
    on injected.source_table = quarantined.source_table
    and injected.kind = quarantined.kind
    and injected.batch_day = quarantined.batch_day
order by source_table, kind, batch_day
