-- raw_orders: the generator's orders rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_orders (
    -- source columns
    order_id varchar,
    customer_id varchar,
    store_id varchar,
    channel varchar,
    status varchar,
    order_at varchar,
    updated_at varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
