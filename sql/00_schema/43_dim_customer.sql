-- dim_customer: type 2, one row per version of a customer (every customers row with a new updated_at is a version).
-- customer_key = customer_id * 1000 + version_number, so a rebuild gives the same keys. valid_from of the first
-- version is 1900-01-01 (an order may come minutes before its customer's signup_at within the sign-up hour);
-- valid_to of the current version is 9999-12-31; -1 = unknown (added here, once). Filled by
-- 20_dimensions/30_dim_customer.sql.
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

insert into dim_customer (customer_key, customer_id, version_number, first_name, last_name, email, phone,
    street, city, state, postal_code, country, loyalty_tier, signup_at, updated_at, valid_from, valid_to,
    is_current)
select -1, -1, 0, 'unknown', 'unknown', 'unknown', null, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown',
    'unknown', null, null, timestamp '1900-01-01 00:00:00', timestamp '9999-12-31 00:00:00', true
where not exists (select 1 from dim_customer where customer_key = -1);
