package dev.retailpipeline.time;

/**
 * A range a client asked for that the rules refuse: a bad or missing end (400) or, when {@link #limit()} names
 * a property, one over that limit (413). The web layer turns it into a JSON error naming {@link #parameter()}.
 */
public class RangeException extends RuntimeException {

    private final String parameter;
    private final String limit;

    public RangeException(String parameter, String detail) {
        this(parameter, null, detail);
    }

    public RangeException(String parameter, String limit, String detail) {
        super(detail);
        this.parameter = parameter;
        this.limit = limit;
    }

    public String parameter() {
        return parameter;
    }

    /** The property whose limit the range is over, or null for a plain bad value. */
    public String limit() {
        return limit;
    }
}
