-- dim_store: one row per store (type 1: a store's latest row wins); store_key = store_id, -1 = unknown (added here,
-- once). Filled by 20_dimensions/10_dim_store.sql.
create table if not exists dim_store (
    -- keys
    store_key bigint,
    store_id bigint,
    -- strings
    store_name varchar,
    channel varchar,
    city varchar,
    state varchar,
    postal_code varchar,
    country varchar,
    -- timestamps
    opened_at timestamp
);

insert into dim_store (store_key, store_id, store_name, channel, city, state, postal_code, country, opened_at)
select -1, -1, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', null
where not exists (select 1 from dim_store where store_key = -1);
