-- quarantine of customers: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
--   malformed_email    email is not local@domain.tld (one @, no blanks, a dot in the domain)
-- The staging view stg_customers leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'customers'
    and in_window(batch_hour);

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with window_rows as (
    select *
    from raw_customers
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, customer_id
    from window_rows
    group by batch_hour, customer_id
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
            and k.customer_id is not distinct from r.customer_id
    )
    union all
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.customer_id, r.first_name, r.last_name, r.email, r.phone, r.street,
                r.city, r.state, r.postal_code, r.country, r.loyalty_tier, r.signup_at, r.updated_at
            order by r.loaded_at
        ) as copy_number
    from window_rows as r
    inner join repeated_keys as k
        on k.batch_hour = r.batch_hour
        and k.customer_id is not distinct from r.customer_id
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
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
