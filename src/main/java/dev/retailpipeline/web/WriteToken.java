package dev.retailpipeline.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The token that protects the write endpoints (POST /api/runs), from the environment only (API_WRITE_TOKEN). Unset,
 * writes are open, as suits the default loopback-only server. Set, a write request must send
 * {@code Authorization: Bearer <token>}; anything else gets 401. The header is removed once checked, so it travels no
 * further with the run; the token itself is never logged or echoed.
 */
public final class WriteToken {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public WriteToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether write requests need the token. */
    public boolean required() {
        return token != null;
    }

    /** A route step before any write: passes, or throws {@link UnauthorizedException}. */
    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        String authorization = message.getHeader("Authorization", String.class);
        message.removeHeader("Authorization");
        if (token == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException("this server protects its write endpoints with a token: send the header"
                    + " 'Authorization: Bearer <token>' with the value of API_WRITE_TOKEN");
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw new UnauthorizedException("the write token was refused");
        }
    }
}
