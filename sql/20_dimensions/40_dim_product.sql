-- dim_product: type 2 on price and cost, one row per run of equal (unit_price, unit_cost) of a product; the
-- other attributes are type 1 (every version shows the product's latest name, category, brand...).
-- product_key = product_id * 1000 + version_number, so a rebuild gives the same keys. valid_from of the
-- first version is 1900-01-01, valid_to of the current one 9999-12-31; -1 = unknown.
-- Incremental by product, as dim_customer: wrk_changed_products keeps the earliest moment whose version may
-- have moved, per rebuilt product.
-- parameters: batch_from, batch_to
create table if not exists dim_product (
    -- keys
    product_key bigint,
    product_id bigint,
    version_number integer,
    -- strings
    sku varchar,
    product_name varchar,
    category varchar,
    subcategory varchar,
    brand varchar,
    -- numerics
    unit_price decimal(12, 2),
    unit_cost decimal(12, 2),
    is_active boolean,
    -- timestamps
    created_at timestamp,
    updated_at timestamp,
    valid_from timestamp,
    valid_to timestamp,
    -- flags
    is_current boolean
);

create table if not exists wrk_changed_products (
    product_id bigint,
    affected_from timestamp
);

insert into dim_product (product_key, product_id, version_number, sku, product_name, category, subcategory,
    brand, unit_price, unit_cost, is_active, created_at, updated_at, valid_from, valid_to, is_current)
select -1, -1, 0, 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', null, null, false, null, null,
    timestamp '1900-01-01 00:00:00', timestamp '9999-12-31 00:00:00', true
where not exists (select 1 from dim_product where product_key = -1);

delete from wrk_changed_products;

insert into wrk_changed_products (product_id, affected_from)
with run_rows as (
    select
        product_id,
        min(updated_at) as first_run_update_at
    from stg_products
    where batch_hour >= cast(:?batch_from as timestamp)
        and batch_hour < cast(:?batch_to as timestamp)
    group by product_id
),

all_rows as (
    select
        product_id,
        min(updated_at) as first_update_at
    from stg_products
    where product_id in (select product_id from run_rows)
    group by product_id
)

select
    r.product_id,
    case
        when r.first_run_update_at <= a.first_update_at then timestamp '1900-01-01 00:00:00'
        else r.first_run_update_at
    end as affected_from
from run_rows as r
inner join all_rows as a
    on r.product_id = a.product_id;

delete from dim_product
where product_id in (select product_id from wrk_changed_products);

insert into dim_product (product_key, product_id, version_number, sku, product_name, category, subcategory,
    brand, unit_price, unit_cost, is_active, created_at, updated_at, valid_from, valid_to, is_current)
with product_rows as (
    select
        s.*,
        row_number() over (partition by s.product_id, s.updated_at order by s.batch_hour desc) as recency
    from stg_products as s
    where s.product_id in (select product_id from wrk_changed_products)
),

ordered_rows as (
    select
        *,
        lag(unit_price) over (partition by product_id order by updated_at) as previous_price,
        lag(unit_cost) over (partition by product_id order by updated_at) as previous_cost,
        row_number() over (partition by product_id order by updated_at desc) as recency_rank
    from product_rows
    where recency = 1
),

latest_attributes as (
    select product_id, sku, product_name, category, subcategory, brand, is_active, created_at
    from ordered_rows
    where recency_rank = 1
),

version_starts as (
    select product_id, unit_price, unit_cost, updated_at
    from ordered_rows
    where previous_price is null
        or unit_price <> previous_price
        or unit_cost <> previous_cost
),

versions as (
    select
        *,
        row_number() over (partition by product_id order by updated_at) as version_number,
        lead(updated_at) over (partition by product_id order by updated_at) as next_updated_at
    from version_starts
)

select
    v.product_id * 1000 + v.version_number as product_key,
    v.product_id,
    v.version_number,
    a.sku,
    a.product_name,
    a.category,
    a.subcategory,
    a.brand,
    v.unit_price,
    v.unit_cost,
    a.is_active,
    a.created_at,
    v.updated_at,
    case when v.version_number = 1 then timestamp '1900-01-01 00:00:00' else v.updated_at end as valid_from,
    coalesce(v.next_updated_at, timestamp '9999-12-31 00:00:00') as valid_to,
    v.next_updated_at is null as is_current
from versions as v
inner join latest_attributes as a
    on v.product_id = a.product_id;
