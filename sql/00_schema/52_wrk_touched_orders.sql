-- wrk_touched_orders: the orders whose facts the chunk under way rebuilds (30_facts/00_touched_orders.sql fills it,
-- the fact models and checks read it; fct_sales only the orders whose lines_changed, fct_orders moves the status_only
-- ones along from the chunk's rows). A work table: a set every fact step reads, computed once per chunk.
create table if not exists wrk_touched_orders (
    order_id bigint,
    lines_changed boolean,
    status_only boolean
);
