-- raw_order_items: the generator's order_items rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_order_items (
    -- source columns
    order_item_id varchar,
    order_id varchar,
    line_number varchar,
    product_id varchar,
    quantity varchar,
    unit_price varchar,
    discount_amount varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
