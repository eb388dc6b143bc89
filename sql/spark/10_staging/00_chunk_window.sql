-- The chunk's window (Spark): one statement that replaces the window's row; Spark's in_window macro binds the hours
-- itself (sql/spark/00_schema/01_macros.sql).
insert overwrite etl_window
select
    cast(:?batch_from as timestamp) as batch_from,
    cast(:?batch_to as timestamp) as batch_to,
    :?run_id as run_id;
