-- PostgreSQL only: fresh statistics of wrk_touched_orders (just filled), so that the fact steps and the
-- checks delete and read the touched orders by index instead of scanning the facts.
-- No parameters.
analyze wrk_touched_orders;
