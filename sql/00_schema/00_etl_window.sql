-- etl_window: the chunk under way, one row, written by the chain's first model (10_staging/00_chunk_window.sql) in the
-- chunk's transaction: its hours (batch_from inclusive, batch_to exclusive) and its run. Every model reads the window
-- through in_window(batch_hour) (01_macros.sql), so the chunk's hours are defined in this one place.
create table if not exists etl_window (
    batch_from timestamp not null,
    batch_to timestamp not null,
    run_id varchar not null
);
