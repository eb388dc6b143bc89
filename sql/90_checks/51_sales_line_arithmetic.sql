-- severity: fail
-- The money of each sales line of the run's batches adds up: gross is quantity times unit price, net is gross less
-- discount, margin is net less cost. A model that scales one of them (and not the others) fails here, where the
-- batch totals of 50_reconcile_sales_with_summary may not see it (margin has no ground truth of its own).
with lines as (
    select
        batch_hour,
        order_id,
        line_number,
        quantity,
        unit_price,
        gross_amount,
        discount_amount,
        net_amount,
        cost_amount,
        margin_amount
    from fct_sales
    where in_window(batch_hour)
)

select *
from lines
where gross_amount <> cast(quantity * unit_price as decimal(14, 2))
    or net_amount <> gross_amount - discount_amount
    or margin_amount <> net_amount - cost_amount
