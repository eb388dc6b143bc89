package dev.retailpipeline.web;

/** Bad input from an HTTP client: answered with 400 and a JSON body naming the parameter. */
public class BadRequestException extends RuntimeException {

    private final String parameter;

    public BadRequestException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** The HTTP status of this kind of bad input. */
    public int status() {
        return 400;
    }

    /** The short error code of the JSON body. */
    public String error() {
        return "bad_parameter";
    }
}
