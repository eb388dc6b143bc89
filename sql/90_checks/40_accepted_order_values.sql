-- severity: fail
-- fct_orders of the run: status and channel are among the source model's values.
select
    order_id,
    order_status,
    channel
from fct_orders
where order_id in (select order_id from wrk_touched_orders)
    and (
        order_status not in ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')
        or order_status is null
        or channel not in ('store', 'web', 'mobile')
        or channel is null
    );
