package dev.retailpipeline.generator;

/** The kinds of injected dirty rows, as named in the manifest. */
public enum DirtKind {
    DUPLICATE("duplicate"),
    NULL_REQUIRED("null_required"),
    MALFORMED_EMAIL("malformed_email"),
    NEGATIVE_QUANTITY("negative_quantity"),
    UNKNOWN_PRODUCT("unknown_product"),
    LATE_ROW("late_row");

    private final String label;

    DirtKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
