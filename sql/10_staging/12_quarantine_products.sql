-- quarantine of products: the rows of the chunk's batches that fail cleaning, with the first reason that applies:
--   duplicate          an exact copy of another row of the same batch (the first copy stays clean)
--   null_required      a required column is null
--   malformed_value    a value does not read as its column's type (01_macros.sql), from a source other than this
--                      application's generator
-- The staging view stg_products leaves out the non-duplicate quarantined rows by (key, batch). Re-running a chunk
-- replaces its rows.
delete from quarantine
where source_table = 'products'
    and in_window(batch_hour);

insert into quarantine (source_table, row_key, reason, raw_row, batch_hour, run_id, quarantined_at)
with window_rows as (
    select *
    from raw_products
    where in_window(batch_hour)
),

-- the keys that come more than once in a batch: only their rows are numbered as copies of each other (numbering
-- every row costs twice as much)
repeated_keys as (
    select batch_hour, product_id
    from window_rows
    group by batch_hour, product_id
    having count(*) > 1
),

batch_rows as (
    select
        r.*,
        1 as copy_number
    from window_rows as r
    where not exists (
        select 1
        from repeated_keys as k
        where k.batch_hour = r.batch_hour
            and k.product_id is not distinct from r.product_id
    )
    union all
    select
        r.*,
        row_number() over (
            partition by r.batch_hour, r.product_id, r.sku, r.name, r.category, r.subcategory, r.brand,
                r.unit_price, r.unit_cost, r.is_active, r.created_at, r.updated_at
            order by r.loaded_at
        ) as copy_number
    from window_rows as r
    inner join repeated_keys as k
        on k.batch_hour = r.batch_hour
        and k.product_id is not distinct from r.product_id
),

judged as (
    select
        *,
        case
            when copy_number > 1 then 'duplicate'
            when product_id is null or sku is null or name is null or category is null or subcategory is null
                or brand is null or unit_price is null or unit_cost is null or is_active is null
                or created_at is null or updated_at is null then 'null_required'
            when not is_bigint(product_id) or not is_money(unit_price) or not is_money(unit_cost)
                or not is_boolean(is_active) or not is_timestamp(created_at) or not is_timestamp(updated_at)
                then 'malformed_value'
        end as reason
    from batch_rows
)

select
    'products' as source_table,
    product_id as row_key,
    reason,
    concat_ws('|', coalesce(product_id, 'null'), coalesce(sku, 'null'), coalesce(name, 'null'),
        coalesce(category, 'null'), coalesce(subcategory, 'null'), coalesce(brand, 'null'),
        coalesce(unit_price, 'null'), coalesce(unit_cost, 'null'), coalesce(is_active, 'null'),
        coalesce(created_at, 'null'), coalesce(updated_at, 'null')) as raw_row,
    batch_hour,
    (select run_id from etl_window) as run_id,
    cast(current_timestamp as timestamp) as quarantined_at
from judged
where reason is not null;
