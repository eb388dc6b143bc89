-- wrk_touched_orders: the orders whose facts the chunk under way rebuilds (30_facts/00_touched_orders.sql fills it,
-- the fact models and checks read it; fct_sales only the orders whose lines_changed). A work table: a set every fact step reads, computed once per chunk.
create table if not exists wrk_touched_orders (
    order_id bigint,
    lines_changed boolean
);
