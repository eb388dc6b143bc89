package dev.retailpipeline.web;

/** A write request refused before it is read: 403 (another site, another host) or 415 (not JSON). */
public final class RefusedWriteException extends BadRequestException {

    private final int status;
    private final String error;

    public RefusedWriteException(int status, String error, String parameter, String detail) {
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
