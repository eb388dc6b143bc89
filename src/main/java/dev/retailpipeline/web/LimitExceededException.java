package dev.retailpipeline.web;

/** A request over a configured limit: answered with 413 and a JSON body naming the limit. */
public class LimitExceededException extends BadRequestException {

    private final String limit;

    public LimitExceededException(String parameter, String limit, String detail) {
        super(parameter, detail);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String error() {
        return "limit_exceeded";
    }
}
