-- The last :runs runs, newest first (run ledger).
select
    run_id,
    trigger_name,
    status,
    cast(started_at as varchar) as started_at,
    duration_ms
from pipeline_runs
order by started_at desc, run_id desc
limit :runs
