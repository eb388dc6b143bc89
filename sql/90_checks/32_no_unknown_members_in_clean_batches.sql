-- severity: fail
-- fct_sales: with dirty data off, no line of the run points at an unknown member (key -1): every order's
-- customer, product and store came in an earlier or the same batch, or in the snapshot that starts the history.
-- A line that does means a batch was lost between the raw load and the marts.
-- parameters: batch_from, batch_to
with clean_batches as (
    select batch_hour
    from raw_batch_summary
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
        and dirty = 0
)

select
    s.order_item_id,
    s.batch_hour,
    s.customer_key,
    s.product_key,
    s.store_key
from fct_sales as s
inner join clean_batches as b
    on s.batch_hour = b.batch_hour
where s.customer_key = -1
    or s.product_key = -1
    or s.store_key = -1;
