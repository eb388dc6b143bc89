-- The shared expressions on Spark, which takes neither macros nor SQL functions over JDBC: SparkSql expands each call
-- in place, with these bodies, and sends no definition. in_window(t) binds the chunk's hours (camel-jdbc's named
-- parameters), so that Delta skips the files outside the window, which it cannot do for a subquery of etl_window.
create or replace macro in_window(t) as
    t >= cast(:?batch_from as timestamp) and t < cast(:?batch_to as timestamp);

create or replace macro after_window(t) as t >= cast(:?batch_to as timestamp);

create or replace macro in_rebuilt_batches(t) as
    t >= least(
        coalesce(
            (select min(batch_hour) from fct_orders where order_id in (
                select order_id from wrk_touched_orders where not status_only
            )),
            cast(:?batch_from as timestamp)
        ),
        coalesce(
            (select min(batch_hour) from fct_sales where order_id in (
                select order_id from wrk_touched_orders where not status_only
            )),
            cast(:?batch_from as timestamp)
        ),
        cast(:?batch_from as timestamp)
    );

create or replace macro in_line_batches(t) as
    t >= least(
        coalesce(
            (select min(batch_hour) from fct_sales where order_id in (
                select order_id from wrk_touched_orders where lines_changed
            )),
            cast(:?batch_from as timestamp)
        ),
        coalesce(
            (select min(batch_hour) from fct_orders where order_id in (
                select order_id from wrk_touched_orders where lines_changed
            )),
            cast(:?batch_from as timestamp)
        ),
        cast(:?batch_from as timestamp)
    );

create or replace macro natural_id(k) as k div 1000;

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

create or replace macro parse_ts(v) as try_cast(replace(replace(v, 'T', ' '), 'Z', '') as timestamp);

create or replace macro to_bigint(v) as try_cast(v as bigint);

create or replace macro to_integer(v) as try_cast(v as integer);

create or replace macro to_money(v) as try_cast(v as decimal(12, 2));

create or replace macro to_boolean(v) as try_cast(v as boolean);

create or replace macro is_bigint(v) as v is null or try_cast(v as bigint) is not null;

create or replace macro is_integer(v) as v is null or try_cast(v as integer) is not null;

create or replace macro is_money(v) as v is null or try_cast(v as decimal(12, 2)) is not null;

create or replace macro is_boolean(v) as v is null or try_cast(v as boolean) is not null;

create or replace macro is_timestamp(v) as
    v is null or try_cast(replace(replace(v, 'T', ' '), 'Z', '') as timestamp) is not null;
