-- stores: revenue per store, with its channel and state (states are sums of stores).
select
    s.store_key as store_id,
    st.store_name,
    st.channel,
    st.city,
    st.state,
    sum(s.net_amount) as revenue,
    count(distinct s.order_id) as orders
from filtered_sales as s
left join dim_store as st
    on s.store_key = st.store_key
group by s.store_key, st.store_name, st.channel, st.city, st.state
order by revenue desc, s.store_key
