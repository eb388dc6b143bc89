-- dim_store (type 1): each store of the chunk's batches takes its latest row in any batch; one merge on the key.
merge into dim_store as d
using (
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
    where recency = 1
) as src
on d.store_key = src.store_key
-- a store whose row is as it was stays as it is
when matched and (
    d.store_id is distinct from src.store_id
    or d.store_name is distinct from src.store_name
    or d.channel is distinct from src.channel
    or d.city is distinct from src.city
    or d.state is distinct from src.state
    or d.postal_code is distinct from src.postal_code
    or d.country is distinct from src.country
    or d.opened_at is distinct from src.opened_at
) then update set
    store_id = src.store_id,
    store_name = src.store_name,
    channel = src.channel,
    city = src.city,
    state = src.state,
    postal_code = src.postal_code,
    country = src.country,
    opened_at = src.opened_at
when not matched then insert (
        store_key, store_id, store_name, channel, city, state, postal_code, country, opened_at
    ) values (
        src.store_key, src.store_id, src.store_name, src.channel, src.city, src.state, src.postal_code, src.country,
        src.opened_at
    );
