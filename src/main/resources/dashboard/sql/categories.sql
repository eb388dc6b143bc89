-- categories: revenue and units per product category.
select
    s.category,
    sum(s.net_amount) as revenue,
    sum(s.quantity) as units,
    count(distinct s.order_id) as orders
from filtered_sales as s
group by s.category
order by revenue desc, s.category
