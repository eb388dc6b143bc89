-- stg_customers: the customers rows of the run's batches, typed, one per distinct row, without quarantined
-- rows. Every row is a version of its customer (dim_customer is built from all of them).
-- Incremental by batch: the run's hours are deleted and inserted again.
-- parameters: batch_from, batch_to
create table if not exists stg_customers (
    -- ids
    customer_id bigint,
    -- strings
    first_name varchar,
    last_name varchar,
    email varchar,
    phone varchar,
    street varchar,
    city varchar,
    state varchar,
    postal_code varchar,
    country varchar,
    loyalty_tier varchar,
    -- timestamps
    signup_at timestamp,
    updated_at timestamp,
    batch_hour timestamp
);

delete from stg_customers
where batch_hour >= cast(:?batch_from as timestamp)
    and batch_hour < cast(:?batch_to as timestamp);

insert into stg_customers (customer_id, first_name, last_name, email, phone, street, city, state, postal_code,
    country, loyalty_tier, signup_at, updated_at, batch_hour)
with batch_rows as (
    select distinct customer_id, first_name, last_name, email, phone, street, city, state, postal_code, country,
        loyalty_tier, signup_at, updated_at, batch_hour
    from raw_customers
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

quarantined as (
    select row_key, batch_hour
    from quarantine
    where source_table = 'customers'
        and reason <> 'duplicate'
        and batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
),

clean_rows as (
    select r.*
    from batch_rows as r
    left join quarantined as q
        on r.customer_id = q.row_key
        and r.batch_hour = q.batch_hour
    where q.row_key is null
)

select
    cast(customer_id as bigint) as customer_id,
    first_name,
    last_name,
    lower(email) as email,
    phone,
    street,
    city,
    state,
    postal_code,
    country,
    loyalty_tier,
    cast(replace(replace(signup_at, 'T', ' '), 'Z', '') as timestamp) as signup_at,
    cast(replace(replace(updated_at, 'T', ' '), 'Z', '') as timestamp) as updated_at,
    batch_hour
from clean_rows;
