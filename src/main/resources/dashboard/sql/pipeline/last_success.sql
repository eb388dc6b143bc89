-- The run that succeeded last (run ledger).
select
    run_id,
    cast(finished_at as varchar) as finished_at
from pipeline_runs
where status = 'succeeded'
order by finished_at desc, run_id desc
limit 1
