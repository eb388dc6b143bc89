package dev.retailpipeline.warehouse;

/** A SQL file of the project that cannot be used as it is (not UTF-8 text, unreadable): the file is at fault. */
public final class SqlFileException extends RuntimeException {

    private final String file;

    /** @param file the file's path under the sql folder ({@code 30_facts/10_fct_sales.sql}) */
    public SqlFileException(String file, String problem, Throwable cause) {
        super("SQL file " + file + " " + problem, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
