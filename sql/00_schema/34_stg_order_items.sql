-- stg_order_items: the order_items rows of every loaded batch, typed, without quarantined
-- rows. Lines arrive once, in the batch where their order is placed. A view: see stg_stores.
create or replace view stg_order_items as
select
    -- ids
    to_bigint(r.order_item_id) as order_item_id,
    to_bigint(r.order_id) as order_id,
    to_bigint(r.product_id) as product_id,
    -- numerics
    to_integer(r.line_number) as line_number,
    to_integer(r.quantity) as quantity,
    to_money(r.unit_price) as unit_price,
    to_money(r.discount_amount) as discount_amount,
    -- timestamps
    r.batch_hour
from raw_order_items as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'order_items'
        and q.reason <> 'duplicate'
        and q.row_key = r.order_item_id
        and q.batch_hour = r.batch_hour
);
