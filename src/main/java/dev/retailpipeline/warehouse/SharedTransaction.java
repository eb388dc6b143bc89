package dev.retailpipeline.warehouse;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One open transaction that several steps share: the raw loads of a chunk and the ETL statements camel-jdbc runs
 * over it, so that a chunk's raw rows, its marts and its watermark commit or roll back together. As a DataSource it
 * hands out that one connection (auto-commit off); callers close what they get, which the connection handed out
 * ignores; {@link #end()} rolls back what was not committed and closes it.
 *
 * <p>On a database without multi-statement transactions (Delta tables on Spark) every statement commits by itself:
 * the steps share the connection all the same, {@link #commit()} and the roll back do nothing, and a chunk is made
 * safe by idempotent steps and the watermark written last instead.
 */
public final class SharedTransaction implements DataSource {

    private final boolean transactional;
    private volatile Connection current;

    /** A transaction on a database that has them (DuckDB, PostgreSQL). */
    public SharedTransaction() {
        this(true);
    }

    /** @param transactional whether the database commits several statements as one ({@link Dialect#hasTransactions()}) */
    public SharedTransaction(boolean transactional) {
        this.transactional = transactional;
    }

    /** Opens the transaction on a connection of its own. */
    public void begin(Connection connection) throws SQLException {
        if (current != null) {
            throw new IllegalStateException("a transaction is already open");
        }
        if (transactional) {
            connection.setAutoCommit(false);
        }
        current = connection;
    }

    public void commit() throws SQLException {
        Connection c = active();
        if (transactional) {
            c.commit();
        }
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
            }
        } finally {
            c.close();
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
                    if (!transactional && method.getName().equals("prepareStatement")) {
                        return SparkSql.countingParameters((java.sql.PreparedStatement) method.invoke(target, args),
                                (String) args[0]);
                    }
                    try {
                        return method.invoke(target, args);
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
