-- heatmap: revenue and orders per ISO weekday (1 = Monday) and hour of the order.
select
    d.iso_weekday,
    s.order_hour,
    sum(s.net_amount) as revenue,
    count(distinct s.order_id) as orders
from filtered_sales as s
inner join dim_date as d
    on s.date_key = d.date_key
group by d.iso_weekday, s.order_hour
order by d.iso_weekday, s.order_hour
