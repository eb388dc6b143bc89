-- dim_customer (type 2): every version of the customers of the chunk's batches is rebuilt from their versions so far
-- and the chunk's rows (a customers row is a whole version: a row with a new updated_at is a new one, so the dimension
-- holds every row the customer ever had), so a backfill out of order still numbers the versions right, and merged on
-- the key (id x 1000 + version): a customer's versions only grow in number as rows arrive, so no key leaves the
-- dimension. Reading the versions so far from the dimension rather than every raw row in history keeps the cost with
-- the chunk's customers.
merge into dim_customer as d
using (
    with window_rows as (
        select
            customer_id, first_name, last_name, email, phone, street, city, state, postal_code, country,
            loyalty_tier, signup_at, updated_at,
            1 as precedence
        from stg_customers
        where in_window(batch_hour)
    ),

    known_versions as (
        select
            customer_id, first_name, last_name, email, phone, street, city, state, postal_code, country,
            loyalty_tier, signup_at, updated_at,
            2 as precedence
        from dim_customer
        where customer_id in (select customer_id from window_rows)
    ),

    -- one row per (customer, updated_at): the chunk's where it has one
    customer_rows as (
        select
            *,
            row_number() over (partition by customer_id, updated_at order by precedence) as recency
        from (
            select * from window_rows
            union all
            select * from known_versions
        ) as candidate_rows
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
    from versions
) as src
on d.customer_key = src.customer_key
-- a version whose row is as it was stays as it is (an update costs as much as an insert)
when matched and (
    d.customer_id is distinct from src.customer_id
    or d.version_number is distinct from src.version_number
    or d.first_name is distinct from src.first_name
    or d.last_name is distinct from src.last_name
    or d.email is distinct from src.email
    or d.phone is distinct from src.phone
    or d.street is distinct from src.street
    or d.city is distinct from src.city
    or d.state is distinct from src.state
    or d.postal_code is distinct from src.postal_code
    or d.country is distinct from src.country
    or d.loyalty_tier is distinct from src.loyalty_tier
    or d.signup_at is distinct from src.signup_at
    or d.updated_at is distinct from src.updated_at
    or d.valid_from is distinct from src.valid_from
    or d.valid_to is distinct from src.valid_to
    or d.is_current is distinct from src.is_current
) then update set
    customer_id = src.customer_id,
    version_number = src.version_number,
    first_name = src.first_name,
    last_name = src.last_name,
    email = src.email,
    phone = src.phone,
    street = src.street,
    city = src.city,
    state = src.state,
    postal_code = src.postal_code,
    country = src.country,
    loyalty_tier = src.loyalty_tier,
    signup_at = src.signup_at,
    updated_at = src.updated_at,
    valid_from = src.valid_from,
    valid_to = src.valid_to,
    is_current = src.is_current
when not matched then insert (
        customer_key, customer_id, version_number, first_name, last_name, email, phone, street, city, state,
        postal_code, country, loyalty_tier, signup_at, updated_at, valid_from, valid_to, is_current
    ) values (
        src.customer_key, src.customer_id, src.version_number, src.first_name, src.last_name, src.email, src.phone,
        src.street, src.city, src.state, src.postal_code, src.country, src.loyalty_tier, src.signup_at, src.updated_at,
        src.valid_from, src.valid_to, src.is_current
    );
