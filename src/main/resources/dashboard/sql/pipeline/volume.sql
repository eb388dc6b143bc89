-- Rows loaded per batch hour since :since (all six raw tables) beside the rows the batch's summary says the source
-- sent (its clean rows per table and its injected rows).
with loaded as (
    select batch_hour, count(*) as row_count from raw_stores where batch_hour >= cast(:since as timestamp) group by batch_hour
    union all
    select batch_hour, count(*) from raw_customers where batch_hour >= cast(:since as timestamp) group by batch_hour
    union all
    select batch_hour, count(*) from raw_products where batch_hour >= cast(:since as timestamp) group by batch_hour
    union all
    select batch_hour, count(*) from raw_orders where batch_hour >= cast(:since as timestamp) group by batch_hour
    union all
    select batch_hour, count(*) from raw_order_items where batch_hour >= cast(:since as timestamp) group by batch_hour
    union all
    select batch_hour, count(*) from raw_payments where batch_hour >= cast(:since as timestamp) group by batch_hour
),

loaded_per_hour as (
    select batch_hour, sum(row_count) as row_count
    from loaded
    group by batch_hour
),

sent_per_hour as (
    select
        batch_hour,
        stores_rows + customers_rows + products_rows + orders_rows + order_items_rows + payments_rows
            + dirty_rows as row_count
    from raw_batch_summary
    where batch_hour >= cast(:since as timestamp)
)

select
    cast(coalesce(sent_per_hour.batch_hour, loaded_per_hour.batch_hour) as varchar) as batch_hour,
    coalesce(loaded_per_hour.row_count, 0) as loaded,
    coalesce(sent_per_hour.row_count, 0) as sent
from sent_per_hour
full outer join loaded_per_hour
    on sent_per_hour.batch_hour = loaded_per_hour.batch_hour
order by batch_hour
