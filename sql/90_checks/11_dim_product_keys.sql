-- severity: fail
-- dim_product: product_key unique and not null, and each product has exactly one current version
-- (checked for the products of the chunk's batches, whose versions it rebuilt).
-- checked_keys is a union rather than one filter with or, so that each part is a lookup by key.
with checked_keys as (
    select product_key
    from dim_product
    where product_id in (select product_id from stg_products where in_window(batch_hour))
    union all
    select product_key
    from dim_product
    where product_key = -1
),

duplicate_keys as (
    select d.product_key, count(*) as row_count
    from dim_product as d
    where d.product_key in (select product_key from checked_keys)
    group by d.product_key
    having count(*) > 1
),

null_keys as (
    select product_key, count(*) as row_count
    from dim_product
    where product_key is null or product_id is null
    group by product_key
),

current_versions as (
    select product_id as product_key, sum(case when is_current then 1 else 0 end) as row_count
    from dim_product
    where product_id in (select product_id from stg_products where in_window(batch_hour))
    group by product_id
    having sum(case when is_current then 1 else 0 end) <> 1
)

select 'duplicate key' as problem, product_key, row_count from duplicate_keys
union all
select 'null key', product_key, row_count from null_keys
union all
select 'not one current version', product_key, row_count from current_versions;
