-- severity: fail
-- fct_sales: with dirty data off, no line of the run points at an unknown member (key -1) when every hour from
-- the start of the warehouse's history up to the line's batch is loaded: each order's customer, product and
-- store then came in an earlier or the same batch, or in the snapshot that starts the history. Such a line means
-- a batch was lost between the raw load and the marts. (After a gap in the loaded hours, unknown members are
-- expected until the gap is loaded.)
with history as (
    select min(batch_hour) as first_hour
    from raw_batch_summary
),

clean_batches as (
    select s.batch_hour
    from raw_batch_summary as s
    cross join history as h
    where in_window(s.batch_hour)
        and s.dirty = 0
        and (
            select count(*)
            from raw_batch_summary as p
            where p.batch_hour <= s.batch_hour
        ) = (extract(epoch from s.batch_hour) - extract(epoch from h.first_hour)) / 3600 + 1
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
