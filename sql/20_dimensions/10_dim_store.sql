-- dim_store (type 1): the stores of the chunk's batches are replaced by their latest row in any batch.
delete from dim_store
where store_id in (
    select store_id
    from stg_stores
    where in_window(batch_hour)
);

insert into dim_store (store_key, store_id, store_name, channel, city, state, postal_code, country, opened_at)
with window_store_ids as (
    select distinct store_id
    from stg_stores
    where in_window(batch_hour)
),

store_rows as (
    select
        s.*,
        row_number() over (partition by s.store_id order by s.batch_hour desc, s.opened_at desc) as recency
    from stg_stores as s
    where s.store_id in (select store_id from window_store_ids)
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
