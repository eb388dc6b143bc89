-- wrk_touched_orders: the orders whose facts the chunk rebuilds: orders with rows, lines or payments in the chunk's
-- batches, and the orders of the customers and products whose versions 20_dimensions rebuilt, placed at or after the
-- moment their versions may have moved (a customer's first version starts in 1900, so all of a new customer's
-- orders; a changed one's from its first update in the chunk).
delete from wrk_touched_orders;

insert into wrk_touched_orders (order_id)
with window_orders as (
    select order_id
    from stg_orders
    where in_window(batch_hour)
),

window_lines as (
    select order_id
    from stg_order_items
    where in_window(batch_hour)
),

window_payments as (
    select order_id
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

customer_first_updates as (
    select
        customer_id,
        min(updated_at) as first_update_at
    from stg_customers
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

customer_orders as (
    select o.order_id
    from stg_orders as o
    inner join changed_customers as c
        on o.customer_id = c.customer_id
    where o.order_at >= c.affected_from
),

-- per order, the earliest moment from which one of its lines' products may have moved: grouped first, so that the
-- order_at test joins each order once rather than every changed product with every order row
product_lines as (
    select
        i.order_id,
        min(p.affected_from) as affected_from
    from stg_order_items as i
    inner join changed_products as p
        on i.product_id = p.product_id
    group by i.order_id
),

product_orders as (
    select o.order_id
    from stg_orders as o
    inner join product_lines as l
        on o.order_id = l.order_id
    where o.order_at >= l.affected_from
)

select order_id from window_orders
union
select order_id from window_lines
union
select order_id from window_payments
union
select order_id from customer_orders
union
select order_id from product_orders;

-- the earliest batch of the touched orders: their facts' batch hours (an order's rows and lines lie in its placing
-- batch and later), or the window's start for orders not yet in the facts
set variable touched_from = (
    select least(
        coalesce(
            (select min(batch_hour) from fct_orders where order_id in (select order_id from wrk_touched_orders)),
            getvariable('batch_from')
        ),
        coalesce(
            (select min(batch_hour) from fct_sales where order_id in (select order_id from wrk_touched_orders)),
            getvariable('batch_from')
        ),
        getvariable('batch_from')
    )
);
