-- severity: fail
-- fct_orders: order_id unique and every key not null, for the orders the run rebuilt.
with run_orders as (
    select *
    from fct_orders
    where order_id in (select order_id from wrk_touched_orders)
),

duplicate_orders as (
    select o.order_id, count(*) as row_count
    from fct_orders as o
    where o.order_id in (select order_id from run_orders)
    group by o.order_id
    having count(*) > 1
),

null_keys as (
    select order_id, 1 as row_count
    from run_orders
    where order_id is null
        or customer_key is null
        or store_key is null
        or date_key is null
        or payment_method_key is null
)

select 'duplicate order_id' as problem, order_id, row_count from duplicate_orders
union all
select 'null key', order_id, row_count from null_keys;
