-- severity: fail
-- dim_store, dim_payment_method, dim_date: keys unique and not null (small tables, checked whole), and the
-- unknown member of each present.
with store_keys as (
    select 'dim_store' as table_name, store_key as key_value, count(*) as row_count
    from dim_store
    group by store_key
    having count(*) > 1 or store_key is null
),

method_keys as (
    select 'dim_payment_method' as table_name, payment_method_key as key_value, count(*) as row_count
    from dim_payment_method
    group by payment_method_key
    having count(*) > 1 or payment_method_key is null
),

date_keys as (
    select 'dim_date' as table_name, date_key as key_value, count(*) as row_count
    from dim_date
    group by date_key
    having count(*) > 1 or date_key is null
),

unknown_members as (
    select 'dim_store' as table_name, -1 as key_value, 0 as row_count
    where not exists (select 1 from dim_store where store_key = -1)
    union all
    select 'dim_payment_method', -1, 0
    where not exists (select 1 from dim_payment_method where payment_method_key = -1)
    union all
    select 'dim_date', 0, 0
    where not exists (select 1 from dim_date where date_key = 0)
    union all
    select 'dim_customer', -1, 0
    where not exists (select 1 from dim_customer where customer_key = -1)
    union all
    select 'dim_product', -1, 0
    where not exists (select 1 from dim_product where product_key = -1)
)

select table_name, cast(key_value as bigint) as key_value, row_count from store_keys
union all
select table_name, cast(key_value as bigint), row_count from method_keys
union all
select table_name, cast(key_value as bigint), row_count from date_keys
union all
select table_name, cast(key_value as bigint), row_count from unknown_members;
