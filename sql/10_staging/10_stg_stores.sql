-- stg_stores: the stores rows of the run's batches, typed, one per distinct row, without quarantined rows.
-- Incremental by batch: the run's hours are deleted and inserted again.
-- parameters: batch_from, batch_to
create table if not exists stg_stores (
    -- ids
    store_id bigint,
    -- strings
    store_name varchar,
    channel varchar,
    city varchar,
    state varchar,
    postal_code varchar,
    country varchar,
    -- timestamps
    opened_at timestamp,
    batch_hour timestamp
);

delete from stg_stores
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

insert into stg_stores (store_id, store_name, channel, city, state, postal_code, country, opened_at, batch_hour)
with batch_rows as (
    select distinct store_id, name, channel, city, state, postal_code, country, opened_at, batch_hour
    from raw_stores
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'stores'
        and reason <> 'duplicate'
        and batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

clean_rows as (
    select r.*
    from batch_rows as r
    left join quarantined as q
        on r.store_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(store_id as bigint) as store_id,
    name as store_name,
    channel,
    city,
    state,
    postal_code,
    country,
    cast(replace(replace(opened_at, 'T', ' '), 'Z', '') as timestamp) as opened_at,
    batch_hour
from clean_rows;
