-- fct_orders: one row per order, its current status and lifecycle timestamps (filled in as later statuses arrive, in
-- whatever order the hours load); batch_hour is the batch where the order was placed. Filled by
-- 30_facts/20_fct_orders.sql.
create table if not exists fct_orders (
    -- keys
    order_id bigint,
    customer_key bigint,
    store_key bigint,
    date_key integer,
    payment_method_key integer,
    -- strings
    channel varchar,
    order_status varchar,
    -- numerics
    item_count integer,
    units integer,
    net_amount decimal(14, 2),
    -- timestamps
    placed_at timestamp,
    paid_at timestamp,
    shipped_at timestamp,
    delivered_at timestamp,
    cancelled_at timestamp,
    returned_at timestamp,
    updated_at timestamp,
    batch_hour timestamp
);
