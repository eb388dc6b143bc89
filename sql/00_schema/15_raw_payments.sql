-- raw_payments: the generator's payments rows as delivered, every source column as text, so that no
-- malformed value can fail a load; typing and cleaning happen in 10_staging.
-- An hour's rows are replaced as a whole on reload (delete by batch_hour, then insert).
create table if not exists raw_payments (
    -- source columns
    payment_id varchar,
    order_id varchar,
    method varchar,
    status varchar,
    amount varchar,
    paid_at varchar,
    -- load metadata
    batch_hour timestamp not null,
    run_id varchar,
    loaded_at timestamp not null
);
