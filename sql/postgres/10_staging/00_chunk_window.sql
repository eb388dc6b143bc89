-- The chunk's window (PostgreSQL): as sql/10_staging/00_chunk_window.sql, and the hours also as settings of the
-- chunk's transaction, which in_window() reads (sql/postgres/00_schema/01_macros.sql).
delete from etl_window;

insert into etl_window (batch_from, batch_to, run_id)
select
    cast(:?batch_from as timestamp) as batch_from,
    cast(:?batch_to as timestamp) as batch_to,
    :?run_id as run_id;

select
    set_config('etl.batch_from', cast(batch_from as text), true) as batch_from,
    set_config('etl.batch_to', cast(batch_to as text), true) as batch_to
from etl_window;
