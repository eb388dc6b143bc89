-- PostgreSQL only: empties wrk_touched_orders (filled by 30_facts/00_wrk_touched_orders) with truncate rather
-- than delete, so that the dead rows of big runs (a backfill touches thousands of orders) do not pile up in it
-- and every later run scan them. The table is created here too, for the first run.
-- No parameters.
create table if not exists wrk_touched_orders (
    order_id bigint
);

truncate wrk_touched_orders;
