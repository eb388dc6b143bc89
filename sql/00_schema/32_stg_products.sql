-- stg_products: the products rows of every loaded batch, typed, without quarantined rows. A
-- product appears when created and again when its price changes (dim_product is built from them). A view: see
-- stg_stores.
create or replace view stg_products as
select
    -- ids
    to_bigint(r.product_id) as product_id,
    -- strings
    r.sku,
    r.name as product_name,
    r.category,
    r.subcategory,
    r.brand,
    -- numerics
    to_money(r.unit_price) as unit_price,
    to_money(r.unit_cost) as unit_cost,
    to_boolean(r.is_active) as is_active,
    -- timestamps
    parse_ts(r.created_at) as created_at,
    parse_ts(r.updated_at) as updated_at,
    r.batch_hour
from raw_products as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'products'
        and q.reason <> 'duplicate'
        and q.row_key = r.product_id
        and q.batch_hour = r.batch_hour
);
