-- wrk_touched_orders.lines_changed, for a warehouse made before fct_sales rebuilt only the orders whose lines may
-- change (00_schema/52_wrk_touched_orders.sql creates it for a new warehouse)
alter table wrk_touched_orders add column if not exists lines_changed boolean;
