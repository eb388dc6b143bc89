-- revenue_by_day: revenue, orders and units per day; weeks and months are sums of days (an order has one day).
select
    s.date_key,
    sum(s.net_amount) as revenue,
    count(distinct s.order_id) as orders,
    sum(s.quantity) as units
from filtered_sales as s
group by s.date_key
order by s.date_key
