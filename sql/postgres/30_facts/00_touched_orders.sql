-- wrk_touched_orders (PostgreSQL): as sql/30_facts/00_touched_orders.sql, emptied with truncate rather than delete,
-- so that the dead rows of big chunks do not pile up in it for every later chunk to scan, and analyzed once filled, so
-- that the fact models and the checks read the touched orders' facts by index.
truncate wrk_touched_orders;

insert into wrk_touched_orders (order_id, lines_changed, status_only)
with window_orders as (
    select order_id, order_status, batch_hour
    from stg_orders
    where in_window(batch_hour)
),

window_lines as (
    select order_id
    from stg_order_items
    where in_window(batch_hour)
),

window_payments as (
    select order_id, payment_status
    from stg_payments
    where in_window(batch_hour)
),

window_customer_updates as (
    select
        customer_id,
        min(updated_at) as first_window_update_at
    from stg_customers
    where in_window(batch_hour)
    group by customer_id
),

-- the first update of each in all loaded batches: its first version's, in the dimension 20_dimensions just rebuilt
customer_first_updates as (
    select
        customer_id,
        min(updated_at) as first_update_at
    from dim_customer
    where customer_id in (select customer_id from window_customer_updates)
    group by customer_id
),

changed_customers as (
    select
        w.customer_id,
        case
            when w.first_window_update_at <= f.first_update_at then timestamp '1900-01-01 00:00:00'
            else w.first_window_update_at
        end as affected_from
    from window_customer_updates as w
    inner join customer_first_updates as f
        on w.customer_id = f.customer_id
),

window_product_updates as (
    select
        product_id,
        min(updated_at) as first_window_update_at
    from stg_products
    where in_window(batch_hour)
    group by product_id
),

product_first_updates as (
    select
        product_id,
        min(updated_at) as first_update_at
    from stg_products
    where product_id in (select product_id from window_product_updates)
    group by product_id
),

changed_products as (
    select
        w.product_id,
        case
            when w.first_window_update_at <= f.first_update_at then timestamp '1900-01-01 00:00:00'
            else w.first_window_update_at
        end as affected_from
    from window_product_updates as w
    inner join product_first_updates as f
        on w.product_id = f.product_id
),

-- the orders already in the facts whose customer or product version may have moved, found in the facts (a key is the
-- id x 1000 + the version), so that the lookup reads the typed facts rather than every raw row in history; an order
-- whose customer or product was not loaded yet (key -1) may resolve now
customer_orders as (
    select f.order_id
    from fct_orders as f
    inner join changed_customers as c
        on natural_id(f.customer_key) = c.customer_id
    where f.placed_at >= c.affected_from
    union all
    select order_id
    from fct_orders
    where customer_key = -1
        and exists (select 1 from changed_customers)
),

product_orders as (
    select f.order_id
    from fct_sales as f
    inner join changed_products as p
        on natural_id(f.product_key) = p.product_id
    where f.order_at >= p.affected_from
    union all
    select order_id
    from fct_sales
    where product_key = -1
        and exists (select 1 from changed_products)
),

-- the chunk's orders rows beside the first batch the facts hold of their order (null: not in the facts yet)
window_order_rows as (
    select
        w.order_id,
        w.order_status,
        w.batch_hour,
        f.batch_hour as fact_batch_hour
    from window_orders as w
    left join fct_orders as f
        on w.order_id = f.order_id
),

-- the rows of an order in a batch before the first one the facts hold of it: its header (the earliest row) may be one
header_candidates as (
    select order_id
    from window_order_rows
    where fact_batch_hour is null
        or batch_hour < fact_batch_hour
),

-- rebuilt: whether the order's fct_orders row is built again from all its rows. A row that only moves an order of the
-- facts along its lifecycle (a later status: shipped, cancelled, delivered or returned, in a batch after its first)
-- does not need that: an order with only such rows in the chunk, and touched in no other way, is status_only, and
-- 20_fct_orders.sql moves its row along from the chunk's rows alone. Of the payments, only a captured one moves the row
-- (its method and paid_at); a refund does not
touched as (
    select order_id, true as lines_changed, true as rebuilt from window_lines
    union all
    select order_id, true as lines_changed, true as rebuilt from header_candidates
    union all
    select order_id, true as lines_changed, true as rebuilt from customer_orders
    union all
    select order_id, true as lines_changed, true as rebuilt from product_orders
    union all
    select
        order_id,
        false as lines_changed,
        fact_batch_hour is null
            or batch_hour <= fact_batch_hour
            or status_rank(order_status) < 3 as rebuilt
    from window_order_rows
    union all
    select
        order_id,
        false as lines_changed,
        coalesce(payment_status = 'captured', true) as rebuilt
    from window_payments
)

select
    order_id,
    bool_or(lines_changed) as lines_changed,
    not bool_or(rebuilt) as status_only
from touched
group by order_id;

analyze wrk_touched_orders;

-- the earliest batch of the orders whose fct_orders rows are built again (see sql/30_facts/00_touched_orders.sql), as a
-- setting of the transaction
select set_config('etl.rebuilt_from', cast(least(
    coalesce(
        (select min(batch_hour) from fct_orders where order_id in (
            select order_id from wrk_touched_orders where not status_only
        )),
        cast(current_setting('etl.batch_from') as timestamp)
    ),
    coalesce(
        (select min(batch_hour) from fct_sales where order_id in (
            select order_id from wrk_touched_orders where not status_only
        )),
        cast(current_setting('etl.batch_from') as timestamp)
    ),
    cast(current_setting('etl.batch_from') as timestamp)
) as text), true) as rebuilt_from;

-- the same for the touched orders whose lines may change, the only ones 10_fct_sales.sql reads
select set_config('etl.lines_from', cast(least(
    coalesce(
        (select min(batch_hour) from fct_sales where order_id in (
            select order_id from wrk_touched_orders where lines_changed
        )),
        cast(current_setting('etl.batch_from') as timestamp)
    ),
    coalesce(
        (select min(batch_hour) from fct_orders where order_id in (
            select order_id from wrk_touched_orders where lines_changed
        )),
        cast(current_setting('etl.batch_from') as timestamp)
    ),
    cast(current_setting('etl.batch_from') as timestamp)
) as text), true) as lines_from;
