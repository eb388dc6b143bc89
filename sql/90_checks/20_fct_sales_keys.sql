-- severity: fail
-- fct_sales: order_item_id unique and every key not null, for the orders the run rebuilt.
with run_lines as (
    select *
    from fct_sales
    where order_id in (select order_id from wrk_touched_orders)
),

duplicate_lines as (
    select s.order_item_id, count(*) as row_count
    from fct_sales as s
    where s.order_item_id in (select order_item_id from run_lines)
    group by s.order_item_id
    having count(*) > 1
),

null_keys as (
    select order_item_id, 1 as row_count
    from run_lines
    where order_item_id is null
        or order_id is null
        or date_key is null
        or customer_key is null
        or product_key is null
        or store_key is null
)

select 'duplicate order_item_id' as problem, order_item_id, row_count from duplicate_lines
union all
select 'null key', order_item_id, row_count from null_keys;
