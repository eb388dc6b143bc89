-- fct_orders: one row per order, its current status and lifecycle timestamps, each taken from the updated_at
-- of the order's row with that status in any batch (paid_at falls back on the captured payment's paid_at),
-- so they fill in as later statuses arrive, in whatever order the hours are loaded. placed_at is order_at.
-- batch_hour is the first batch that holds the order (where it was placed). Amounts come from fct_sales.
-- Incremental by order: wrk_touched_orders are deleted and inserted again.
delete from fct_orders
where order_id in (select order_id from wrk_touched_orders);

insert into fct_orders (order_id, customer_key, store_key, date_key, payment_method_key, channel, order_status,
    item_count, units, net_amount, placed_at, paid_at, shipped_at, delivered_at, cancelled_at, returned_at,
    updated_at, batch_hour)
with order_rows as (
    select
        o.*,
        case o.order_status
            when 'placed' then 1
            when 'paid' then 2
            when 'shipped' then 3
            when 'cancelled' then 3
            when 'delivered' then 4
            when 'returned' then 5
            else 0
        end as status_rank
    from stg_orders as o
    where in_touched_batches(o.batch_hour)
        and o.order_id in (select order_id from wrk_touched_orders)
),

ranked_rows as (
    select
        *,
        row_number() over (partition by order_id order by updated_at desc, status_rank desc) as recency
    from order_rows
),

lifecycle as (
    select
        order_id,
        min(order_at) as placed_at,
        min(case when order_status = 'paid' then updated_at end) as paid_at,
        min(case when order_status = 'shipped' then updated_at end) as shipped_at,
        min(case when order_status = 'delivered' then updated_at end) as delivered_at,
        min(case when order_status = 'cancelled' then updated_at end) as cancelled_at,
        min(case when order_status = 'returned' then updated_at end) as returned_at,
        max(updated_at) as updated_at,
        min(batch_hour) as batch_hour
    from order_rows
    group by order_id
),

latest_rows as (
    select order_id, customer_id, store_id, channel, order_status, order_at
    from ranked_rows
    where recency = 1
),

payments as (
    select
        p.order_id,
        p.payment_method,
        p.paid_at,
        row_number() over (partition by p.order_id order by p.paid_at desc, p.payment_id desc) as recency
    from stg_payments as p
    where in_touched_batches(p.batch_hour)
        and p.order_id in (select order_id from wrk_touched_orders)
        and p.payment_status = 'captured'
),

captured_payments as (
    select order_id, payment_method, paid_at
    from payments
    where recency = 1
),

order_lines as (
    select
        order_id,
        count(*) as item_count,
        sum(quantity) as units,
        sum(net_amount) as net_amount
    from fct_sales
    where order_id in (select order_id from wrk_touched_orders)
    group by order_id
)

select
    l.order_id,
    coalesce(c.customer_key, -1) as customer_key,
    coalesce(s.store_key, -1) as store_key,
    coalesce(cast(extract(year from r.order_at) * 10000 + extract(month from r.order_at) * 100
        + extract(day from r.order_at) as integer), 0) as date_key,
    coalesce(m.payment_method_key, -1) as payment_method_key,
    r.channel,
    r.order_status,
    coalesce(cast(ol.item_count as integer), 0) as item_count,
    coalesce(cast(ol.units as integer), 0) as units,
    coalesce(ol.net_amount, 0) as net_amount,
    l.placed_at,
    coalesce(l.paid_at, p.paid_at) as paid_at,
    l.shipped_at,
    l.delivered_at,
    l.cancelled_at,
    l.returned_at,
    l.updated_at,
    l.batch_hour
from lifecycle as l
inner join latest_rows as r
    on l.order_id = r.order_id
left join dim_customer as c
    on r.customer_id = c.customer_id
    and r.order_at >= c.valid_from
    and r.order_at < c.valid_to
left join dim_store as s
    on r.store_id = s.store_id
left join captured_payments as p
    on l.order_id = p.order_id
left join dim_payment_method as m
    on p.payment_method = m.payment_method
left join order_lines as ol
    on l.order_id = ol.order_id;
