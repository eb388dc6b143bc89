-- sales_days: the first and the last day with sales, which bound the default range.
select
    min(date_key) as first_key,
    max(date_key) as last_key
from fct_sales
where date_key <> 0
