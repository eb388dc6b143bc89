package dev.retailpipeline.web;

/** A request for something that does not exist: HTTP 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
