-- quarantine of payments: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
-- The staging view stg_payments leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'payments'
    and in_window(batch_hour);

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with window_rows as (
    select *
    from raw_payments
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, payment_id
    from window_rows
    group by batch_hour, payment_id
    having count(*) > 1
),

batch_rows as (
    select
        r.*,
        1 as copy_number
    from window_rows as r
    where not exists (
        select 1
        from repeated_keys as k
        where k.batch_hour = r.batch_hour
            and k.payment_id is not distinct from r.payment_id
    )
    union all
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.payment_id, r.order_id, r.method, r.status, r.amount, r.paid_at
            order by r.loaded_at
        ) as copy_number
    from window_rows as r
    inner join repeated_keys as k
        on k.batch_hour = r.batch_hour
        and k.payment_id is not distinct from r.payment_id
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when payment_id is null or order_id is null or method is null or status is null or amount is null
                or paid_at is null then 'null_required'
            when not is_bigint(payment_id) or not is_bigint(order_id) or not is_money(amount)
                or not is_timestamp(paid_at) then 'malformed_value'
        end as reason
    from batch_rows
)

select
    'payments' as source_table,
    payment_id as row_key,
    reason,
    concat_ws('|', coalesce(payment_id, 'null'), coalesce(order_id, 'null'), coalesce(method, 'null'),
        coalesce(status, 'null'), coalesce(amount, 'null'), coalesce(paid_at, 'null')) as raw_row,
    batch_hour,
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
