-- PostgreSQL only: the raw and quarantine lookups of 10_staging by key (an order's rows in every batch, a
-- product id ever seen, the late rows of an order), so that a run's cost follows its batches, not the history.
create index if not exists raw_orders_order_id on raw_orders (order_id);
create index if not exists raw_products_product_id on raw_products (product_id);
create index if not exists quarantine_batch_hour on quarantine (batch_hour);
create index if not exists quarantine_table_key on quarantine (source_table, row_key);
