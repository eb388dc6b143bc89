-- dim_store: one row per store (type 1: a store's latest row wins); store_key = store_id, -1 = unknown.
-- Incremental by store: the stores of the run's batches are replaced.
-- parameters: batch_from, batch_to
create table if not exists dim_store (
    -- keys
    store_key bigint,
    store_id bigint,
    -- strings
    store_name varchar,
    channel varchar,
    city varchar,
    state varchar,
    postal_code varchar,
    country varchar,
    -- timestamps
    opened_at timestamp
);

insert into dim_store (store_key, store_id, store_name, channel, city, state, postal_code, country, opened_at)
select -1, -1, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', null
where not exists (select 1 from dim_store where store_key = -1);

delete from dim_store
where store_id in (
    select store_id
    from stg_stores
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
);

insert into dim_store (store_key, store_id, store_name, channel, city, state, postal_code, country, opened_at)
with run_store_ids as (
    select distinct store_id
    from stg_stores
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

store_rows as (
    select
        s.*,
        row_number() over (partition by s.store_id order by s.batch_hour desc, s.opened_at desc) as recency
    from stg_stores as s
    where s.store_id in (select store_id from run_store_ids)
)

select
    store_id as store_key,
    store_id,
    store_name,
    channel,
    city,
    state,
    postal_code,
    country,
    opened_at
from store_rows
where recency = 1;
