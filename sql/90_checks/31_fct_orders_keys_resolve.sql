-- severity: fail
-- fct_orders: every key of the run's orders resolves to a dimension row (the unknown members included).
select
    o.order_id,
    o.date_key,
    o.customer_key,
    o.store_key,
    o.payment_method_key
from fct_orders as o
left join dim_date as d
    on o.date_key = d.date_key
left join dim_customer as c
    on o.customer_key = c.customer_key
left join dim_store as st
    on o.store_key = st.store_key
left join dim_payment_method as m
    on o.payment_method_key = m.payment_method_key
where o.order_id in (select order_id from wrk_touched_orders)
    and (d.date_key is null or c.customer_key is null or st.store_key is null or m.payment_method_key is null);
