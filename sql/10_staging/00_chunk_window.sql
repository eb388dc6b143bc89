-- The chunk's window: its hours and its run, the one place the chain's parameters arrive (camel-jdbc binds
-- :?batch_from, :?batch_to and :?run_id); every later model reads them through in_window(batch_hour), which on
-- DuckDB reads the variables set here (00_schema/01_macros.sql).
delete from etl_window;

insert into etl_window (batch_from, batch_to, run_id)
select
    cast(:?batch_from as timestamp) as batch_from,
    cast(:?batch_to as timestamp) as batch_to,
    :?run_id as run_id;

set variable batch_from = (select batch_from from etl_window);

set variable batch_to = (select batch_to from etl_window);
