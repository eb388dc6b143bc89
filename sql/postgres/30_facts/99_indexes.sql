-- PostgreSQL only: indexes of the staging, dimension and fact tables on the batch hour and the keys the
-- incremental steps delete and look up by. Created by the first run (after its tables exist), no-ops after.
-- No parameters.
create index if not exists stg_stores_batch_hour on stg_stores (batch_hour);
create index if not exists stg_customers_batch_hour on stg_customers (batch_hour);
create index if not exists stg_customers_customer_id on stg_customers (customer_id);
create index if not exists stg_products_batch_hour on stg_products (batch_hour);
create index if not exists stg_products_product_id on stg_products (product_id);
create index if not exists stg_orders_batch_hour on stg_orders (batch_hour);
-- (customer_id, order_at) and (order_id, order_at): wrk_touched_orders finds the orders of a changed customer
-- placed since its affected_from by a range of the index, and filters the orders of a changed product's lines
-- by order_at in the index, without reading every order of the customer or product in history
create index if not exists stg_orders_customer_id_order_at on stg_orders (customer_id, order_at);
create index if not exists stg_orders_order_id_order_at on stg_orders (order_id, order_at);
create index if not exists stg_order_items_batch_hour on stg_order_items (batch_hour);
create index if not exists stg_order_items_order_id on stg_order_items (order_id);
create index if not exists stg_order_items_product_id_order_id on stg_order_items (product_id, order_id);
create index if not exists stg_payments_batch_hour on stg_payments (batch_hour);
create index if not exists stg_payments_order_id on stg_payments (order_id);
create index if not exists dim_customer_customer_id on dim_customer (customer_id);
create index if not exists dim_customer_customer_key on dim_customer (customer_key);
create index if not exists dim_product_product_id on dim_product (product_id);
create index if not exists dim_product_product_key on dim_product (product_key);
create index if not exists fct_sales_order_id on fct_sales (order_id);
create index if not exists fct_sales_batch_hour on fct_sales (batch_hour);
create index if not exists fct_sales_order_item_id on fct_sales (order_item_id);
create index if not exists fct_orders_order_id on fct_orders (order_id);
create index if not exists fct_orders_batch_hour on fct_orders (batch_hour);
