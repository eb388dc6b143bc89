-- dim_customer: type 2, one row per version of a customer (every customers row with a new updated_at is a
-- version). customer_key = customer_id * 1000 + version_number, so a rebuild gives the same keys.
-- valid_from of the first version is 1900-01-01 (an order may come minutes before its customer's signup_at
-- within the sign-up hour); valid_to of the current version is 9999-12-31; -1 = unknown.
-- Incremental by customer: every version of the customers in the run's batches is rebuilt from all their
-- rows, so a backfill out of order still numbers the versions right. wrk_changed_customers keeps, per rebuilt
-- customer, the earliest moment whose version may have moved (orders from then on are re-resolved in 30_facts).
-- parameters: batch_from, batch_to
create table if not exists dim_customer (
    -- keys
    customer_key bigint,
    customer_id bigint,
    version_number integer,
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
    valid_from timestamp,
    valid_to timestamp,
    -- flags
    is_current boolean
);

create table if not exists wrk_changed_customers (
    customer_id bigint,
    affected_from timestamp
);

insert into dim_customer (customer_key, customer_id, version_number, first_name, last_name, email, phone,
    street, city, state, postal_code, country, loyalty_tier, signup_at, updated_at, valid_from, valid_to,
    is_current)
select -1, -1, 0, 'unknown', 'unknown', 'unknown', null, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown',
    'unknown', null, null, timestamp '1900-01-01 00:00:00', timestamp '9999-12-31 00:00:00', true
where not exists (select 1 from dim_customer where customer_key = -1);

delete from wrk_changed_customers;

insert into wrk_changed_customers (customer_id, affected_from)
with run_rows as (
    select
        customer_id,
        min(updated_at) as first_run_update_at
    from stg_customers
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
    group by customer_id
),

all_rows as (
    select
        customer_id,
        min(updated_at) as first_update_at
    from stg_customers
    where customer_id in (select customer_id from run_rows)
    group by customer_id
)

select
    r.customer_id,
    case
        when r.first_run_update_at <= a.first_update_at then timestamp '1900-01-01 00:00:00'
        else r.first_run_update_at
    end as affected_from
from run_rows as r
inner join all_rows as a
    on r.customer_id = a.customer_id;

delete from dim_customer
where customer_id in (select customer_id from wrk_changed_customers);

insert into dim_customer (customer_key, customer_id, version_number, first_name, last_name, email, phone,
    street, city, state, postal_code, country, loyalty_tier, signup_at, updated_at, valid_from, valid_to,
    is_current)
with customer_rows as (
    select
        s.*,
        row_number() over (partition by s.customer_id, s.updated_at order by s.batch_hour desc) as recency
    from stg_customers as s
    where s.customer_id in (select customer_id from wrk_changed_customers)
),

versions as (
    select
        *,
        row_number() over (partition by customer_id order by updated_at) as version_number,
        lead(updated_at) over (partition by customer_id order by updated_at) as next_updated_at
    from customer_rows
    where recency = 1
)

select
    customer_id * 1000 + version_number as customer_key,
    customer_id,
    version_number,
    first_name,
    last_name,
    email,
    phone,
    street,
    city,
    state,
    postal_code,
    country,
    loyalty_tier,
    signup_at,
    updated_at,
    case when version_number = 1 then timestamp '1900-01-01 00:00:00' else updated_at end as valid_from,
    coalesce(next_updated_at, timestamp '9999-12-31 00:00:00') as valid_to,
    next_updated_at is null as is_current
from versions;
