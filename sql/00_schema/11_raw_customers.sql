-- raw_customers: the generator's customers rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_customers (
    -- source columns
    customer_id varchar,
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
    signup_at varchar,
    updated_at varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
