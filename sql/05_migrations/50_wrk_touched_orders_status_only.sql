-- wrk_touched_orders.status_only, for a warehouse made before fct_orders moved the orders with only later status rows
-- in the chunk along from those rows (00_schema/52_wrk_touched_orders.sql creates it for a new warehouse)
alter table wrk_touched_orders add column if not exists status_only boolean;
