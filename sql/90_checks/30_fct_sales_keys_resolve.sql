-- severity: fail
-- fct_sales: every key of the run's lines resolves to a dimension row (the unknown members included).
select
    s.order_item_id,
    s.date_key,
    s.customer_key,
    s.product_key,
    s.store_key
from fct_sales as s
left join dim_date as d
    on s.date_key = d.date_key
left join dim_customer as c
    on s.customer_key = c.customer_key
left join dim_product as p
    on s.product_key = p.product_key
left join dim_store as st
    on s.store_key = st.store_key
where s.order_id in (select order_id from wrk_touched_orders)
    and (d.date_key is null or c.customer_key is null or p.product_key is null or st.store_key is null);
