-- dim_product: type 2 on price and cost, one row per run of equal (unit_price, unit_cost) of a product; the other
-- attributes are type 1 (every version shows the product's latest name, category, brand...). product_key =
-- product_id * 1000 + version_number; valid_from of the first version is 1900-01-01, valid_to of the current one
-- 9999-12-31; -1 = unknown (added here, once). Filled by 20_dimensions/40_dim_product.sql.
create table if not exists dim_product (
    -- keys
    product_key bigint,
    product_id bigint,
    version_number integer,
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
    valid_from timestamp,
    valid_to timestamp,
    -- flags
    is_current boolean
);

insert into dim_product (product_key, product_id, version_number, sku, product_name, category, subcategory,
    brand, unit_price, unit_cost, is_active, created_at, updated_at, valid_from, valid_to, is_current)
select -1, -1, 0, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', null, null, false, null, null,
    timestamp '1900-01-01 00:00:00', timestamp '9999-12-31 00:00:00', true
where not exists (select 1 from dim_product where product_key = -1);
