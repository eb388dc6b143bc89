-- severity: fail
-- stg_payments of the run's batches: method and status are among the source model's values.
select
    payment_id,
    payment_method,
    payment_status
from stg_payments
where in_window(batch_hour)
    and (
        payment_method not in ('card', 'paypal', 'gift_card', 'cash')
        or payment_method is null
        or payment_status not in ('captured', 'refunded', 'failed')
        or payment_status is null
    );
