package dev.retailpipeline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** An HTTP answer with a JSON body and a status, for the API's beans (answers and errors alike). */
public final class JsonReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReply() {
    }

    /** Writes a JSON body with a status, replacing whatever the message held. */
    public static void write(Exchange exchange, int status, Object body) {
        writeEncoded(exchange, status, bytes(body));
    }

    /** Writes a body already encoded as JSON (see {@link #bytes(Object)}) with a status. */
    public static void writeEncoded(Exchange exchange, int status, byte[] json) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    /** A body encoded as JSON. */
    public static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
