package dev.retailpipeline.generator;

import java.util.List;

/**
 * One hour of the shop: the rows of the six source tables (clean rows plus any injected dirty rows, in output
 * order), the manifest of injected rows and the summary of the clean rows.
 *
 * <p>Times in rows are epoch seconds (UTC), money is in cents.
 */
public final class Batch {
    private final BatchSpec spec;
    private final List<StoreRow> stores;
    private final List<CustomerRow> customers;
    private final List<ProductRow> products;
    private final List<OrderRow> orders;
    private final List<OrderItemRow> orderItems;
    private final List<PaymentRow> payments;
    private final List<ManifestEntry> manifest;
    private final Summary summary;

    Batch(BatchSpec spec, List<StoreRow> stores, List<CustomerRow> customers, List<ProductRow> products,
          List<OrderRow> orders, List<OrderItemRow> orderItems, List<PaymentRow> payments,
          List<ManifestEntry> manifest, Summary summary) {
        this.spec = spec;
        this.stores = List.copyOf(stores);
        this.customers = List.copyOf(customers);
        this.products = List.copyOf(products);
        this.orders = List.copyOf(orders);
        this.orderItems = List.copyOf(orderItems);
        this.payments = List.copyOf(payments);
        this.manifest = List.copyOf(manifest);
        this.summary = summary;
    }

    private Batch(BatchSpec spec, List<StoreRow> stores, List<CustomerRow> customers, List<ProductRow> products,
                  Summary summary) {
        this.spec = spec;
        this.stores = stores;
        this.customers = customers;
        this.products = products;
        this.orders = List.of();
        this.orderItems = List.of();
        this.payments = List.of();
        this.manifest = List.of();
        this.summary = summary;
    }

    /**
     * A batch of stores, customers and products only that keeps the given (unmodifiable) lists as they are, not
     * copies: for a snapshot whose lists make each row when asked for it, so that a writer streams the rows
     * without the whole batch in memory. Not for batches handed out of the package.
     */
    static Batch ofViews(BatchSpec spec, List<StoreRow> stores, List<CustomerRow> customers,
                         List<ProductRow> products, Summary summary) {
        return new Batch(spec, stores, customers, products, summary);
    }

    static Batch empty(BatchSpec spec) {
        return new Batch(spec, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Summary.empty(spec.hour()));
    }

    public BatchSpec spec() {
        return spec;
    }

    public long hour() {
        return spec.hour();
    }

    public List<StoreRow> stores() {
        return stores;
    }

    public List<CustomerRow> customers() {
        return customers;
    }

    public List<ProductRow> products() {
        return products;
    }

    public List<OrderRow> orders() {
        return orders;
    }

    public List<OrderItemRow> orderItems() {
        return orderItems;
    }

    public List<PaymentRow> payments() {
        return payments;
    }

    public List<ManifestEntry> manifest() {
        return manifest;
    }

    public Summary summary() {
        return summary;
    }

    /** The rows of a table by its source name (stores, customers, ...). */
    public List<?> rows(String table) {
        return switch (table) {
            case "stores" -> stores;
            case "customers" -> customers;
            case "products" -> products;
            case "orders" -> orders;
            case "order_items" -> orderItems;
            case "payments" -> payments;
            default -> throw new IllegalArgumentException("unknown table " + table);
        };
    }

    /** All rows of the six tables, clean and injected. */
    public long rowCount() {
        return (long) stores.size() + customers.size() + products.size() + orders.size() + orderItems.size()
                + payments.size();
    }
}
