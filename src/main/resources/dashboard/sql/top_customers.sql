-- top_customers: customers by revenue over all their versions, named by their current version.
select
    c.customer_id,
    cur.first_name,
    cur.last_name,
    cur.city,
    cur.state,
    cur.loyalty_tier,
    sum(s.net_amount) as revenue,
    count(distinct s.order_id) as orders
from filtered_sales as s
inner join dim_customer as c
    on s.customer_key = c.customer_key
left join dim_customer as cur
    on c.customer_id = cur.customer_id
    and cur.is_current
group by c.customer_id, cur.first_name, cur.last_name, cur.city, cur.state, cur.loyalty_tier
order by revenue desc, c.customer_id
