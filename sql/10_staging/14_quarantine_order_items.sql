-- quarantine of order_items: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
--   negative_quantity  quantity is zero or below
--   unknown_product    product_id never appears in raw_products
-- The staging view stg_order_items leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'order_items'
    and in_window(batch_hour);

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with window_rows as (
    select *
    from raw_order_items
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, order_item_id
    from window_rows
    group by batch_hour, order_item_id
    having count(*) > 1
),

batch_rows as (
    select
        r.*,
        1 as copy_number
    from window_rows as r
    where not exists (
        select 1
        from repeated_keys as k
        where k.batch_hour = r.batch_hour
            and k.order_item_id is not distinct from r.order_item_id
    )
    union all
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.order_item_id, r.order_id, r.line_number, r.product_id, r.quantity,
                r.unit_price, r.discount_amount
            order by r.loaded_at
        ) as copy_number
    from window_rows as r
    inner join repeated_keys as k
        on k.batch_hour = r.batch_hour
        and k.order_item_id is not distinct from r.order_item_id
),

known_products as (
    select distinct product_id
    from raw_products
    where product_id in (select product_id from batch_rows)
),

judged as (
    select
        i.*,
        case
            when i.copy_number > 1 then 'duplicate'
            when i.order_item_id is null or i.order_id is null or i.line_number is null or i.product_id is null
                or i.quantity is null or i.unit_price is null or i.discount_amount is null then 'null_required'
            when not is_bigint(i.order_item_id) or not is_bigint(i.order_id) or not is_integer(i.line_number)
                or not is_bigint(i.product_id) or not is_integer(i.quantity) or not is_money(i.unit_price)
                or not is_money(i.discount_amount) then 'malformed_value'
            when cast(i.quantity as integer) <= 0 then 'negative_quantity'
            when p.product_id is null then 'unknown_product'
        end as reason
    from batch_rows as i
    left join known_products as p
        on i.product_id = p.product_id
)

select
    'order_items' as source_table,
    order_item_id as row_key,
    reason,
    concat_ws('|', coalesce(order_item_id, 'null'), coalesce(order_id, 'null'), coalesce(line_number, 'null'),
        coalesce(product_id, 'null'), coalesce(quantity, 'null'), coalesce(unit_price, 'null'),
        coalesce(discount_amount, 'null')) as raw_row,
    batch_hour,
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
