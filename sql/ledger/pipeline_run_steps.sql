-- the run ledger's steps: per run, each step with its rows and duration (loads summed over the run's hours)
create table if not exists pipeline_run_steps (
    run_id varchar not null,
    step_order integer not null,
    step_name varchar not null,
    status varchar not null,
    rows_affected bigint,
    duration_ms bigint not null,
    error_message varchar
);
