-- stg_payments: the payments rows of every loaded batch, typed, without quarantined rows:
-- captured and failed payments in the placing hour (or when a later payer pays), refunds later. A view: see
-- stg_stores.
create or replace view stg_payments as
select
    -- ids
    to_bigint(r.payment_id) as payment_id,
    to_bigint(r.order_id) as order_id,
    -- strings
    r.method as payment_method,
    r.status as payment_status,
    -- numerics
    to_money(r.amount) as amount,
    -- timestamps
    parse_ts(r.paid_at) as paid_at,
    r.batch_hour
from raw_payments as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'payments'
        and q.reason <> 'duplicate'
        and q.row_key = r.payment_id
        and q.batch_hour = r.batch_hour
);
