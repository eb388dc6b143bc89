package dev.retailpipeline.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The SQL files of the pipeline, for one dialect.
 *
 * <p>Files are read from the folder on disk (default {@code sql}, so they can be edited without rebuilding)
 * when it exists, otherwise from the copy the jar carries under {@code sql/}. A file's own version for the
 * dialect, {@code sql/<dialect>/<path>}, wins over the portable {@code sql/<path>}.
 */
public final class SqlFolder {
    /** Where the jar keeps its copy of the sql folder. */
    public static final String CLASSPATH_ROOT = "sql";

    private final Path disk;
    private final Dialect dialect;
    private SparkSql sparkSql;

    /** @param disk the sql folder on disk; used only if it is a directory, else the classpath copy is read */
    public SqlFolder(Path disk, Dialect dialect) {
        this.disk = disk;
        this.dialect = dialect;
    }

    /** The {@code sql} folder of the working directory, else the jar's copy. */
    public static SqlFolder of(Dialect dialect) {
        return new SqlFolder(Path.of("sql"), dialect);
    }

    /** Reads only the jar's (classpath) copy. */
    public static SqlFolder classpath(Dialect dialect) {
        return new SqlFolder(null, dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    private boolean onDisk() {
        return disk != null && Files.isDirectory(disk);
    }

    /** The file for a relative path such as {@code 00_schema/13_raw_orders.sql}, the dialect's own version first. */
    public Optional<SqlScript> find(String relativePath) {
        return findAsWritten(relativePath).map(this::asRun);
    }

    /** The file as the dialect runs it: on Spark, rewritten by {@link SparkSql}. */
    private SqlScript asRun(SqlScript script) {
        if (dialect != Dialect.SPARK) {
            return script;
        }
        if (sparkSql == null) {
            sparkSql = SparkSql.withMacrosOf(findAsWritten(SparkSql.MACRO_FILE).map(SqlScript::text).orElse(""));
        }
        return new SqlScript(script.relativePath(), script.origin(), sparkSql.rewrite(script.text()));
    }

    private Optional<SqlScript> findAsWritten(String relativePath) {
        String rel = normalize(relativePath);
        for (String candidate : List.of(dialect.folder() + "/" + rel, rel)) {
            Optional<SqlScript> s = onDisk() ? readDisk(rel, candidate) : readClasspath(rel, candidate);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * Every {@code .sql} file of a stage folder (e.g. {@code 00_schema}), portable and the dialect's own, in path
     * order; where both exist the dialect's version stands in for the portable one.
     */
    public List<SqlScript> stage(String stageFolder) {
        String stage = normalize(stageFolder);
        TreeSet<String> names = new TreeSet<>();
        names.addAll(list(stage));
        names.addAll(list(dialect.folder() + "/" + stage));
        List<SqlScript> scripts = new ArrayList<>();
        for (String name : names) {
            String rel = stage + "/" + name;
            scripts.add(find(rel).orElseThrow(() -> new IllegalStateException("vanished: " + rel)));
        }
        return scripts;
    }

    /** Runs all files of a stage folder in path order; returns the scripts that ran. */
    public List<SqlScript> runStage(Connection connection, String stageFolder) throws SQLException {
        List<SqlScript> scripts = stage(stageFolder);
        for (SqlScript s : scripts) {
            s.run(connection);
        }
        return scripts;
    }

    /**
     * Makes the warehouse's definitions: the schema stages ({@code 00_schema}, {@code 05_migrations}: numbered below
     * 10) in order. A view that an earlier release stored as a table (a staging model) replaces that table: the table
     * is dropped before its view is made.
     */
    public List<SqlScript> runSchema(Connection connection) throws SQLException {
        java.util.Set<String> tables = storedTables(connection);
        List<SqlScript> ran = new ArrayList<>();
        for (String stage : stages(true)) {
            for (SqlScript s : stage(stage)) {
                for (String view : s.viewsDefined()) {
                    if (tables.contains(view.toLowerCase(java.util.Locale.ROOT))) {
                        try (java.sql.Statement st = connection.createStatement()) {
                            st.execute("drop table " + view);
                        }
                    }
                }
                // a table's file (its definition and seed rows) runs when the table is made, not at every start:
                // on Spark each statement costs a second or so
                String made = tableMade(s);
                if (made != null && tables.contains(made.toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                s.run(connection);
                ran.add(s);
            }
        }
        return ran;
    }

    /** The table a schema file makes: its first statement's {@code create table}, or null. */
    private static String tableMade(SqlScript script) {
        List<String> statements = script.statements();
        if (statements.isEmpty()) {
            return null;
        }
        java.util.regex.Matcher m = CREATE_TABLE.matcher(statements.get(0));
        return m.find() ? m.group(1) : null;
    }

    /** The base tables (not views) of the connection's schema, lower case, from one metadata call. */
    private static java.util.Set<String> storedTables(Connection connection) throws SQLException {
        java.util.Set<String> tables = new java.util.HashSet<>();
        String schema;
        try {
            schema = connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            schema = null; // a driver without it (Hive's): the default schema is the only one the tables are in
        }
        try (java.sql.ResultSet rs = connection.getMetaData().getTables(null, schema, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(java.util.Locale.ROOT);
                if (!type.contains("VIEW") && !type.contains("SYSTEM")) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tables;
    }

    private static final java.util.regex.Pattern CREATE_TABLE = java.util.regex.Pattern.compile(
            "(?im)^\\s*create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");

    /** The tables the schema stages make, in the order they are made. */
    public List<String> schemaTables() {
        List<String> tables = new ArrayList<>();
        for (String stage : stages(true)) {
            for (SqlScript s : stage(stage)) {
                java.util.regex.Matcher m = CREATE_TABLE.matcher(s.text());
                while (m.find()) {
                    tables.add(m.group(1));
                }
            }
        }
        return tables;
    }

    /** The files of the run ledger's tables: in the warehouse, or in a database of the ledger's own. */
    public static final List<String> LEDGER_FILES = List.of("ledger/pipeline_runs.sql", "ledger/pipeline_run_steps.sql",
            "ledger/etl_check_results.sql");

    /** Makes the run ledger's tables ({@code sql/ledger}). */
    public void runLedger(Connection connection) throws SQLException {
        for (String file : LEDGER_FILES) {
            find(file).orElseThrow(() -> new IllegalStateException("missing sql/" + file)).run(connection);
        }
    }

    /** A stage folder's name: two digits, an underscore, a name ({@code 30_facts}, {@code 40_marts}). */
    private static final java.util.regex.Pattern STAGE = java.util.regex.Pattern.compile("([0-9]{2})_[A-Za-z0-9_]+");

    /**
     * The stage folders of the chain, portable and the dialect's own, in name order: those numbered 10 and above (the
     * ones below, {@code 00_schema} and {@code 05_migrations}, run when the warehouse is opened); a numbered folder a
     * user adds ({@code 40_marts}) runs in its place among them.
     */
    public List<String> chainStages() {
        return stages(false);
    }

    private List<String> stages(boolean schema) {
        TreeSet<String> stages = new TreeSet<>();
        for (String folder : List.of("", dialect.folder())) {
            for (String name : list(folder, Files::isDirectory)) {
                java.util.regex.Matcher m = STAGE.matcher(name);
                if (m.matches() && (Integer.parseInt(m.group(1)) < 10) == schema) {
                    stages.add(name);
                }
            }
        }
        return new ArrayList<>(stages);
    }

    private List<String> list(String folder) {
        return list(folder, f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".sql"));
    }

    /** The names of a folder's entries that pass the filter, on disk or in the jar, sorted. */
    private List<String> list(String folder, java.util.function.Predicate<Path> filter) {
        if (onDisk()) {
            return listDir(disk.resolve(folder), filter);
        }
        URL url = SqlFolder.class.getClassLoader().getResource(CLASSPATH_ROOT + (folder.isEmpty() ? "" : "/" + folder));
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return listDir(fs.provider().getPath(uri), filter);
            }
            return listDir(Path.of(uri), filter);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the classpath folder " + url, e);
        }
    }

    private static List<String> listDir(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(filter)
                    .map(p -> p.getFileName().toString().replace("/", ""))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<SqlScript> readDisk(String rel, String candidate) {
        Path file = disk.resolve(candidate);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SqlScript(rel, file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SqlFileException(rel, "is not UTF-8 text: save it as UTF-8", e);
        } catch (IOException e) {
            throw new SqlFileException(rel, "cannot be read: " + e.getMessage(), e);
        }
    }

    private Optional<SqlScript> readClasspath(String rel, String candidate) {
        String resource = CLASSPATH_ROOT + "/" + candidate;
        try (InputStream in = SqlFolder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new SqlScript(rel, "classpath:" + resource,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.contains("..")) {
            throw new IllegalArgumentException("not a relative sql path: " + path);
        }
        return p;
    }

    @Override
    public String toString() {
        return "SqlFolder[" + (onDisk() ? disk.toAbsolutePath() : "classpath:" + CLASSPATH_ROOT) + ", " + dialect + "]";
    }
}
