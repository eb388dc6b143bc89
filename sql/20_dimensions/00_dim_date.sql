-- dim_date: the days of the chunk's batches and of its orders that dim_date does not hold yet; existing days are left
-- alone. Names come from CASE rather than a date-format function, which every database spells differently.
insert into dim_date (date_key, calendar_date, year_number, quarter_number, month_number, month_name,
    day_of_month, iso_weekday, weekday_name, is_weekend)
with batch_days as (
    select distinct cast(batch_hour as date) as calendar_date
    from raw_batch_summary
    where in_window(batch_hour)
),

order_days as (
    select distinct cast(order_at as date) as calendar_date
    from stg_orders
    where in_window(batch_hour)
        and order_at is not null
),

new_days as (
    select calendar_date from batch_days
    union
    select calendar_date from order_days
),

missing_days as (
    select n.calendar_date
    from new_days as n
    left join dim_date as d
        on n.calendar_date = d.calendar_date
    where d.date_key is null
),

date_parts as (
    select
        calendar_date,
        cast(extract(year from calendar_date) as integer) as year_number,
        cast(extract(quarter from calendar_date) as integer) as quarter_number,
        cast(extract(month from calendar_date) as integer) as month_number,
        cast(extract(day from calendar_date) as integer) as day_of_month,
        cast(extract(isodow from calendar_date) as integer) as iso_weekday
    from missing_days
)

select
    year_number * 10000 + month_number * 100 + day_of_month as date_key,
    calendar_date,
    year_number,
    quarter_number,
    month_number,
    case month_number
        when 1 then 'January' when 2 then 'February' when 3 then 'March' when 4 then 'April'
        when 5 then 'May' when 6 then 'June' when 7 then 'July' when 8 then 'August'
        when 9 then 'September' when 10 then 'October' when 11 then 'November' else 'December'
    end as month_name,
    day_of_month,
    iso_weekday,
    case iso_weekday
        when 1 then 'Monday' when 2 then 'Tuesday' when 3 then 'Wednesday' when 4 then 'Thursday'
        when 5 then 'Friday' when 6 then 'Saturday' else 'Sunday'
    end as weekday_name,
    iso_weekday >= 6 as is_weekend
from date_parts;
