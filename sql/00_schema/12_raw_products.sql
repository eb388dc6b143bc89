-- raw_products: the generator's products rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_products (
    -- source columns
    product_id varchar,
    sku varchar,
    name varchar,
    category varchar,
    subcategory varchar,
    brand varchar,
    unit_price varchar,
    unit_cost varchar,
    is_active varchar,
    created_at varchar,
    updated_at varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
