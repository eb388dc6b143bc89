-- PostgreSQL only, last of 30_facts: after a big run (a backfill, the first load of a
-- warehouse), fresh planner statistics for the tables the hourly runs look up by key. Without them the planner
-- takes a run's hundred orders for half of raw_orders or fct_sales and reads those whole, so that
-- the cost of every later run would follow the history until autovacuum gets round to them. Big means touching
-- more orders than 1000 plus a tenth of fct_orders (autovacuum's own 10% rule): an hourly run never is, and
-- pays only for the count.
-- The block keeps its inner semicolons off the line ends, since the runner splits statements on those.
do $$ begin
    if (select count(*) from wrk_touched_orders)
            > 1000 + greatest((select reltuples from pg_class where oid = to_regclass('fct_orders')), 0) / 10 then
        analyze raw_customers, raw_products, raw_orders, raw_order_items, raw_payments, quarantine, dim_customer,
            dim_product, fct_sales,
            fct_orders; end if; end
$$;
