package dev.retailpipeline.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one table of a batch as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes
 * doubled), a header line first, an empty field for null, UTF-8. Never closes the stream.
 */
final class CsvBatchWriter {
    private final TimeText time = new TimeText();
    private final char[] money = new char[24];
    private Writer w;

    void write(Batch b, String table, OutputStream out) throws IOException {
        Tables.Table t = Tables.byName(table);
        w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        String[] columns = t.columnNames();
        w.write(String.join(",", columns));
        w.write("\r\n");
        switch (table) {
            case "stores" -> {
                for (StoreRow r : b.stores()) {
                    num(r.storeId()); text(r.name()); text(r.channel()); text(r.city()); text(r.state());
                    text(r.postalCode()); text(r.country()); last(); ts(r.openedAt()); eol();
                }
            }
            case "customers" -> {
                for (CustomerRow r : b.customers()) {
                    num(r.customerId()); text(r.firstName()); text(r.lastName()); text(r.email()); text(r.phone());
                    text(r.street()); text(r.city()); text(r.state()); text(r.postalCode()); text(r.country());
                    text(r.loyaltyTier()); ts(r.signupAt()); last(); ts(r.updatedAt()); eol();
                }
            }
            case "products" -> {
                for (ProductRow r : b.products()) {
                    num(r.productId()); text(r.sku()); text(r.name()); text(r.category()); text(r.subcategory());
                    text(r.brand()); money(r.unitPriceCents()); money(r.unitCostCents());
                    text(Boolean.toString(r.isActive())); ts(r.createdAt()); last(); ts(r.updatedAt()); eol();
                }
            }
            case "orders" -> {
                for (OrderRow r : b.orders()) {
                    num(r.orderId()); num(r.customerId()); num(r.storeId()); text(r.channel()); text(r.status());
                    ts(r.orderAt()); last(); ts(r.updatedAt()); eol();
                }
            }
            case "order_items" -> {
                for (OrderItemRow r : b.orderItems()) {
                    num(r.orderItemId()); num(r.orderId()); num((long) r.lineNumber()); num(r.productId());
                    num((long) r.quantity()); money(r.unitPriceCents()); last(); money(r.discountCents()); eol();
                }
            }
            default -> {
                for (PaymentRow r : b.payments()) {
                    num(r.paymentId()); num(r.orderId()); text(r.method()); text(r.status());
                    money(r.amountCents()); last(); ts(r.paidAt()); eol();
                }
            }
        }
        w.flush();
    }

    // each value is followed by a comma unless last() was called just before it
    private boolean lastField;

    private void last() {
        lastField = true;
    }

    private void sep() throws IOException {
        if (!lastField) {
            w.write(',');
        }
    }

    private void eol() throws IOException {
        lastField = false;
        w.write("\r\n");
    }

    private void num(Long v) throws IOException {
        if (v != null) {
            w.write(Long.toString(v));
        }
        sep();
    }

    private void money(Long cents) throws IOException {
        if (cents != null) {
            w.write(money, 0, MoneyText.money(cents, money));
        }
        sep();
    }

    private void ts(long epochSecond) throws IOException {
        w.write(time.format(epochSecond), 0, 20);
        sep();
    }

    private void text(String s) throws IOException {
        if (s != null) {
            boolean quote = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                    quote = true;
                    break;
                }
            }
            if (quote) {
                w.write('"');
                w.write(s.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(s);
            }
        }
        sep();
    }
}
