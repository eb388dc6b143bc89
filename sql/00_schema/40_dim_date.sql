-- dim_date: one row per calendar day, date_key yyyymmdd; date_key 0 is the unknown day (added here, once).
-- Filled by 20_dimensions/00_dim_date.sql with the days of each chunk's batches and orders.
create table if not exists dim_date (
    -- keys
    date_key integer,
    -- the day
    calendar_date date,
    year_number integer,
    quarter_number integer,
    month_number integer,
    month_name varchar,
    day_of_month integer,
    iso_weekday integer,
    weekday_name varchar,
    is_weekend boolean
);

insert into dim_date (date_key, calendar_date, year_number, quarter_number, month_number, month_name,
    day_of_month, iso_weekday, weekday_name, is_weekend)
select 0, null, null, null, null, 'unknown', null, null, 'unknown', false
where not exists (select 1 from dim_date where date_key = 0);
