-- dim_customer (type 2): every version of the customers of the chunk's batches is rebuilt from all their rows in any
-- batch, so a backfill out of order still numbers the versions right (and a rebuild gives the same keys).
delete from dim_customer
where customer_id in (
    select customer_id
    from stg_customers
    where in_window(batch_hour)
);

insert into dim_customer (customer_key, customer_id, version_number, first_name, last_name, email, phone,
    street, city, state, postal_code, country, loyalty_tier, signup_at, updated_at, valid_from, valid_to,
    is_current)
with window_customer_ids as (
    select distinct customer_id
    from stg_customers
    where in_window(batch_hour)
),

customer_rows as (
    select
        s.*,
        row_number() over (partition by s.customer_id, s.updated_at order by s.batch_hour desc) as recency
    from stg_customers as s
    where s.customer_id in (select customer_id from window_customer_ids)
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
