-- PostgreSQL only: the indexes the chain's lookups use, made once when the warehouse is opened (DuckDB and Databricks
-- prune by min/max statistics instead and need none):
-- the batch hour of every raw table, the quarantine and the marts, so that replacing an hour and reading the chunk's
-- batches stay cheap as the tables grow;
create index if not exists raw_stores_batch_hour on raw_stores (batch_hour);
create index if not exists raw_customers_batch_hour on raw_customers (batch_hour);
create index if not exists raw_products_batch_hour on raw_products (batch_hour);
create index if not exists raw_orders_batch_hour on raw_orders (batch_hour);
create index if not exists raw_order_items_batch_hour on raw_order_items (batch_hour);
create index if not exists raw_payments_batch_hour on raw_payments (batch_hour);
create index if not exists raw_batch_manifest_batch_hour on raw_batch_manifest (batch_hour);
create index if not exists raw_batch_summary_batch_hour on raw_batch_summary (batch_hour);
create index if not exists quarantine_batch_hour on quarantine (batch_hour);
create index if not exists fct_sales_batch_hour on fct_sales (batch_hour);
create index if not exists fct_orders_batch_hour on fct_orders (batch_hour);
-- the raw and quarantine lookups by key (an order's rows in every batch, a product id ever seen, the late rows of an
-- order);
create index if not exists raw_orders_order_id on raw_orders (order_id);
create index if not exists raw_products_product_id on raw_products (product_id);
create index if not exists raw_customers_customer_id on raw_customers (customer_id);
create index if not exists quarantine_table_key on quarantine (source_table, row_key);
-- the dimension and fact lookups by key of the incremental models and the checks.
create index if not exists dim_customer_customer_id on dim_customer (customer_id);
create index if not exists dim_customer_customer_key on dim_customer (customer_key);
create index if not exists dim_product_product_id on dim_product (product_id);
create index if not exists dim_product_product_key on dim_product (product_key);
create index if not exists fct_sales_order_id on fct_sales (order_id);
create index if not exists fct_sales_order_item_id on fct_sales (order_item_id);
create index if not exists fct_orders_order_id on fct_orders (order_id);
