-- a warehouse loaded before the watermark existed starts its watermark at the hours its raw tables hold
insert into pipeline_chunks (run_id, chunk_from, chunk_to, source_rows, committed_at)
select
    'before-watermark' as run_id,
    min(batch_hour) as chunk_from,
    max(batch_hour) + interval '1 hour' as chunk_to,
    0 as source_rows,
    max(loaded_at) as committed_at
from raw_batch_summary
where not exists (select 1 from pipeline_chunks)
having count(*) > 0;
