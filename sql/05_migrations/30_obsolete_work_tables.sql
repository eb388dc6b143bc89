-- work tables of earlier releases that no model reads any more (the changed customers and products are now CTEs of
-- 30_facts/00_touched_orders.sql)
drop table if exists wrk_changed_customers;

drop table if exists wrk_changed_products;
