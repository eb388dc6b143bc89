-- stg_orders: the orders rows of every loaded batch, typed, without quarantined rows: an
-- order's placing row and each later status row (paid, shipped, ...), in whatever batch they came. A view: see
-- stg_stores.
create or replace view stg_orders as
select
    -- ids
    to_bigint(r.order_id) as order_id,
    to_bigint(r.customer_id) as customer_id,
    to_bigint(r.store_id) as store_id,
    -- strings
    r.channel,
    r.status as order_status,
    -- timestamps
    parse_ts(r.order_at) as order_at,
    parse_ts(r.updated_at) as updated_at,
    r.batch_hour
from raw_orders as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'orders'
        and q.reason <> 'duplicate'
        and q.row_key = r.order_id
        and q.batch_hour = r.batch_hour
);
