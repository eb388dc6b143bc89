-- filtered_sales: the order lines the dashboard's filters select. Every analytics query reads it as a CTE.
-- Days by date_key (yyyymmdd, portable between databases): from_key inclusive, to_key exclusive; category,
-- store_id and channel are optional (null = all).
-- parameters: from_key, to_key, category, store_id, channel
select
    -- keys
    s.order_id,
    s.date_key,
    s.customer_key,
    s.product_key,
    s.store_key,
    p.product_id,
    -- strings
    s.channel,
    p.category,
    -- numerics
    s.order_hour,
    s.quantity,
    s.net_amount
from fct_sales as s
inner join dim_product as p
    on s.product_key = p.product_key
where s.date_key >= :from_key
    and s.date_key < :to_key
    and (cast(:category as varchar) is null or p.category = :category)
    and (cast(:store_id as bigint) is null or s.store_key = :store_id)
    and (cast(:channel as varchar) is null or s.channel = :channel)
