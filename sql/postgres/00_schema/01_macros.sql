-- The expressions every model shares, as PostgreSQL functions (sql/00_schema/01_macros.sql has DuckDB's macros).
-- Each is one SQL expression without a subquery, so the planner inlines it into the statement that calls it; those
-- that read a date or a timestamp from text are stable, as that cast is (declared immutable, they were called row by
-- row instead: a 7-day backfill at scale 10 took 266 s rather than a tenth of it).
--   in_window(t)     whether a batch hour lies in the chunk under way: 10_staging/00_chunk_window.sql sets the chunk's
--                    hours as settings of its transaction (etl.batch_from, etl.batch_to), which an index scan can
--                    use as its bounds (a subquery of etl_window would keep the function from being inlined)
--   after_window(t)  whether a batch hour lies after the chunk under way
--   in_rebuilt_batches(t)  whether a batch hour lies at or after the earliest batch of the orders whose fct_orders rows
--                    the chunk builds again (set by 30_facts/00_touched_orders.sql as etl.rebuilt_from)
--   in_line_batches(t)  the same for the touched orders whose lines may change (etl.lines_from)
--   natural_id(k)    the id of a type 2 dimension's key (key = id x 1000 + version)
--   status_rank(s)   an order status's place in the lifecycle (see sql/00_schema/01_macros.sql)
--   parse_ts(v)      a source timestamp's text (2026-01-05T14:03:00Z) as a timestamp
--   to_bigint(v) ... a raw text value as its type, null when it does not read as one (see sql/00_schema/01_macros.sql)
--   is_bigint(v) ... whether a raw text value reads as the type staging casts it to (null counts as valid).
--                    PostgreSQL has no try_cast and an exception handler costs a subtransaction per call, so these
--                    are the accepted shapes of the casts' input; a timestamp must start as a date does (PostgreSQL
--                    reads 'yesterday' as one) and pass pg_input_is_valid (PostgreSQL 16 and later), a fifth of the
--                    cost of the full regular expression it replaces.
create or replace function in_window(t timestamp) returns boolean language sql stable as $$
    select t >= cast(current_setting('etl.batch_from') as timestamp)
        and t < cast(current_setting('etl.batch_to') as timestamp)
$$;

create or replace function after_window(t timestamp) returns boolean language sql stable as $$
    select t >= cast(current_setting('etl.batch_to') as timestamp)
$$;

create or replace function natural_id(k bigint) returns bigint language sql immutable as $$
    select k / 1000
$$;

create or replace function status_rank(s text) returns integer language sql immutable as $$
    select case s
        when 'placed' then 1
        when 'paid' then 2
        when 'shipped' then 3
        when 'cancelled' then 3
        when 'delivered' then 4
        when 'returned' then 5
        else 0
    end
$$;

create or replace function in_rebuilt_batches(t timestamp) returns boolean language sql stable as $$
    select t >= cast(current_setting('etl.rebuilt_from') as timestamp)
$$;

create or replace function in_line_batches(t timestamp) returns boolean language sql stable as $$
    select t >= cast(current_setting('etl.lines_from') as timestamp)
$$;


create or replace function is_bigint(v text) returns boolean language sql immutable as $$
    select v is null or v ~ '^\s*[-+]?[0-9]{1,18}\s*$'
$$;

create or replace function is_integer(v text) returns boolean language sql immutable as $$
    select v is null or v ~ '^\s*[-+]?[0-9]{1,9}\s*$'
$$;

create or replace function is_money(v text) returns boolean language sql immutable as $$
    select v is null or v ~ '^\s*[-+]?([0-9]{1,10}(\.[0-9]*)?|\.[0-9]+)\s*$'
$$;

create or replace function is_boolean(v text) returns boolean language sql immutable as $$
    select v is null or lower(trim(v)) in ('true', 'false', 't', 'f', '1', '0', 'yes', 'no', 'y', 'n', 'on', 'off')
$$;

create or replace function is_timestamp(v text) returns boolean language sql stable as $$
    select v is null or (v ~ '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}' and pg_input_is_valid(v, 'timestamp'))
$$;

create or replace function parse_ts(v text) returns timestamp language sql stable as $$
    select case when is_timestamp(v) then cast(replace(replace(v, 'T', ' '), 'Z', '') as timestamp) end
$$;

create or replace function to_bigint(v text) returns bigint language sql immutable as $$
    select case when is_bigint(v) then cast(v as bigint) end
$$;

create or replace function to_integer(v text) returns integer language sql immutable as $$
    select case when is_integer(v) then cast(v as integer) end
$$;

create or replace function to_money(v text) returns decimal(12, 2) language sql immutable as $$
    select case when is_money(v) then cast(v as decimal(12, 2)) end
$$;

create or replace function to_boolean(v text) returns boolean language sql immutable as $$
    select case when is_boolean(v) then cast(v as boolean) end
$$;
