-- Every check verdict of the last :runs runs (run ledger).
with recent_runs as (
    select run_id
    from pipeline_runs
    order by started_at desc, run_id desc
    limit :runs
)

select
    results.run_id,
    results.check_name,
    results.severity,
    results.status,
    results.failing_rows
from etl_check_results as results
inner join recent_runs
    on results.run_id = recent_runs.run_id
order by results.check_name
