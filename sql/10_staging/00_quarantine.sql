-- quarantine: the rows of the run's batches that fail cleaning. One reason per row, the first that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null (every source column but customers.phone is required)
--   malformed_value    a value does not read as its column's type (an id, a number, a flag or a timestamp;
--                      00_raw/value_checks.sql), from a source other than this application's generator
--   malformed_email    customers.email is not local@domain.tld (one @, no blanks, a dot in the domain)
--   negative_quantity  order_items.quantity is zero or below
--   unknown_product    order_items.product_id never appears in raw_products
--   late_row           an order row whose order_at lies before its batch hour, of an order that no earlier
--                      batch holds (a transition of an order placed earlier is not late, nor is one of an order
--                      placed before a snapshot the warehouse loaded: its placing hour is before the history)
-- Later staging files leave out the non-duplicate quarantined rows by (table, key, batch).
-- Re-running a range replaces its rows; late_row entries of other batches are re-judged for the orders this
-- run loaded, since loading an order's placing hour after its later hours makes them on-time.
-- parameters: batch_from, batch_to, run_id

delete from quarantine
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

delete from quarantine
where source_table = 'orders'
    and reason = 'late_row'
    and row_key in (
        select order_id
        from raw_orders
        where batch_hour >= cast(:?batch_from as timestamp)
            and batch_hour < cast(:?batch_to as timestamp)
    );

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.store_id, r.name, r.channel, r.city, r.state, r.postal_code,
                r.country, r.opened_at
            order by r.loaded_at
        ) as copy_number
    from raw_stores as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when store_id is null or name is null or channel is null or city is null or state is null
                or postal_code is null or country is null or opened_at is null then 'null_required'
            when not is_bigint(store_id) or not is_timestamp(opened_at) then 'malformed_value'
        end as reason
    from batch_rows
)

select
    'stores' as source_table,
    store_id as row_key,
    reason,
    concat_ws('|', coalesce(store_id, 'null'), coalesce(name, 'null'), coalesce(channel, 'null'),
        coalesce(city, 'null'), coalesce(state, 'null'), coalesce(postal_code, 'null'),
        coalesce(country, 'null'), coalesce(opened_at, 'null')) as raw_row,
    batch_hour,
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.customer_id, r.first_name, r.last_name, r.email, r.phone, r.street,
                r.city, r.state, r.postal_code, r.country, r.loyalty_tier, r.signup_at, r.updated_at
            order by r.loaded_at
        ) as copy_number
    from raw_customers as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when customer_id is null or first_name is null or last_name is null or email is null
                or street is null or city is null or state is null or postal_code is null or country is null
                or loyalty_tier is null or signup_at is null or updated_at is null then 'null_required'
            when not is_bigint(customer_id) or not is_timestamp(signup_at) or not is_timestamp(updated_at)
                then 'malformed_value'
            when email not like '%_@_%._%' or email like '%@%@%' or email like '% %' then 'malformed_email'
        end as reason
    from batch_rows
)

select
    'customers' as source_table,
    customer_id as row_key,
    reason,
    concat_ws('|', coalesce(customer_id, 'null'), coalesce(first_name, 'null'), coalesce(last_name, 'null'),
        coalesce(email, 'null'), coalesce(phone, 'null'), coalesce(street, 'null'), coalesce(city, 'null'),
        coalesce(state, 'null'), coalesce(postal_code, 'null'), coalesce(country, 'null'),
        coalesce(loyalty_tier, 'null'), coalesce(signup_at, 'null'), coalesce(updated_at, 'null')) as raw_row,
    batch_hour,
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.product_id, r.sku, r.name, r.category, r.subcategory, r.brand,
                r.unit_price, r.unit_cost, r.is_active, r.created_at, r.updated_at
            order by r.loaded_at
        ) as copy_number
    from raw_products as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when product_id is null or sku is null or name is null or category is null or subcategory is null
                or brand is null or unit_price is null or unit_cost is null or is_active is null
                or created_at is null or updated_at is null then 'null_required'
            when not is_bigint(product_id) or not is_money(unit_price) or not is_money(unit_cost)
                or not is_boolean(is_active) or not is_timestamp(created_at) or not is_timestamp(updated_at)
                then 'malformed_value'
        end as reason
    from batch_rows
)

select
    'products' as source_table,
    product_id as row_key,
    reason,
    concat_ws('|', coalesce(product_id, 'null'), coalesce(sku, 'null'), coalesce(name, 'null'),
        coalesce(category, 'null'), coalesce(subcategory, 'null'), coalesce(brand, 'null'),
        coalesce(unit_price, 'null'), coalesce(unit_cost, 'null'), coalesce(is_active, 'null'),
        coalesce(created_at, 'null'), coalesce(updated_at, 'null')) as raw_row,
    batch_hour,
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;

-- orders: the run's rows, and the other batches' rows of the orders the run loaded (to re-judge late_row). A row
-- of another batch can be late only in its order's first batch, so only the rows of that batch are judged again,
-- not those of every hour of the order's lifecycle (whose value checks cost as much as the run's own rows)
insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with run_order_ids as (
    select distinct order_id
    from raw_orders
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
        and order_id is not null
),

first_batches as (
    select
        order_id,
        min(batch_hour) as first_batch_hour
    from raw_orders
    where order_id in (select order_id from run_order_ids)
    group by order_id
),

order_rows as (
    select
        r.*,
        1 as is_in_run
    from raw_orders as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
    union all
    select
        r.*,
        0 as is_in_run
    from raw_orders as r
    inner join first_batches as f
        on r.order_id = f.order_id
        and r.batch_hour = f.first_batch_hour
    where r.batch_hour < cast(:?batch_from as timestamp)
        or r.batch_hour >= cast(:?batch_to as timestamp)
),

numbered_rows as (
    select
        o.*,
        case
            when is_timestamp(o.order_at) then cast(replace(replace(o.order_at, 'T', ' '), 'Z', '') as timestamp)
        end as placed_at,
        row_number() over (
            partition by o.batch_hour, o.order_id, o.customer_id, o.store_id, o.channel, o.status, o.order_at,
                o.updated_at
            order by o.loaded_at
        ) as copy_number
    from order_rows as o
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
            when o.placed_at < o.batch_hour
                and f.first_batch_hour = o.batch_hour
                and not exists (
                    select 1
                    from snapshot_batches as s
                    where s.batch_hour >= date_trunc('hour', o.placed_at)
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
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where (is_in_run = 1 and reason is not null)
    or (is_in_run = 0 and reason = 'late_row');

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.order_item_id, r.order_id, r.line_number, r.product_id, r.quantity,
                r.unit_price, r.discount_amount
            order by r.loaded_at
        ) as copy_number
    from raw_order_items as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
),

known_products as (
    select distinct product_id
    from raw_products
    where product_id in (select product_id from batch_rows)
),

judged as (
    select
        i.*,
        case
            when i.copy_number > 1 then 'duplicate'
            when i.order_item_id is null or i.order_id is null or i.line_number is null or i.product_id is null
                or i.quantity is null or i.unit_price is null or i.discount_amount is null then 'null_required'
            when not is_bigint(i.order_item_id) or not is_bigint(i.order_id) or not is_integer(i.line_number)
                or not is_bigint(i.product_id) or not is_integer(i.quantity) or not is_money(i.unit_price)
                or not is_money(i.discount_amount) then 'malformed_value'
            when cast(i.quantity as integer) <= 0 then 'negative_quantity'
            when p.product_id is null then 'unknown_product'
        end as reason
    from batch_rows as i
    left join known_products as p
        on i.product_id = p.product_id
)

select
    'order_items' as source_table,
    order_item_id as row_key,
    reason,
    concat_ws('|', coalesce(order_item_id, 'null'), coalesce(order_id, 'null'), coalesce(line_number, 'null'),
        coalesce(product_id, 'null'), coalesce(quantity, 'null'), coalesce(unit_price, 'null'),
        coalesce(discount_amount, 'null')) as raw_row,
    batch_hour,
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with batch_rows as (
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.payment_id, r.order_id, r.method, r.status, r.amount, r.paid_at
            order by r.loaded_at
        ) as copy_number
    from raw_payments as r
    where r.batch_hour >= cast(:?batch_from as timestamp)
        and r.batch_hour < cast(:?batch_to as timestamp)
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
    :?run_id as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
