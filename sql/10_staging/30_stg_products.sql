-- stg_products: the products rows of the run's batches, typed, one per distinct row, without quarantined
-- rows. A product appears when created and again when its price changes (dim_product is built from them).
-- Incremental by batch: the run's hours are deleted and inserted again.
-- parameters: batch_from, batch_to
create table if not exists stg_products (
    -- ids
    product_id bigint,
    -- strings
    sku varchar,
    product_name varchar,
    category varchar,
    subcategory varchar,
    brand varchar,
    -- numerics
    unit_price decimal(12, 2),
    unit_cost decimal(12, 2),
    is_active boolean,
    -- timestamps
    created_at timestamp,
    updated_at timestamp,
    batch_hour timestamp
);

delete from stg_products
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

insert into stg_products (product_id, sku, product_name, category, subcategory, brand, unit_price, unit_cost,
    is_active, created_at, updated_at, batch_hour)
with batch_rows as (
    select distinct product_id, sku, name, category, subcategory, brand, unit_price, unit_cost, is_active,
        created_at, updated_at, batch_hour
    from raw_products
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'products'
        and reason <> 'duplicate'
        and batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

clean_rows as (
    select r.*
    from batch_rows as r
    left join quarantined as q
        on r.product_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(product_id as bigint) as product_id,
    sku,
    name as product_name,
    category,
    subcategory,
    brand,
    cast(unit_price as decimal(12, 2)) as unit_price,
    cast(unit_cost as decimal(12, 2)) as unit_cost,
    cast(is_active as boolean) as is_active,
    cast(replace(replace(created_at, 'T', ' '), 'Z', '') as timestamp) as created_at,
    cast(replace(replace(updated_at, 'T', ' '), 'Z', '') as timestamp) as updated_at,
    batch_hour
from clean_rows;
