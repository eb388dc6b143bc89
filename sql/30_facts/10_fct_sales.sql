-- fct_sales: one row per order line, with the customer and product versions valid at the order time.
-- batch_hour is the batch of the line, which is the batch where its order was placed, so the sales of a
-- batch reconcile with its summary. Keys that do not resolve point at the unknown members (-1, date_key 0).
-- Incremental by order: the lines of the touched orders whose lines may change are deleted and inserted again
-- (on DuckDB a delete and an insert cost a tenth of a merge that updates as many rows).
delete from fct_sales
where order_id in (select order_id from wrk_touched_orders where lines_changed);

insert into fct_sales (order_item_id, order_id, date_key, customer_key, product_key, store_key, channel,
    order_hour, line_number, quantity, unit_price, gross_amount, discount_amount, net_amount, cost_amount,
    margin_amount, order_at, batch_hour)
with order_lines as (
    -- distinct: a duplicated line (the quarantine keeps its first copy) counts once
    select distinct *
    from stg_order_items
    where in_line_batches(batch_hour)
        and order_id in (select order_id from wrk_touched_orders where lines_changed)
),

order_rows as (
    select
        o.*,
        row_number() over (partition by o.order_id order by o.updated_at, o.batch_hour) as row_rank
    from stg_orders as o
    where in_line_batches(o.batch_hour)
        and o.order_id in (select order_id from wrk_touched_orders where lines_changed)
),

order_headers as (
    select order_id, customer_id, store_id, channel, order_at
    from order_rows
    where row_rank = 1
),

resolved as (
    select
        l.order_item_id,
        l.order_id,
        l.line_number,
        l.quantity,
        l.unit_price,
        l.discount_amount,
        l.batch_hour,
        h.channel,
        h.order_at,
        c.customer_key,
        p.product_key,
        p.unit_cost,
        s.store_key
    from order_lines as l
    left join order_headers as h
        on l.order_id = h.order_id
    left join dim_customer as c
        on h.customer_id = c.customer_id
        and h.order_at >= c.valid_from
        and h.order_at < c.valid_to
    left join dim_product as p
        on l.product_id = p.product_id
        and h.order_at >= p.valid_from
        and h.order_at < p.valid_to
    left join dim_store as s
        on h.store_id = s.store_id
),

amounts as (
    select
        *,
        cast(quantity * unit_price as decimal(14, 2)) as gross_amount,
        cast(quantity * unit_cost as decimal(14, 2)) as cost_amount
    from resolved
)

select
    order_item_id,
    order_id,
    coalesce(cast(extract(year from order_at) * 10000 + extract(month from order_at) * 100
        + extract(day from order_at) as integer), 0) as date_key,
    coalesce(customer_key, -1) as customer_key,
    coalesce(product_key, -1) as product_key,
    coalesce(store_key, -1) as store_key,
    coalesce(channel, 'unknown') as channel,
    cast(extract(hour from order_at) as integer) as order_hour,
    line_number,
    quantity,
    unit_price,
    gross_amount,
    discount_amount,
    gross_amount - discount_amount as net_amount,
    cost_amount,
    gross_amount - discount_amount - cost_amount as margin_amount,
    order_at,
    batch_hour
from amounts;
