-- quarantine of stores: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
-- The staging view stg_stores leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'stores'
    and in_window(batch_hour);

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.store_id, r.name, r.channel, r.city, r.state, r.postal_code,
                r.country, r.opened_at
            order by r.loaded_at
        ) as copy_number
    from raw_stores as r
    where in_window(r.batch_hour)
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when store_id is null or name is null or channel is null or city is null or state is null
                or postal_code is null or country is null or opened_at is null then 'null_required'
            when not is_bigint(store_id) or not is_timestamp(opened_at) then 'malformed_value'
        end as reason
    from batch_rows
)

select
    'stores' as source_table,
    store_id as row_key,
    reason,
    concat_ws('|', coalesce(store_id, 'null'), coalesce(name, 'null'), coalesce(channel, 'null'),
        coalesce(city, 'null'), coalesce(state, 'null'), coalesce(postal_code, 'null'),
        coalesce(country, 'null'), coalesce(opened_at, 'null')) as raw_row,
    batch_hour,
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
