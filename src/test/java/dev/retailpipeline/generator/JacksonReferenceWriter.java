package dev.retailpipeline.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import dev.retailpipeline.time.HourRange;

/**
 * The reference for {@link JsonBatchWriter}'s bytes: batches written as NDJSON or JSON with Jackson's streaming
 * generator, as the generator did before it wrote the bytes itself (plus the summary's cost, added since, right
 * after revenue). Tests compare the two byte for byte.
 */
final class JacksonReferenceWriter implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final SerializableString TABLE = name("table");
    private static final SerializableString ROW = name("row");
    private static final SerializableString[] STORES = names(Tables.STORES);
    private static final SerializableString[] CUSTOMERS = names(Tables.CUSTOMERS);
    private static final SerializableString[] PRODUCTS = names(Tables.PRODUCTS);
    private static final SerializableString[] ORDERS = names(Tables.ORDERS);
    private static final SerializableString[] ITEMS = names(Tables.ORDER_ITEMS);
    private static final SerializableString[] PAYMENTS = names(Tables.PAYMENTS);
    private static final SerializableString[] TABLE_NAMES = {name("stores"), name("customers"), name("products"),
        name("orders"), name("order_items"), name("payments")};
    private static final SerializableString BATCH_TABLE = name("_batch");
    private static final SerializableString MANIFEST_TABLE = name("_manifest");
    private static final SerializableString SUMMARY_TABLE = name("_summary");
    private static final SerializableString HOUR = name("hour");
    private static final SerializableString SEED = name("seed");
    private static final SerializableString SCALE = name("scale");
    private static final SerializableString DIRTY = name("dirty");
    private static final SerializableString KEY = name("key");
    private static final SerializableString KIND = name("kind");
    private static final SerializableString ROWS = name("rows");
    private static final SerializableString DIRTY_ROWS = name("dirty_rows");
    private static final SerializableString ORDERS_PLACED = name("orders_placed");
    private static final SerializableString UNITS = name("units");
    private static final SerializableString REVENUE = name("revenue");
    private static final SerializableString COST = name("cost");
    private static final SerializableString REFUNDS = name("refunds");
    private static final SerializableString BATCH = name("batch");
    private static final SerializableString MANIFEST = name("manifest");
    private static final SerializableString SUMMARY = name("summary");

    private final JsonGenerator gen;
    private final TimeText time = new TimeText();
    private final char[] money = new char[24];

    JacksonReferenceWriter(OutputStream out) throws IOException {
        this.gen = FACTORY.createGenerator(out);
    }

    private static SerializableString name(String s) {
        return new SerializedString(s);
    }

    private static SerializableString[] names(Tables.Table t) {
        String[] n = t.columnNames();
        SerializableString[] out = new SerializableString[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = name(n[i]);
        }
        return out;
    }

    /** The hour as NDJSON lines, then a flush. */
    void writeNdjson(Batch b) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(TABLE);
        gen.writeString(BATCH_TABLE);
        gen.writeFieldName(ROW);
        writeBatchInfo(b);
        endLine();
        for (StoreRow r : b.stores()) {
            startLine(0);
            write(r);
            endLine();
        }
        for (CustomerRow r : b.customers()) {
            startLine(1);
            write(r);
            endLine();
        }
        for (ProductRow r : b.products()) {
            startLine(2);
            write(r);
            endLine();
        }
        for (OrderRow r : b.orders()) {
            startLine(3);
            write(r);
            endLine();
        }
        for (OrderItemRow r : b.orderItems()) {
            startLine(4);
            write(r);
            endLine();
        }
        for (PaymentRow r : b.payments()) {
            startLine(5);
            write(r);
            endLine();
        }
        for (ManifestEntry m : b.manifest()) {
            gen.writeStartObject();
            gen.writeFieldName(TABLE);
            gen.writeString(MANIFEST_TABLE);
            gen.writeFieldName(ROW);
            write(m);
            endLine();
        }
        gen.writeStartObject();
        gen.writeFieldName(TABLE);
        gen.writeString(SUMMARY_TABLE);
        gen.writeFieldName(ROW);
        write(b.summary());
        endLine();
        gen.flush();
    }

    /** The hour as one JSON object, then a flush. */
    void writeJson(Batch b) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(BATCH);
        writeBatchInfo(b);
        gen.writeFieldName(TABLE_NAMES[0]);
        gen.writeStartArray();
        for (StoreRow r : b.stores()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(TABLE_NAMES[1]);
        gen.writeStartArray();
        for (CustomerRow r : b.customers()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(TABLE_NAMES[2]);
        gen.writeStartArray();
        for (ProductRow r : b.products()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(TABLE_NAMES[3]);
        gen.writeStartArray();
        for (OrderRow r : b.orders()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(TABLE_NAMES[4]);
        gen.writeStartArray();
        for (OrderItemRow r : b.orderItems()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(TABLE_NAMES[5]);
        gen.writeStartArray();
        for (PaymentRow r : b.payments()) {
            write(r);
        }
        gen.writeEndArray();
        gen.writeFieldName(MANIFEST);
        gen.writeStartArray();
        for (ManifestEntry m : b.manifest()) {
            write(m);
        }
        gen.writeEndArray();
        gen.writeFieldName(SUMMARY);
        write(b.summary());
        gen.writeEndObject();
        gen.flush();
    }

    private void startLine(int table) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(TABLE);
        gen.writeString(TABLE_NAMES[table]);
        gen.writeFieldName(ROW);
    }

    private void endLine() throws IOException {
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    private void writeBatchInfo(Batch b) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(HOUR);
        gen.writeString(HourRange.formatHour(b.hour()));
        gen.writeFieldName(SEED);
        gen.writeNumber(b.spec().seed());
        gen.writeFieldName(SCALE);
        gen.writeNumber(b.spec().scale());
        gen.writeFieldName(DIRTY);
        gen.writeNumber(b.spec().dirty());
        gen.writeEndObject();
    }

    private void time(SerializableString field, long epochSecond) throws IOException {
        gen.writeFieldName(field);
        gen.writeString(time.format(epochSecond), 0, 20);
    }

    private void money(SerializableString field, long cents) throws IOException {
        gen.writeFieldName(field);
        gen.writeNumber(money, 0, MoneyText.money(cents, money));
    }

    private void string(SerializableString field, String value) throws IOException {
        gen.writeFieldName(field);
        gen.writeString(value);
    }

    private void number(SerializableString field, long value) throws IOException {
        gen.writeFieldName(field);
        gen.writeNumber(value);
    }

    private void nullableNumber(SerializableString field, Long value) throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.longValue());
        }
    }

    private void write(StoreRow r) throws IOException {
        SerializableString[] c = STORES;
        gen.writeStartObject();
        number(c[0], r.storeId());
        string(c[1], r.name());
        string(c[2], r.channel());
        string(c[3], r.city());
        string(c[4], r.state());
        string(c[5], r.postalCode());
        string(c[6], r.country());
        time(c[7], r.openedAt());
        gen.writeEndObject();
    }

    private void write(CustomerRow r) throws IOException {
        SerializableString[] c = CUSTOMERS;
        gen.writeStartObject();
        number(c[0], r.customerId());
        string(c[1], r.firstName());
        string(c[2], r.lastName());
        string(c[3], r.email());
        string(c[4], r.phone());
        string(c[5], r.street());
        string(c[6], r.city());
        string(c[7], r.state());
        string(c[8], r.postalCode());
        string(c[9], r.country());
        string(c[10], r.loyaltyTier());
        time(c[11], r.signupAt());
        time(c[12], r.updatedAt());
        gen.writeEndObject();
    }

    private void write(ProductRow r) throws IOException {
        SerializableString[] c = PRODUCTS;
        gen.writeStartObject();
        number(c[0], r.productId());
        string(c[1], r.sku());
        string(c[2], r.name());
        string(c[3], r.category());
        string(c[4], r.subcategory());
        string(c[5], r.brand());
        money(c[6], r.unitPriceCents());
        money(c[7], r.unitCostCents());
        gen.writeFieldName(c[8]);
        gen.writeBoolean(r.isActive());
        time(c[9], r.createdAt());
        time(c[10], r.updatedAt());
        gen.writeEndObject();
    }

    private void write(OrderRow r) throws IOException {
        SerializableString[] c = ORDERS;
        gen.writeStartObject();
        number(c[0], r.orderId());
        nullableNumber(c[1], r.customerId());
        number(c[2], r.storeId());
        string(c[3], r.channel());
        string(c[4], r.status());
        time(c[5], r.orderAt());
        time(c[6], r.updatedAt());
        gen.writeEndObject();
    }

    private void write(OrderItemRow r) throws IOException {
        SerializableString[] c = ITEMS;
        gen.writeStartObject();
        number(c[0], r.orderItemId());
        number(c[1], r.orderId());
        number(c[2], r.lineNumber());
        nullableNumber(c[3], r.productId());
        number(c[4], r.quantity());
        money(c[5], r.unitPriceCents());
        money(c[6], r.discountCents());
        gen.writeEndObject();
    }

    private void write(PaymentRow r) throws IOException {
        SerializableString[] c = PAYMENTS;
        gen.writeStartObject();
        number(c[0], r.paymentId());
        number(c[1], r.orderId());
        string(c[2], r.method());
        string(c[3], r.status());
        if (r.amountCents() == null) {
            gen.writeFieldName(c[4]);
            gen.writeNull();
        } else {
            money(c[4], r.amountCents());
        }
        time(c[5], r.paidAt());
        gen.writeEndObject();
    }

    private void write(ManifestEntry m) throws IOException {
        gen.writeStartObject();
        string(TABLE, m.table());
        number(KEY, m.key());
        string(KIND, m.kind());
        gen.writeEndObject();
    }

    private void write(Summary s) throws IOException {
        gen.writeStartObject();
        string(HOUR, HourRange.formatHour(s.hour()));
        gen.writeFieldName(ROWS);
        gen.writeStartObject();
        long[] counts = {s.stores(), s.customers(), s.products(), s.orders(), s.orderItems(), s.payments()};
        for (int i = 0; i < counts.length; i++) {
            number(TABLE_NAMES[i], counts[i]);
        }
        gen.writeEndObject();
        number(DIRTY_ROWS, s.dirtyRows());
        number(ORDERS_PLACED, s.ordersPlaced());
        number(UNITS, s.units());
        money(REVENUE, s.revenueCents());
        money(COST, s.costCents());
        money(REFUNDS, s.refundsCents());
        if (s.snapshot()) {
            gen.writeBooleanField("snapshot", true);
        }
        gen.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }

    static List<String> tableNames() {
        return Tables.names();
    }
}
