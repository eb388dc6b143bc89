-- stg_orders: every clean row of the orders the run's batches touched, typed, one per distinct row: the
-- placing row and each later status row. Incremental by order: all rows of the run's order ids are rebuilt
-- from all batches, so that rows of other batches that are no longer late (see 00_quarantine) come in.
-- parameters: batch_from, batch_to
create table if not exists stg_orders (
    -- ids
    order_id bigint,
    customer_id bigint,
    store_id bigint,
    -- strings
    channel varchar,
    order_status varchar,
    -- timestamps
    order_at timestamp,
    updated_at timestamp,
    batch_hour timestamp
);

delete from stg_orders
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

delete from stg_orders
where order_id in (
    select cast(order_id as bigint)
    from raw_orders
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
        and order_id is not null
        and is_bigint(order_id)
);

insert into stg_orders (order_id, customer_id, store_id, channel, order_status, order_at, updated_at, batch_hour)
with run_order_ids as (
    select distinct order_id
    from raw_orders
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
        and order_id is not null
),

order_rows as (
    select distinct order_id, customer_id, store_id, channel, status, order_at, updated_at, batch_hour
    from raw_orders
    where order_id in (select order_id from run_order_ids)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'orders'
        and reason <> 'duplicate'
        and row_key in (select order_id from run_order_ids)
),

clean_rows as (
    select r.*
    from order_rows as r
    left join quarantined as q
        on r.order_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(order_id as bigint) as order_id,
    cast(customer_id as bigint) as customer_id,
    cast(store_id as bigint) as store_id,
    channel,
    status as order_status,
    cast(replace(replace(order_at, 'T', ' '), 'Z', '') as timestamp) as order_at,
    cast(replace(replace(updated_at, 'T', ' '), 'Z', '') as timestamp) as updated_at,
    batch_hour
from clean_rows;
