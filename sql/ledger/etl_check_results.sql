-- etl_check_results: one row per data check (a file of 90_checks) per run: how many rows failed it and
-- whether that failed the run (severity fail) or only warned (severity warn).
create table if not exists etl_check_results (
    run_id varchar not null,
    check_name varchar not null,
    severity varchar not null,
    failing_rows bigint not null,
    status varchar not null,
    checked_at timestamp not null
);
