-- stg_customers: the customers rows of every loaded batch, typed, without quarantined rows.
-- Every row is a version of its customer (dim_customer is built from them). A view: see stg_stores.
create or replace view stg_customers as
select
    -- ids
    to_bigint(r.customer_id) as customer_id,
    -- strings
    r.first_name,
    r.last_name,
    lower(r.email) as email,
    r.phone,
    r.street,
    r.city,
    r.state,
    r.postal_code,
    r.country,
    r.loyalty_tier,
    -- timestamps
    parse_ts(r.signup_at) as signup_at,
    parse_ts(r.updated_at) as updated_at,
    r.batch_hour
from raw_customers as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'customers'
        and q.reason <> 'duplicate'
        and q.row_key = r.customer_id
        and q.batch_hour = r.batch_hour
);
