-- value_checks: whether a raw text value reads as the type staging casts it to (null counts as valid: required
-- columns are judged by null_required first). 10_staging/00_quarantine.sql sets aside a row with a value that does
-- not, as malformed_value, instead of letting the cast fail the run. DuckDB: try_cast.
create or replace macro is_bigint(v) as v is null or try_cast(v as bigint) is not null;

create or replace macro is_integer(v) as v is null or try_cast(v as integer) is not null;

create or replace macro is_money(v) as v is null or try_cast(v as decimal(12, 2)) is not null;

create or replace macro is_boolean(v) as v is null or try_cast(v as boolean) is not null;

create or replace macro is_timestamp(v) as
    v is null or try_cast(replace(replace(v, 'T', ' '), 'Z', '') as timestamp) is not null;
