-- the run ledger: one row per pipeline run (trigger, hours, status, counts, error)
create table if not exists pipeline_runs (
    run_id varchar not null,
    trigger_name varchar not null,
    status varchar not null,
    hours_from timestamp,
    hours_to timestamp,
    hours_requested integer not null,
    hours_done integer not null,
    rows_loaded bigint not null,
    started_at timestamp not null,
    finished_at timestamp,
    duration_ms bigint,
    failed_step varchar,
    failed_hour timestamp,
    error_message varchar
);
