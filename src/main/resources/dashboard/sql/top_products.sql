-- top_products: products by revenue over all their price versions, named by their current version.
select
    s.product_id,
    p.product_name,
    p.category,
    p.brand,
    sum(s.net_amount) as revenue,
    sum(s.quantity) as units,
    count(distinct s.order_id) as orders
from filtered_sales as s
left join dim_product as p
    on s.product_id = p.product_id
    and p.is_current
group by s.product_id, p.product_name, p.category, p.brand
order by revenue desc, s.product_id
