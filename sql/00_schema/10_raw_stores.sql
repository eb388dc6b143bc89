-- raw_stores: the generator's stores rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_stores (
    -- source columns
    store_id varchar,
    name varchar,
    channel varchar,
    city varchar,
    state varchar,
    postal_code varchar,
    country varchar,
    opened_at varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
