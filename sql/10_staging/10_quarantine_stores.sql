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
with window_rows as (
    select *
    from raw_stores
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, store_id
    from window_rows
    group by batch_hour, store_id
    having count(*) > 1
),

batch_rows as (
    select
        r.*,
        1 as copy_number
    from window_rows as r
    where not exists (
        select 1
        from repeated_keys as k
        where k.batch_hour = r.batch_hour
            and k.store_id is not distinct from r.store_id
    )
    union all
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.store_id, r.name, r.channel, r.city, r.state, r.postal_code,
                r.country, r.opened_at
            order by r.loaded_at
        ) as copy_number
    from window_rows as r
    inner join repeated_keys as k
        on k.batch_hour = r.batch_hour
        and k.store_id is not distinct from r.store_id
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
