-- fct_orders: one row per order, its current status and lifecycle timestamps, each taken from the updated_at
-- of the order's row with that status in any batch (paid_at falls back on the captured payment's paid_at),
-- so they fill in as later statuses arrive, in whatever order the hours are loaded. placed_at is order_at.
-- batch_hour is the first batch that holds the order (where it was placed). Amounts come from fct_sales.
-- Incremental by order: the touched orders are deleted and inserted again, built from all their rows, but for the
-- status_only ones (only later status rows in the chunk), whose rows move along from the chunk's rows alone. On DuckDB
-- a delete and an insert cost a fraction of an update of as many rows (this file takes 3.2 to 3.8 s of a month at
-- scale 10; 7.0 s with the status_only rows updated by a merge), so the moved rows are kept aside first.
-- sql/spark/30_facts/20_fct_orders.sql does it all in one merge, where a statement costs more than its rows.

-- the status_only orders' rows moved along, kept aside before the delete below: their timestamps are the earlier of the
-- row's and the chunk's, and the latest row (by updated_at, then status_rank) is the chunk's when it is later than the
-- one the row was taken from; their lines, payment and first batch stay as they are (a refund alone changes nothing)
delete from wrk_moved_orders;

insert into wrk_moved_orders (order_id, customer_key, store_key, date_key, payment_method_key, channel, order_status,
    item_count, units, net_amount, placed_at, paid_at, shipped_at, delivered_at, cancelled_at, returned_at,
    updated_at, batch_hour)
with status_rows as (
    select
        o.*,
        status_rank(o.order_status) as status_rank
    from stg_orders as o
    where in_window(o.batch_hour)
        and o.order_id in (select order_id from wrk_touched_orders where status_only)
),

ranked_status_rows as (
    select
        *,
        row_number() over (partition by order_id order by updated_at desc, status_rank desc) as recency
    from status_rows
),

status_lifecycle as (
    select
        order_id,
        min(order_at) as placed_at,
        min(case when order_status = 'shipped' then updated_at end) as shipped_at,
        min(case when order_status = 'delivered' then updated_at end) as delivered_at,
        min(case when order_status = 'cancelled' then updated_at end) as cancelled_at,
        min(case when order_status = 'returned' then updated_at end) as returned_at,
        max(updated_at) as updated_at
    from status_rows
    group by order_id
),

-- the chunk's latest row of each order, where it is later than the row the facts' row was taken from
later_rows as (
    select
        n.order_id,
        n.customer_id,
        n.store_id,
        n.channel,
        n.order_status,
        n.order_at
    from ranked_status_rows as n
    inner join fct_orders as o
        on n.order_id = o.order_id
    where n.recency = 1
        and (
            n.updated_at > o.updated_at
            or (n.updated_at = o.updated_at and n.status_rank > status_rank(o.order_status))
        )
),

moved_orders as (
    select
        o.order_id,
        case when r.order_id is null then o.customer_key else coalesce(c.customer_key, -1) end as customer_key,
        case when r.order_id is null then o.store_key else coalesce(s.store_key, -1) end as store_key,
        case
            when r.order_id is null then o.date_key
            else coalesce(cast(extract(year from r.order_at) * 10000 + extract(month from r.order_at) * 100
                + extract(day from r.order_at) as integer), 0)
        end as date_key,
        o.payment_method_key,
        case when r.order_id is null then o.channel else r.channel end as channel,
        case when r.order_id is null then o.order_status else r.order_status end as order_status,
        o.item_count,
        o.units,
        o.net_amount,
        least(o.placed_at, l.placed_at) as placed_at,
        o.paid_at,
        least(o.shipped_at, l.shipped_at) as shipped_at,
        least(o.delivered_at, l.delivered_at) as delivered_at,
        least(o.cancelled_at, l.cancelled_at) as cancelled_at,
        least(o.returned_at, l.returned_at) as returned_at,
        greatest(o.updated_at, l.updated_at) as updated_at,
        o.batch_hour
    from fct_orders as o
    inner join status_lifecycle as l
        on o.order_id = l.order_id
    left join later_rows as r
        on o.order_id = r.order_id
    left join dim_customer as c
        on r.customer_id = c.customer_id
        and r.order_at >= c.valid_from
        and r.order_at < c.valid_to
    left join dim_store as s
        on r.store_id = s.store_id
)

select * from moved_orders;

delete from fct_orders
where order_id in (select order_id from wrk_touched_orders where not status_only)
    or order_id in (select order_id from wrk_moved_orders);

insert into fct_orders (order_id, customer_key, store_key, date_key, payment_method_key, channel, order_status,
    item_count, units, net_amount, placed_at, paid_at, shipped_at, delivered_at, cancelled_at, returned_at,
    updated_at, batch_hour)
with order_rows as (
    select
        o.*,
        status_rank(o.order_status) as status_rank
    from stg_orders as o
    where in_rebuilt_batches(o.batch_hour)
        and o.order_id in (select order_id from wrk_touched_orders where not status_only)
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
    where in_rebuilt_batches(p.batch_hour)
        and p.order_id in (select order_id from wrk_touched_orders where not status_only)
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
    where order_id in (select order_id from wrk_touched_orders where not status_only)
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
    on l.order_id = ol.order_id

union all

select
    order_id, customer_key, store_key, date_key, payment_method_key, channel, order_status, item_count, units,
    net_amount, placed_at, paid_at, shipped_at, delivered_at, cancelled_at, returned_at, updated_at, batch_hour
from wrk_moved_orders;
