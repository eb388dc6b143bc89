-- raw_batch_summary.cost for a warehouse made before the summary carried cost: the column is added, empty for its
-- earlier hours (00_schema/17_raw_batch_summary.sql creates it for a new warehouse).
alter table raw_batch_summary add column if not exists cost decimal(14, 2);
