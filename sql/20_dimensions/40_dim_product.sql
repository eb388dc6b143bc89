-- dim_product (type 2 on price and cost, type 1 on the rest): every version of the products of the chunk's batches
-- is rebuilt from all their rows in any batch and merged on the key, as dim_customer's (a row arriving out of order
-- can split a run of equal prices in two, never join two).
merge into dim_product as d
using (
    with window_product_ids as (
        select distinct product_id
        from stg_products
        where in_window(batch_hour)
    ),

    product_rows as (
        select
            s.*,
            row_number() over (partition by s.product_id, s.updated_at order by s.batch_hour desc) as recency
        from stg_products as s
        where s.product_id in (select product_id from window_product_ids)
    ),

    ordered_rows as (
        select
            *,
            lag(unit_price) over (partition by product_id order by updated_at) as previous_price,
            lag(unit_cost) over (partition by product_id order by updated_at) as previous_cost,
            row_number() over (partition by product_id order by updated_at desc) as recency_rank
        from product_rows
        where recency = 1
    ),

    latest_attributes as (
        select product_id, sku, product_name, category, subcategory, brand, is_active, created_at
        from ordered_rows
        where recency_rank = 1
    ),

    version_starts as (
        select product_id, unit_price, unit_cost, updated_at
        from ordered_rows
        where previous_price is null
            or unit_price <> previous_price
            or unit_cost <> previous_cost
    ),

    versions as (
        select
            *,
            row_number() over (partition by product_id order by updated_at) as version_number,
            lead(updated_at) over (partition by product_id order by updated_at) as next_updated_at
        from version_starts
    )

    select
        v.product_id * 1000 + v.version_number as product_key,
        v.product_id,
        v.version_number,
        a.sku,
        a.product_name,
        a.category,
        a.subcategory,
        a.brand,
        v.unit_price,
        v.unit_cost,
        a.is_active,
        a.created_at,
        v.updated_at,
        case when v.version_number = 1 then timestamp '1900-01-01 00:00:00' else v.updated_at end as valid_from,
        coalesce(v.next_updated_at, timestamp '9999-12-31 00:00:00') as valid_to,
        v.next_updated_at is null as is_current
    from versions as v
    inner join latest_attributes as a
        on v.product_id = a.product_id
) as src
on d.product_key = src.product_key
-- a version whose row is as it was stays as it is (an update costs as much as an insert)
when matched and (
    d.product_id is distinct from src.product_id
    or d.version_number is distinct from src.version_number
    or d.sku is distinct from src.sku
    or d.product_name is distinct from src.product_name
    or d.category is distinct from src.category
    or d.subcategory is distinct from src.subcategory
    or d.brand is distinct from src.brand
    or d.unit_price is distinct from src.unit_price
    or d.unit_cost is distinct from src.unit_cost
    or d.is_active is distinct from src.is_active
    or d.created_at is distinct from src.created_at
    or d.updated_at is distinct from src.updated_at
    or d.valid_from is distinct from src.valid_from
    or d.valid_to is distinct from src.valid_to
    or d.is_current is distinct from src.is_current
) then update set
    product_id = src.product_id,
    version_number = src.version_number,
    sku = src.sku,
    product_name = src.product_name,
    category = src.category,
    subcategory = src.subcategory,
    brand = src.brand,
    unit_price = src.unit_price,
    unit_cost = src.unit_cost,
    is_active = src.is_active,
    created_at = src.created_at,
    updated_at = src.updated_at,
    valid_from = src.valid_from,
    valid_to = src.valid_to,
    is_current = src.is_current
when not matched then insert (
        product_key, product_id, version_number, sku, product_name, category, subcategory, brand,
        unit_price, unit_cost, is_active, created_at, updated_at, valid_from, valid_to, is_current
    ) values (
        src.product_key, src.product_id, src.version_number, src.sku, src.product_name, src.category, src.subcategory,
        src.brand, src.unit_price, src.unit_cost, src.is_active, src.created_at, src.updated_at, src.valid_from,
        src.valid_to, src.is_current
    );
