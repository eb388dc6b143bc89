-- severity: fail
-- dim_customer: customer_key unique and not null, and each customer has exactly one current version
-- (checked for the customers of the chunk's batches, whose versions it rebuilt).
-- checked_keys is a union rather than one filter with or, so that each part is a lookup by key.
with checked_keys as (
    select customer_key
    from dim_customer
    where customer_id in (select customer_id from stg_customers where in_window(batch_hour))
    union all
    select customer_key
    from dim_customer
    where customer_key = -1
    union all
    select customer_key
    from dim_customer
    where customer_key is null
),

duplicate_keys as (
    select d.customer_key, count(*) as row_count
    from dim_customer as d
    where d.customer_key in (select customer_key from checked_keys)
    group by d.customer_key
    having count(*) > 1
),

null_keys as (
    select customer_key, count(*) as row_count
    from dim_customer
    where customer_key is null or customer_id is null
    group by customer_key
),

current_versions as (
    select customer_id as customer_key, sum(case when is_current then 1 else 0 end) as row_count
    from dim_customer
    where customer_id in (select customer_id from stg_customers where in_window(batch_hour))
    group by customer_id
    having sum(case when is_current then 1 else 0 end) <> 1
)

select 'duplicate key' as problem, customer_key, row_count from duplicate_keys
union all
select 'null key', customer_key, row_count from null_keys
union all
select 'not one current version', customer_key, row_count from current_versions;
