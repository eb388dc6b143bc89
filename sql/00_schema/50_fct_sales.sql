-- fct_sales: one row per order line, with the customer and product versions valid at the order time. batch_hour is
-- the batch of the line (where its order was placed), so the sales of a batch reconcile with its summary. Keys that
-- do not resolve point at the unknown members (-1, date_key 0). Filled by 30_facts/10_fct_sales.sql.
create table if not exists fct_sales (
    -- keys
    order_item_id bigint,
    order_id bigint,
    date_key integer,
    customer_key bigint,
    product_key bigint,
    store_key bigint,
    -- strings
    channel varchar,
    -- numerics
    order_hour integer,
    line_number integer,
    quantity integer,
    unit_price decimal(12, 2),
    gross_amount decimal(14, 2),
    discount_amount decimal(12, 2),
    net_amount decimal(14, 2),
    cost_amount decimal(14, 2),
    margin_amount decimal(14, 2),
    -- timestamps
    order_at timestamp,
    batch_hour timestamp
);
