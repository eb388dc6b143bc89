-- options: what the filters can choose from, one kind per row: categories, stores, and the days with sales.
select
    'category' as kind,
    category as value,
    category as label,
    cast(null as varchar) as channel
from (select distinct category from dim_product where product_key <> -1) as categories
union all
select
    'store' as kind,
    cast(store_id as varchar) as value,
    store_name as label,
    channel
from dim_store
where store_key <> -1
union all
select
    'first_day' as kind,
    cast(min(date_key) as varchar) as value,
    null as label,
    null as channel
from fct_sales
where date_key <> 0
union all
select
    'last_day' as kind,
    cast(max(date_key) as varchar) as value,
    null as label,
    null as channel
from fct_sales
where date_key <> 0
