package dev.retailpipeline.web;

/** A request refused before it is served, with its status: 403 (another site or host), 415 (not JSON), 503 (busy). */
public final class RefusedRequestException extends BadRequestException {

    private final int status;
    private final String error;

    public RefusedRequestException(int status, String error, String parameter, String detail) {
        super(parameter, detail);
        this.status = status;
        this.error = error;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String error() {
        return error;
    }
}
