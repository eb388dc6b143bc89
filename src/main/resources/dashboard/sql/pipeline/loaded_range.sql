-- The hours the warehouse holds: from the first committed chunk's start to the last one's end (exclusive).
select
    cast(min(chunk_from) as varchar) as loaded_from,
    cast(max(chunk_to) as varchar) as loaded_through
from pipeline_chunks
