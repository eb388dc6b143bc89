-- wrk_moved_orders: the fct_orders rows of the chunk's status_only orders, moved along from the chunk's rows
-- (30_facts/20_fct_orders.sql fills it before it deletes and inserts the touched orders' rows), with fct_orders'
-- columns. A work table.
create table if not exists wrk_moved_orders as
select *
from fct_orders
where false;
