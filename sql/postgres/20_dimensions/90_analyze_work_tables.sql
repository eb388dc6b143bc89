-- PostgreSQL only: fresh statistics of the small work tables this run just filled, so that the planner
-- looks the changed customers' and products' orders up by index instead of scanning the facts.
-- No parameters.
analyze wrk_changed_customers;
analyze wrk_changed_products;
