-- stg_payments: the payments rows of the run's batches, typed, one per distinct row, without quarantined
-- rows: captured and failed payments in the placing hour (or when a later payer pays), refunds later.
-- Incremental by batch: the run's hours are deleted and inserted again.
-- parameters: batch_from, batch_to
create table if not exists stg_payments (
    -- ids
    payment_id bigint,
    order_id bigint,
    -- strings
    payment_method varchar,
    payment_status varchar,
    -- numerics
    amount decimal(12, 2),
    -- timestamps
    paid_at timestamp,
    batch_hour timestamp
);

delete from stg_payments
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

insert into stg_payments (payment_id, order_id, payment_method, payment_status, amount, paid_at, batch_hour)
with batch_rows as (
    select distinct payment_id, order_id, method, status, amount, paid_at, batch_hour
    from raw_payments
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'payments'
        and reason <> 'duplicate'
        and batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

clean_rows as (
    select r.*
    from batch_rows as r
    left join quarantined as q
        on r.payment_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(payment_id as bigint) as payment_id,
    cast(order_id as bigint) as order_id,
    method as payment_method,
    status as payment_status,
    cast(amount as decimal(12, 2)) as amount,
    cast(replace(replace(paid_at, 'T', ' '), 'Z', '') as timestamp) as paid_at,
    batch_hour
from clean_rows;
