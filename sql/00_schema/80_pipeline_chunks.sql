-- the watermark: one row per committed chunk of hours, written in the chunk's own transaction after its raw
-- rows and marts, so a row here means the chunk's raw rows and marts are in. Runs plan from it: a catch-up starts
-- after max(chunk_to), a snapshot is loaded only before min(chunk_from). chunk_from includes a snapshot hour.
create table if not exists pipeline_chunks (
    run_id varchar not null,
    chunk_from timestamp not null,
    chunk_to timestamp not null,
    source_rows bigint not null,
    committed_at timestamp not null
);
