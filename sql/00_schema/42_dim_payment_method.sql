-- dim_payment_method: the source's closed set of payment methods, with fixed keys; -1 = unknown. Seed rows, added
-- here when missing: no chunk changes them.
create table if not exists dim_payment_method (
    -- keys
    payment_method_key integer,
    -- strings
    payment_method varchar,
    method_label varchar,
    -- flags
    is_cash_like boolean
);

insert into dim_payment_method (payment_method_key, payment_method, method_label, is_cash_like)
with methods as (
    select -1 as payment_method_key, 'unknown' as payment_method, 'Unknown' as method_label,
        false as is_cash_like
    union all
    select 1, 'card', 'Card', false
    union all
    select 2, 'paypal', 'PayPal', false
    union all
    select 3, 'gift_card', 'Gift card', true
    union all
    select 4, 'cash', 'Cash', true
)

select m.payment_method_key, m.payment_method, m.method_label, m.is_cash_like
from methods as m
left join dim_payment_method as d
    on m.payment_method_key = d.payment_method_key
where d.payment_method_key is null;
