-- PostgreSQL only: an index on batch_hour per raw table, so that replacing an hour (delete by batch_hour)
-- and reading the newest hours stay cheap as the raw tables grow. DuckDB and Databricks prune by
-- min/max statistics instead and need none.
create index if not exists raw_stores_batch_hour on raw_stores (batch_hour);
create index if not exists raw_customers_batch_hour on raw_customers (batch_hour);
create index if not exists raw_products_batch_hour on raw_products (batch_hour);
create index if not exists raw_orders_batch_hour on raw_orders (batch_hour);
create index if not exists raw_order_items_batch_hour on raw_order_items (batch_hour);
create index if not exists raw_payments_batch_hour on raw_payments (batch_hour);
create index if not exists raw_batch_manifest_batch_hour on raw_batch_manifest (batch_hour);
create index if not exists raw_batch_summary_batch_hour on raw_batch_summary (batch_hour);
