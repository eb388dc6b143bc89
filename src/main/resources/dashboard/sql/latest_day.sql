-- latest_day: the last day with sales, which ends the default range.
select max(date_key) as date_key
from fct_sales
where date_key <> 0
