-- The steps of the last :runs runs with their durations, in each run's order (run ledger).
with recent_runs as (
    select run_id
    from pipeline_runs
    order by started_at desc, run_id desc
    limit :runs
)

select
    steps.run_id,
    steps.step_order,
    steps.step_name,
    steps.duration_ms
from pipeline_run_steps as steps
inner join recent_runs
    on steps.run_id = recent_runs.run_id
order by steps.run_id, steps.step_order
