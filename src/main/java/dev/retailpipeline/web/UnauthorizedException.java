package dev.retailpipeline.web;

/** A write request without the write token, or with a wrong one: HTTP 401. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String detail) {
        super(detail);
    }
}
