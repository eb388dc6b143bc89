package dev.retailpipeline.dashboard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retailpipeline.warehouse.SqlFolder;
import dev.retailpipeline.warehouse.SqlScript;
import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.NotFoundException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;

/**
 * The data docs, GET /api/models and /api/models/{name}: every table and view the pipeline makes, read from the SQL
 * files the warehouse runs (its dialect's versions) and from the warehouse itself. A model's description is its schema
 * file's header comment; the files that build it are the chain's files that write into it; what it reads is every
 * model those files (or a view's definition) name after {@code from} or {@code join}; its columns and types come from
 * the warehouse (a query's result metadata, the same on DuckDB, PostgreSQL and Spark), its rows from a count, its
 * checks' last verdicts from the ledger. The files are read at each request, so an edited model shows at once.
 */
public final class ModelDocs {

    private static final Pattern CREATE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(table|view)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(?:insert\\s+(?:or\\s+replace\\s+)?into|merge\\s+into|update|delete\\s+from|insert\\s+overwrite(?:\\s+table)?)\\s+(\\w+)");
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+(\\w+)");
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final String CHECKS_STAGE = "90_checks";

    private final Warehouse warehouse;
    private final Warehouse ledger;
    private final SqlFolder folder;

    public ModelDocs(Warehouse warehouse, Warehouse ledger, SqlFolder folder) {
        this.warehouse = warehouse;
        this.ledger = ledger;
        this.folder = folder;
    }

    /** A model as the SQL files declare it, before the warehouse is asked. */
    private record Declared(String name, String object, String description, String schemaFile) {
    }

    /** GET /api/models: every model with its columns, rows, lineage and checks, and the lineage's edges. */
    public void list(Exchange exchange) throws SQLException {
        QueryParameters.of(exchange, java.util.Set.of());
        JsonReply.write(exchange, 200, models());
    }

    /** GET /api/models/{name}: one model; 404 when the pipeline makes no model of that name. */
    public void find(Exchange exchange) throws SQLException {
        QueryParameters.of(exchange, java.util.Set.of());
        String name = exchange.getMessage().getHeader("name", "", String.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> models = (List<Map<String, Object>>) models(name).get("models");
        for (Map<String, Object> model : models) {
            if (model.get("name").equals(name)) {
                JsonReply.write(exchange, 200, model);
                return;
            }
        }
        throw new NotFoundException("no model " + (SAFE_NAME.matcher(name).matches() ? name : "of that name"));
    }

    Map<String, Object> models() throws SQLException {
        return models(null);
    }

    /**
     * Every model with its lineage; the warehouse is asked for the columns and rows of {@code only} alone when it is
     * set (on Spark each model costs two statements of about 0.2 s).
     */
    Map<String, Object> models(String only) throws SQLException {
        Map<String, Declared> declared = declared();
        Map<String, TreeSet<String>> builtBy = new LinkedHashMap<>();
        Map<String, TreeSet<String>> reads = new LinkedHashMap<>();
        Map<String, TreeSet<String>> readBy = new LinkedHashMap<>();
        Map<String, TreeSet<String>> checks = new LinkedHashMap<>();
        for (String name : declared.keySet()) {
            builtBy.put(name, new TreeSet<>());
            reads.put(name, new TreeSet<>());
            readBy.put(name, new TreeSet<>());
            checks.put(name, new TreeSet<>());
        }
        // a view reads what its definition names
        for (SqlScript script : folder.stage("00_schema")) {
            String code = code(script.text());
            Matcher m = CREATE.matcher(code);
            if (m.find() && m.group(1).equalsIgnoreCase("view") && declared.containsKey(m.group(2))) {
                reads.get(m.group(2)).addAll(named(READ, code, declared));
            }
        }
        for (String stage : folder.chainStages()) {
            for (SqlScript script : folder.stage(stage)) {
                String code = code(script.text());
                TreeSet<String> read = named(READ, code, declared);
                if (stage.equals(CHECKS_STAGE)) {
                    String check = fileName(script.relativePath());
                    read.forEach(table -> checks.get(table).add(check));
                    continue;
                }
                for (String written : named(WRITE, code, declared)) {
                    builtBy.get(written).add(script.relativePath());
                    reads.get(written).addAll(read);
                    reads.get(written).remove(written);
                }
            }
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (var e : reads.entrySet()) {
            for (String from : e.getValue()) {
                readBy.get(from).add(e.getKey());
                edges.add(Map.of("from", from, "to", e.getKey()));
            }
        }
        Map<String, Map<String, Object>> verdicts = lastVerdicts();
        List<Map<String, Object>> models = new ArrayList<>();
        try (Connection c = warehouse.connect()) {
            for (Declared d : declared.values()) {
                if (only != null && !only.equals(d.name())) {
                    continue;
                }
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("name", d.name());
                model.put("layer", layer(d.name()));
                model.put("object", d.object());
                model.put("description", d.description());
                model.put("schema_file", d.schemaFile());
                model.put("built_by", builtBy.get(d.name()).isEmpty() ? loadedBy(d) : List.copyOf(builtBy.get(d.name())));
                model.put("reads", List.copyOf(reads.get(d.name())));
                model.put("read_by", List.copyOf(readBy.get(d.name())));
                boolean ledgerTable = d.schemaFile().startsWith("ledger/");
                if (ledgerTable && ledger != warehouse) {
                    try (Connection lc = ledger.connect()) {
                        describe(lc, d.name(), model);
                    }
                } else {
                    describe(c, d.name(), model);
                }
                List<Map<String, Object>> modelChecks = new ArrayList<>();
                for (String check : checks.get(d.name())) {
                    Map<String, Object> verdict = new LinkedHashMap<>();
                    verdict.put("check", check);
                    Map<String, Object> last = verdicts.get(check);
                    verdict.put("status", last == null ? null : last.get("status"));
                    verdict.put("failing_rows", last == null ? null : last.get("failing_rows"));
                    verdict.put("run_id", last == null ? null : last.get("run_id"));
                    modelChecks.add(verdict);
                }
                model.put("checks", modelChecks);
                models.add(model);
            }
        }
        return Map.of("models", models, "edges", edges);
    }

    /** The models the schema stage and the ledger's files make, in their files' order. */
    private Map<String, Declared> declared() {
        Map<String, Declared> declared = new LinkedHashMap<>();
        List<SqlScript> scripts = new ArrayList<>(folder.stage("00_schema"));
        for (String file : SqlFolder.LEDGER_FILES) {
            folder.find(file).ifPresent(scripts::add);
        }
        for (SqlScript script : scripts) {
            Matcher m = CREATE.matcher(code(script.text()));
            while (m.find()) {
                String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
                declared.putIfAbsent(name, new Declared(name, m.group(1).toLowerCase(java.util.Locale.ROOT),
                        header(script.text()), script.relativePath()));
            }
        }
        return declared;
    }

    /** Columns, types and rows of a model as the warehouse has it (null rows and no columns when it has none). */
    private static void describe(Connection c, String name, Map<String, Object> model) {
        // name comes from the SQL files' create statements and matches SAFE_NAME: a quoted identifier is not needed
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("model name " + name + " is not a plain identifier");
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        Long rows = null;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select * from " + name + " where 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(Map.of("name", meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT),
                            "type", meta.getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT)));
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from " + name)) {
                rows = rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            // a model the warehouse does not have (a file added since it was opened): listed without columns
        }
        model.put("rows", rows);
        model.put("columns", columns);
    }

    /** Each check's verdict in the latest run that ran it. */
    private Map<String, Map<String, Object>> lastVerdicts() throws SQLException {
        Map<String, Map<String, Object>> verdicts = new LinkedHashMap<>();
        try (Connection c = ledger.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select check_name, status, failing_rows, run_id from etl_check_results"
                     + " order by checked_at, run_id")) {
            while (rs.next()) {
                verdicts.put(rs.getString(1), Map.of("status", rs.getString(2), "failing_rows", rs.getLong(3),
                        "run_id", rs.getString(4)));
            }
        }
        return verdicts;
    }

    private static TreeSet<String> named(Pattern pattern, String code, Map<String, Declared> declared) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (declared.containsKey(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** What fills a model no SQL file of the chain writes: the raw load, the run ledger, or its own schema file. */
    private static List<String> loadedBy(Declared d) {
        if (d.name().startsWith("raw_")) {
            return List.of("routes/ingest.camel.yaml (bulk load)");
        }
        if (layer(d.name()).equals("ledger")) {
            return List.of("the run ledger (each run and chunk)");
        }
        return List.of(d.schemaFile());
    }

    static String layer(String name) {
        if (name.startsWith("raw_")) {
            return "raw";
        } else if (name.startsWith("stg_")) {
            return "staging";
        } else if (name.startsWith("dim_")) {
            return "dimension";
        } else if (name.startsWith("fct_")) {
            return "fact";
        } else if (name.equals("quarantine")) {
            return "quarantine";
        } else if (name.startsWith("wrk_") || name.startsWith("etl_window")) {
            return "work";
        }
        return "ledger";
    }

    /** The file's leading comment lines, as one paragraph. */
    static String header(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                break;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(l.substring(2).strip());
        }
        return out.toString();
    }

    /** The text without its comments. */
    private static String code(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            int dash = line.indexOf("--");
            out.append(dash < 0 ? line : line.substring(0, dash)).append('\n');
        }
        return out.toString();
    }

    private static String fileName(String relativePath) {
        String file = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
    }
}
