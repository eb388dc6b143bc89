-- channels: revenue, orders and units per sales channel.
select
    s.channel,
    sum(s.net_amount) as revenue,
    count(distinct s.order_id) as orders,
    sum(s.quantity) as units
from filtered_sales as s
group by s.channel
order by revenue desc, s.channel
