-- severity: warn
-- dim_store: channel is among the source model's values (the unknown member aside).
select
    store_key,
    channel
from dim_store
where store_key <> -1
    and (channel not in ('store', 'web', 'mobile') or channel is null);
