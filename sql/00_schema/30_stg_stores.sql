-- stg_stores: the stores rows of every loaded batch, typed, without the rows the quarantine set aside (a duplicate's
-- copies stay: the models that would count one twice read distinct rows). A view (staging is not stored): a plain
-- projection of the raw table, so that a model's filter on batch_hour (in_window) or on a key reaches the raw table's
-- scan.
create or replace view stg_stores as
select
    -- ids
    to_bigint(r.store_id) as store_id,
    -- strings
    r.name as store_name,
    r.channel,
    r.city,
    r.state,
    r.postal_code,
    r.country,
    -- timestamps
    parse_ts(r.opened_at) as opened_at,
    r.batch_hour
from raw_stores as r
where not exists (
    select 1
    from quarantine as q
    where q.source_table = 'stores'
        and q.reason <> 'duplicate'
        and q.row_key = r.store_id
        and q.batch_hour = r.batch_hour
);
