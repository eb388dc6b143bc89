-- the shop the warehouse is loaded from, recorded with its first chunk: another shop's ids collide with this
-- one's, so a run from another source (seed, scale, dirty rate, opening hour) is refused
create table if not exists warehouse_source (
    seed bigint not null,
    scale decimal(12, 6) not null,
    dirty decimal(12, 6) not null,
    shop_start timestamp not null,
    recorded_at timestamp not null
);
