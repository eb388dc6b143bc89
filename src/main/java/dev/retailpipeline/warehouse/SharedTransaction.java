package dev.retailpipeline.warehouse;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One open transaction that several steps share: the raw loads of a chunk and the ETL statements camel-jdbc runs
 * over it, so that a chunk's raw rows, its marts and its watermark commit or roll back together. As a DataSource it
 * hands out that one connection (auto-commit off); callers close what they get, which the connection handed out
 * ignores; {@link #end()} rolls back what was not committed and closes it.
 *
 * <p>On a database without multi-statement transactions (Delta tables on Spark) every statement commits by itself:
 * the steps share the connection all the same, and a chunk is made safe by idempotent steps and the watermark written
 * last instead; {@link #begin} notes the engine's clock, and a chunk that ends without its commit (a failed step, a
 * check that fails) has every table of the warehouse restored to its Delta version of that moment ({@code restore table
 * ... to timestamp as of}), so that it leaves the marts as they were.
 */
public final class SharedTransaction implements DataSource {

    private final boolean transactional;
    private volatile Connection current;
    private final java.util.concurrent.atomic.AtomicLong statements = new java.util.concurrent.atomic.AtomicLong();

    /** A transaction on a database that has them (DuckDB, PostgreSQL). */
    public SharedTransaction() {
        this(true);
    }

    private final List<String> restoredTables;
    private volatile String restorePoint;

    /** @param transactional whether the database commits several statements as one ({@link Dialect#hasTransactions()}) */
    public SharedTransaction(boolean transactional) {
        this(transactional, List.of());
    }

    /**
     * @param transactional whether the database commits several statements as one
     * @param restoredTables without transactions, the Delta tables a chunk that does not commit restores
     */
    public SharedTransaction(boolean transactional, List<String> restoredTables) {
        this.transactional = transactional;
        this.restoredTables = List.copyOf(restoredTables);
    }

    /** Opens the transaction on a connection of its own. */
    public void begin(Connection connection) throws SQLException {
        if (current != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        if (transactional) {
            connection.setAutoCommit(false);
        }
        statements.set(0);
        current = connection;
        if (!transactional && !restoredTables.isEmpty()) {
            try (java.sql.Statement st = getConnection().createStatement();
                 java.sql.ResultSet rs = st.executeQuery("select cast(current_timestamp() as string)")) {
                restorePoint = rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The statements run in this transaction since it began: each execution of a statement of its connection. */
    public long statements() {
        return statements.get();
    }

    /** Counts statements run on the connection other than through a JDBC statement (PostgreSQL's COPY). */
    public void countStatements(int n) {
        statements.addAndGet(n);
    }

    public void commit() throws SQLException {
        Connection c = active();
        if (transactional) {
            c.commit();
        }
        restorePoint = null;
    }


    /** Rolls back what was not committed and closes the connection; safe to call when nothing is open. */
    public void end() throws SQLException {
        Connection c = current;
        current = null;
        if (c == null) {
            return;
        }
        try {
            if (transactional) {
                c.rollback();
            } else {
                restore(c);
            }
        } finally {
            c.close();
        }
    }

    /** Restores every table to its version at the restore point (a table with no later version is left alone). */
    private void restore(Connection c) {
        String point = restorePoint;
        restorePoint = null;
        if (point == null || !point.matches("[0-9: .-]+")) {
            return;
        }
        for (String table : restoredTables) {
            try (java.sql.Statement st = c.createStatement()) {
                boolean changed;
                try (java.sql.ResultSet rs = st.executeQuery("describe history " + table + " limit 1")) {
                    changed = rs.next() && rs.getTimestamp("timestamp").after(java.sql.Timestamp.valueOf(point));
                }
                if (changed) {
                    st.execute("restore table " + table + " to timestamp as of '" + point + "'");
                }
            } catch (SQLException e) {
                org.slf4j.LoggerFactory.getLogger(SharedTransaction.class).warn("Table {} not restored to {}: {}",
                        table, point, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    public Connection active() {
        Connection c = current;
        if (c == null) {
            throw new IllegalStateException("no transaction is open");
        }
        return c;
    }

    @Override
    public Connection getConnection() {
        Connection target = active();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return target.isClosed();
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!transactional && method.getName().equals("prepareStatement")) {
                        result = SparkSql.countingParameters((java.sql.PreparedStatement) result, (String) args[0]);
                    }
                    return result instanceof java.sql.Statement statement ? counted(statement) : result;
                });
    }

    /** The statement, counting each of its executions. */
    private java.sql.Statement counted(java.sql.Statement statement) {
        Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class
                : java.sql.Statement.class;
        return (java.sql.Statement) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
