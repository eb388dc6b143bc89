-- summary: the headline figures of the filtered lines; unique customers by customer_id (not by version).
select
    coalesce(sum(s.net_amount), 0) as revenue,
    count(distinct s.order_id) as orders,
    coalesce(sum(s.quantity), 0) as units,
    count(distinct case when c.customer_id <> -1 then c.customer_id end) as customers
from filtered_sales as s
left join dim_customer as c
    on s.customer_key = c.customer_key
