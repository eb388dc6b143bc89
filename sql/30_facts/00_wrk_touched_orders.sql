-- wrk_touched_orders: the orders whose facts this run rebuilds: orders with rows, lines or payments in the
-- run's batches, and orders of the customers and products whose versions were rebuilt, placed at or after
-- the moment their versions may have moved (see wrk_changed_customers, wrk_changed_products).
-- parameters: batch_from, batch_to
create table if not exists wrk_touched_orders (
    order_id bigint
);

delete from wrk_touched_orders;

insert into wrk_touched_orders (order_id)
with run_orders as (
    select order_id
    from stg_orders
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

run_lines as (
    select order_id
    from stg_order_items
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

run_payments as (
    select order_id
    from stg_payments
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

customer_orders as (
    select o.order_id
    from stg_orders as o
    inner join wrk_changed_customers as c
        on o.customer_id = c.customer_id
    where o.order_at >= c.affected_from
),

-- per order, the earliest moment from which one of its lines' products may have moved: grouped first, so that
-- the order_at test joins each order once rather than every changed product with every order row (a database
-- free to reorder the joins paired stg_orders with wrk_changed_products on the inequality alone: 487 million
-- pairs in a 30-day backfill at scale 10)
product_lines as (
    select
        i.order_id,
        min(p.affected_from) as affected_from
    from stg_order_items as i
    inner join wrk_changed_products as p
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

select order_id from run_orders
union
select order_id from run_lines
union
select order_id from run_payments
union
select order_id from customer_orders
union
select order_id from product_orders;
