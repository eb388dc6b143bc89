-- severity: fail
-- Reconciliation with the batches' ground truth: for each batch hour of the run, the net amount, the cost, the
-- units and the distinct orders of fct_sales lines placed in that batch, and the orders of fct_orders placed in
-- it, equal the summary's revenue, cost, units and orders_placed to the cent (orders of fct_orders counted in the
-- hour they were placed; cost and units where the summary has them).
with summaries as (
    select batch_hour, revenue, cost, units, orders_placed
    from raw_batch_summary
    where in_window(batch_hour)
),

sales as (
    select
        batch_hour,
        sum(net_amount) as net_amount,
        sum(cost_amount) as cost_amount,
        sum(quantity) as units,
        count(distinct order_id) as order_count
    from fct_sales
    where in_window(batch_hour)
    group by batch_hour
),

orders as (
    -- orders placed in the batch's hour: an order placed before the loaded history first shows up with a later
    -- status change, in a later batch, and is not one of that batch's placed orders
    select
        batch_hour,
        count(*) as order_count
    from fct_orders
    where in_window(batch_hour)
        and date_trunc('hour', placed_at) = batch_hour
    group by batch_hour
),

compared as (
    select
        s.batch_hour,
        s.revenue,
        coalesce(f.net_amount, 0) as sales_net_amount,
        s.cost,
        coalesce(f.cost_amount, 0) as sales_cost_amount,
        s.units,
        coalesce(f.units, 0) as sales_units,
        s.orders_placed,
        coalesce(f.order_count, 0) as sales_order_count,
        coalesce(o.order_count, 0) as fct_orders_count
    from summaries as s
    left join sales as f
        on s.batch_hour = f.batch_hour
    left join orders as o
        on s.batch_hour = o.batch_hour
)

select *
from compared
where revenue <> sales_net_amount
    or cost <> sales_cost_amount
    or units <> sales_units
    or orders_placed <> sales_order_count
    or orders_placed <> fct_orders_count;
