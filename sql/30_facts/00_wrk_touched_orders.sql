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

product_orders as (
    select i.order_id
    from stg_order_items as i
    inner join wrk_changed_products as p
        on i.product_id = p.product_id
    inner join stg_orders as o
        on i.order_id = o.order_id
    where o.order_at >= p.affected_from
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
