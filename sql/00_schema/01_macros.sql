-- The expressions every model shares, defined once (DuckDB macros; sql/postgres/00_schema/01_macros.sql holds the
-- PostgreSQL functions, and on Spark each call is expanded in place by SparkSql).
--   in_window(t)     whether a batch hour lies in the chunk under way: 10_staging/00_chunk_window.sql sets the window
--                    as variables of the chunk's connection, which DuckDB reads as constants, so that the filter
--                    reaches the raw tables' scans (a subquery of etl_window would be a join above them)
--   after_window(t)  whether a batch hour lies after the chunk under way
--   in_rebuilt_batches(t)  whether a batch hour lies at or after the earliest batch of the orders whose fct_orders rows
--                    the chunk builds again (30_facts/00_touched_orders.sql sets it), where every row of those orders
--                    lies, so that the fact models read an order's rows from the batches that can hold them, not from
--                    all of history
--   in_line_batches(t)  the same for the touched orders whose lines may change (fct_sales reads only those)
--   natural_id(k)    the id of a type 2 dimension's key (key = id x 1000 + version)
--   status_rank(s)   an order status's place in the lifecycle (placed 1, paid 2, shipped or cancelled 3, delivered 4,
--                    returned 5, anything else 0): of an order's rows with the same updated_at, the later status wins
--   parse_ts(v)      a source timestamp's text (2026-01-05T14:03:00Z) as a timestamp (DuckDB reads the T and the Z
--                    itself, at a third of the cost of replacing them first)
--   to_bigint(v) ... a raw text value as its type. The staging views read through them: a value that does not read
--                    as its type is quarantined (is_bigint ... below) and left out of the view, and a database may
--                    evaluate a view's casts before that exclusion, so they give null there rather than an error
--   is_bigint(v) ... whether a raw text value reads as the type staging casts it to (null counts as valid: required
--                    columns are judged by null_required first); the quarantine sets a row with a value that does
--                    not aside as malformed_value, instead of letting the cast fail the run
create or replace macro in_window(t) as
    t >= getvariable('batch_from') and t < getvariable('batch_to');

create or replace macro after_window(t) as t >= getvariable('batch_to');

create or replace macro in_rebuilt_batches(t) as t >= getvariable('rebuilt_from');

create or replace macro in_line_batches(t) as t >= getvariable('lines_from');

create or replace macro natural_id(k) as k // 1000;

create or replace macro status_rank(s) as
    case s
        when 'placed' then 1
        when 'paid' then 2
        when 'shipped' then 3
        when 'cancelled' then 3
        when 'delivered' then 4
        when 'returned' then 5
        else 0
    end;

create or replace macro parse_ts(v) as try_cast(v as timestamp);

create or replace macro to_bigint(v) as try_cast(v as bigint);

create or replace macro to_integer(v) as try_cast(v as integer);

create or replace macro to_money(v) as try_cast(v as decimal(12, 2));

create or replace macro to_boolean(v) as try_cast(v as boolean);

create or replace macro is_bigint(v) as v is null or try_cast(v as bigint) is not null;

create or replace macro is_integer(v) as v is null or try_cast(v as integer) is not null;

create or replace macro is_money(v) as v is null or try_cast(v as decimal(12, 2)) is not null;

create or replace macro is_boolean(v) as v is null or try_cast(v as boolean) is not null;

create or replace macro is_timestamp(v) as v is null or parse_ts(v) is not null;
