-- value_checks (PostgreSQL): whether a raw text value reads as the type staging casts it to (null counts as
-- valid). PostgreSQL 14 has no try_cast and an exception handler costs a subtransaction per call, so these are
-- plain SQL: the accepted shapes of the casts' input, and a timestamp's day past the 28th checked against its
-- month. The timestamp regex is the cost: about 5 microseconds a value (1 s for 230,000 orders of a 7-day
-- backfill at scale 10, both timestamps 2 s); an hourly run pays some 30 ms.
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

create or replace function is_timestamp(v text) returns boolean language sql immutable as $$
    select case
        when v is null then true
        when v !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$'
            then false
        when substr(v, 9, 2) collate "C" <= '28' then true
        else cast(substr(v, 9, 2) as integer) <= extract(day from
            date_trunc('month', cast(substr(v, 1, 7) || '-01' as date)) + interval '1 month' - interval '1 day')
    end
$$;
