package dev.retailpipeline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.retailpipeline.warehouse.Warehouse;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health answer follows the warehouse: up when it answers a query, 503 with the reason when it does not. */
class HealthTest {

    @TempDir
    Path dir;

    private static Exchange check(Warehouse warehouse) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        new Health(warehouse, () -> java.util.Optional.<String>empty()).check(exchange);
        return exchange;
    }

    @Test
    void upWhenTheWarehouseAnswers() throws Exception {
        try (Warehouse warehouse = Warehouse.of("jdbc:duckdb:" + dir.resolve("w.duckdb"))) {
            Exchange answer = check(warehouse);
            assertEquals(200, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals("{\"status\":\"UP\",\"warehouse\":\"duckdb\"}",
                    new String(answer.getMessage().getBody(byte[].class), StandardCharsets.UTF_8));
        }
    }

    @Test
    void downWith503WhenTheWarehouseIsGone() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Warehouse warehouse = new Warehouse("jdbc:postgresql://127.0.0.1:" + closed + "/retail?connectTimeout=2", "u", "secret-pw");
        Exchange answer = check(warehouse);
        assertEquals(503, answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        String body = new String(answer.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"status\":\"DOWN\""), body);
        assertTrue(!body.contains("secret-pw"), "no secret in the answer");
    }
}
