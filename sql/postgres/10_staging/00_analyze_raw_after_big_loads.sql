-- PostgreSQL only, first of 10_staging: fresh planner statistics for a raw table that has changed by more than
-- autovacuum's own rule (1000 rows plus a tenth of the table) since it was last analyzed, that is after a big
-- load such as a backfill. Without them the planner takes the thousands of orders a backfill loaded for a handful
-- and stg_orders ran for minutes. An hourly run changes too little to pay for more than the lookup.
-- The block keeps its inner semicolons off the line ends, since the runner splits statements on those.
do $$ declare raw_table text; begin
    for raw_table in
        select relname from pg_stat_user_tables
        where relname in ('raw_stores', 'raw_customers', 'raw_products', 'raw_orders', 'raw_order_items',
                'raw_payments', 'quarantine')
            and n_mod_since_analyze > 1000 + greatest(n_live_tup, 0) / 10
    loop execute format('analyze %I', raw_table); end loop; end
$$;
