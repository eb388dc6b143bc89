-- quarantine of orders: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
--   late_row           an order row whose order_at lies before its batch hour, of an order that no earlier
--                      batch holds (a transition of an order placed earlier is not late, nor is one of an order
--                      placed before a snapshot the warehouse loaded: its placing hour is before the history)
-- A row can be late only in its order's first batch. The chunk's rows come before every later batch, so an order
-- with rows in the chunk has its first batch in the chunk or before it: its late_row entries of later batches no
-- longer stand (loading an order's placing hour after its later hours makes them on time), and those of earlier
-- batches keep their verdict, which the chunk cannot change.
-- The staging view stg_orders leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'orders'
    and in_window(batch_hour);

delete from quarantine
where source_table = 'orders'
    and reason = 'late_row'
    and after_window(batch_hour)
    and row_key in (
        select order_id
        from raw_orders
        where in_window(batch_hour)
    );

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with window_order_ids as (
    select distinct order_id
    from raw_orders
    where in_window(batch_hour)
        and order_id is not null
),

first_batches as (
    select
        order_id,
        min(batch_hour) as first_batch_hour
    from raw_orders
    where order_id in (select order_id from window_order_ids)
    group by order_id
),

order_rows as (
    select *
    from raw_orders
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, order_id
    from order_rows
    group by batch_hour, order_id
    having count(*) > 1
),

numbered_rows as (
    select
        o.*,
        1 as copy_number
    from order_rows as o
    where not exists (
        select 1
        from repeated_keys as k
        where k.batch_hour = o.batch_hour
            and k.order_id is not distinct from o.order_id
    )
    union all
    select
        o.*,
        row_number() over (
            partition by o.batch_hour, o.order_id, o.customer_id, o.store_id, o.channel, o.status, o.order_at,
                o.updated_at
            order by o.loaded_at
        ) as copy_number
    from order_rows as o
    inner join repeated_keys as k
        on k.batch_hour = o.batch_hour
        and k.order_id is not distinct from o.order_id
),

-- the snapshots: the batch a warehouse whose history starts after the shop opened loads first (its summary says so)
snapshot_batches as (
    select batch_hour
    from raw_batch_summary
    where replace(summary_json, ' ', '') like '%"snapshot":true%'
),

judged as (
    select
        o.*,
        case
            when o.copy_number > 1 then 'duplicate'
            when o.order_id is null or o.customer_id is null or o.store_id is null or o.channel is null
                or o.status is null or o.order_at is null or o.updated_at is null then 'null_required'
            when not is_bigint(o.order_id) or not is_bigint(o.customer_id) or not is_bigint(o.store_id)
                or not is_timestamp(o.order_at) or not is_timestamp(o.updated_at) then 'malformed_value'
            when parse_ts(o.order_at) < o.batch_hour
                and f.first_batch_hour = o.batch_hour
                and not exists (
                    select 1
                    from snapshot_batches as s
                    where s.batch_hour >= date_trunc('hour', parse_ts(o.order_at))
                        and s.batch_hour < o.batch_hour
                ) then 'late_row'
        end as reason
    from numbered_rows as o
    left join first_batches as f
        on o.order_id = f.order_id
)

select
    'orders' as source_table,
    order_id as row_key,
    reason,
    concat_ws('|', coalesce(order_id, 'null'), coalesce(customer_id, 'null'), coalesce(store_id, 'null'),
        coalesce(channel, 'null'), coalesce(status, 'null'), coalesce(order_at, 'null'),
        coalesce(updated_at, 'null')) as raw_row,
    batch_hour,
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
