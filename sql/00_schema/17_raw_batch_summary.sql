-- raw_batch_summary: the ground truth of each batch (its _summary line), over its clean rows only: row
-- counts per table, injected rows, orders placed, units, revenue, cost and refunds; the warehouse is reconciled
-- against it to the cent. summary_json keeps the line's row object as delivered.
create table if not exists raw_batch_summary (
    -- the batch
    batch_hour timestamp not null,
    seed bigint,
    scale decimal(12, 6),
    dirty decimal(12, 6),
    -- clean rows per table
    stores_rows bigint,
    customers_rows bigint,
    products_rows bigint,
    orders_rows bigint,
    order_items_rows bigint,
    payments_rows bigint,
    -- injected rows and business totals
    dirty_rows bigint,
    orders_placed bigint,
    units bigint,
    revenue decimal(14, 2),
    cost decimal(14, 2),
    refunds decimal(14, 2),
    summary_json varchar,
    -- load metadata
    run_id varchar,
    loaded_at timestamp not null
);
