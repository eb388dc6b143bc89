package dev.retailpipeline.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * The warehouse database, configured by JDBC URL, user and password; hands out connections.
 *
 * <p>DuckDB locks its database file to one process, so the file is opened once, on first use, and every
 * {@link #connect()} returns a {@link DuckDBConnection#duplicate()} of that root connection (the same
 * database, its own transaction). {@code jdbc:duckdb:} without a path is one in-memory database shared the
 * same way. Other databases get a plain {@link DriverManager} connection per call.
 *
 * <p>The password is never logged: {@link #toString()} and error messages show the URL with secrets masked.
 */
public final class Warehouse implements AutoCloseable {
    private static final Pattern SECRET_IN_URL = Pattern.compile(
            "(?i)((?:password|pwd|token|secret|accesstoken|auth_accesstoken)=)[^;&]*");

    private final String url;
    private final String user;
    private final String password;
    private final Dialect dialect;
    private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");
    private DuckDBConnection duckRoot;
    private String duckMemoryLimit;
    private int duckThreads;
    private String duckCheckpointThreshold;
    private String duckAllocatorFlush;
    private boolean duckPreserveInsertionOrder = true;
    private String localStagingDir;
    private volatile Setup pendingSetup;

    public Warehouse(String url, String user, String password) {
        this.url = url;
        this.user = blankToNull(user);
        this.password = blankToNull(password);
        this.dialect = Dialect.fromUrl(url);
    }

    /**
     * DuckDB's memory limit (e.g. {@code 192MB}) and threads, set when the database is opened; blank or 0 leaves
     * DuckDB's defaults (80% of the machine's memory, every core). No effect on other databases.
     */
    public Warehouse duckDbLimits(String memoryLimit, int threads) {
        return duckDbLimits(memoryLimit, threads, null);
    }

    /** As {@link #duckDbLimits(String, int)}, and the WAL size that triggers a checkpoint (e.g. {@code 256MB}). */
    public Warehouse duckDbLimits(String memoryLimit, int threads, String checkpointThreshold) {
        this.duckMemoryLimit = size(memoryLimit, "warehouse.duckdb.memory-limit");
        this.duckThreads = threads;
        this.duckCheckpointThreshold = size(checkpointThreshold, "warehouse.duckdb.checkpoint-threshold");
        return this;
    }

    /**
     * How much freed memory DuckDB's allocator may keep before it hands it back to the system (DuckDB keeps 128 MB by
     * default, on top of its memory limit); blank leaves the default.
     */
    public Warehouse duckDbAllocatorFlush(String threshold) {
        this.duckAllocatorFlush = size(threshold, "warehouse.duckdb.allocator-flush-threshold");
        return this;
    }

    /**
     * Whether DuckDB keeps the order of rows an insert reads (its default); the models never rely on it, and without it
     * an insert buffers less and spills less.
     */
    public Warehouse duckDbInsertionOrder(boolean preserve) {
        this.duckPreserveInsertionOrder = preserve;
        return this;
    }

    private static String size(String value, String property) {
        if (value != null && !value.isBlank() && !MEMORY.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException(property + " must look like 192MB, is " + value);
        }
        return blankToNull(value);
    }

    /** A warehouse without credentials, e.g. a DuckDB file. */
    public static Warehouse of(String url) {
        return new Warehouse(url, null, null);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The JDBC URL with secrets masked, fit for logs. */
    public String maskedUrl() {
        return maskUrl(url);
    }

    /** Whether this is a Databricks SQL warehouse ({@code jdbc:databricks:}), a kind of {@link Dialect#SPARK}. */
    public boolean isDatabricks() {
        return url.trim().toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:databricks:");
    }

    /**
     * The local folder the Databricks driver may upload files from ({@code PUT} into a Unity Catalog volume); the
     * driver refuses any other.
     */
    public Warehouse localStagingDir(String folder) {
        this.localStagingDir = blankToNull(folder);
        return this;
    }

    /** What a new warehouse needs before its first use (its definitions: {@code sql/00_schema} and after). */
    @FunctionalInterface
    public interface Setup {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs the setup on the first connection that succeeds, now if the database answers, else at the first
     * {@link #connect()} that reaches it (a remote warehouse may be away when the service starts).
     */
    public Warehouse setUp(Setup setup) {
        this.pendingSetup = setup;
        return this;
    }

    /** A new connection (auto-commit on), the warehouse's setup done; the caller closes it. */
    public Connection connect() throws SQLException {
        Connection c = open();
        if (pendingSetup != null) {
            synchronized (this) {
                Setup setup = pendingSetup;
                if (setup != null) {
                    try {
                        setup.run(c);
                        pendingSetup = null;
                    } catch (SQLException | RuntimeException e) {
                        c.close();
                        throw e;
                    }
                }
            }
        }
        return c;
    }

    private Connection open() throws SQLException {
        if (dialect == Dialect.DUCKDB) {
            return openDuckDb();
        }
        Properties props = new Properties();
        if (isDatabricks()) {
            // a personal access token: user "token", the token as the password (AuthMech=3 in the URL)
            props.setProperty("UID", user == null ? "token" : user);
            if (password != null) {
                props.setProperty("PWD", password);
            }
            if (localStagingDir != null) {
                props.setProperty("VolumeOperationAllowedLocalPaths", localStagingDir);
            }
        } else {
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
        }
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + maskedUrl() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /**
     * A connection to the DuckDB file. After a fatal error (a full disk, a folder made read-only) DuckDB invalidates
     * the open database and refuses every statement until it is opened again: then the database is closed and opened
     * once more (its write-ahead log replayed), so the service recovers without a restart once the disk takes writes.
     */
    private Connection openDuckDb() throws SQLException {
        DuckDBConnection root = duckRoot();
        Connection c = root.duplicate();
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("select 1");
            return c;
        } catch (SQLException e) {
            c.close();
            if (!String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("invalidated")) {
                throw e;
            }
            synchronized (this) {
                if (duckRoot == root) {
                    try {
                        root.close();
                    } catch (SQLException ignored) {
                        // it is being replaced
                    }
                    duckRoot = null;
                }
            }
            return duckRoot().duplicate();
        }
    }

    private synchronized DuckDBConnection duckRoot() throws SQLException {
        if (duckRoot == null || duckRoot.isClosed()) {
            String path = url.substring("jdbc:duckdb:".length());
            int query = path.indexOf('?');
            String file = query < 0 ? path : path.substring(0, query);
            if (!file.isBlank() && !file.startsWith(":memory:")) {
                Path parent = Path.of(file).toAbsolutePath().getParent();
                try {
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                } catch (java.io.IOException e) {
                    throw new SQLException("cannot create the folder of the DuckDB file " + file, e);
                }
            }
            duckRoot = (DuckDBConnection) DriverManager.getConnection(url);
            try (java.sql.Statement st = duckRoot.createStatement()) {
                if (duckMemoryLimit != null) {
                    st.execute("set memory_limit = '" + duckMemoryLimit.trim() + "'");
                }
                if (duckThreads > 0) {
                    st.execute("set threads = " + duckThreads);
                }
                if (duckAllocatorFlush != null) {
                    st.execute("set allocator_flush_threshold = '" + duckAllocatorFlush.trim() + "'");
                    st.execute("set allocator_bulk_deallocation_flush_threshold = '" + duckAllocatorFlush.trim() + "'");
                }
                if (duckCheckpointThreshold != null) {
                    st.execute("set checkpoint_threshold = '" + duckCheckpointThreshold.trim() + "'");
                }
                st.execute("set preserve_insertion_order = " + duckPreserveInsertionOrder);
            }
        }
        return duckRoot;
    }

    /**
     * Closes the DuckDB root connection (and with it the database file), folding the write-ahead log into the file
     * first, so that a stopped service leaves one file that holds everything; no-op for other databases.
     */
    @Override
    public synchronized void close() throws SQLException {
        if (duckRoot != null) {
            try (java.sql.Statement st = duckRoot.createStatement()) {
                st.execute("checkpoint");
            } catch (SQLException e) {
                // the log stays beside the file and is replayed at the next start
                org.slf4j.LoggerFactory.getLogger(Warehouse.class).warn("No checkpoint at close: {}",
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            duckRoot.close();
            duckRoot = null;
        }
    }

    @Override
    public String toString() {
        return "Warehouse[" + dialect + " " + maskedUrl() + (user == null ? "" : " user=" + user)
                + (password == null ? "" : " password=****") + "]";
    }

    /** The URL with password, token and secret parameters replaced by {@code ****}. */
    public static String maskUrl(String url) {
        return url == null ? null : SECRET_IN_URL.matcher(url).replaceAll("$1****");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
