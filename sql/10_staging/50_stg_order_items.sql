-- stg_order_items: the order_items rows of the run's batches, typed, one per distinct row, without
-- quarantined rows. Lines arrive once, in the batch where their order is placed.
-- Incremental by batch: the run's hours are deleted and inserted again.
-- parameters: batch_from, batch_to
create table if not exists stg_order_items (
    -- ids
    order_item_id bigint,
    order_id bigint,
    product_id bigint,
    -- numerics
    line_number integer,
    quantity integer,
    unit_price decimal(12, 2),
    discount_amount decimal(12, 2),
    -- timestamps
    batch_hour timestamp
);

delete from stg_order_items
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

insert into stg_order_items (order_item_id, order_id, product_id, line_number, quantity, unit_price,
    discount_amount, batch_hour)
with batch_rows as (
    select distinct order_item_id, order_id, line_number, product_id, quantity, unit_price, discount_amount,
        batch_hour
    from raw_order_items
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'order_items'
        and reason <> 'duplicate'
        and batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

clean_rows as (
    select r.*
    from batch_rows as r
    left join quarantined as q
        on r.order_item_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(order_item_id as bigint) as order_item_id,
    cast(order_id as bigint) as order_id,
    cast(product_id as bigint) as product_id,
    cast(line_number as integer) as line_number,
    cast(quantity as integer) as quantity,
    cast(unit_price as decimal(12, 2)) as unit_price,
    cast(discount_amount as decimal(12, 2)) as discount_amount,
    batch_hour
from clean_rows;
