package dev.retailpipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.main.MainSupport;

/**
 * The external routes folder: YAML routes there are loaded at start and reloaded when they change.
 * A file there with the same name as a built-in route file replaces the built-in one, so a user edits a
 * copy of a shipped route while the application runs.
 */
public final class RoutesFolder {

    static final String BUILT_IN = "classpath:routes/";
    static final String SUFFIX = ".camel.yaml";

    private RoutesFolder() {
    }

    /** Creates the folder if missing and excludes the built-in files it overrides. */
    public static void prepare(MainSupport main) {
        prepare(main, resolve(loadDefaults()));
    }

    /** As {@link #prepare(MainSupport)} with an explicit folder (tests use a temporary one). */
    public static void prepare(MainSupport main, String folder) {
        Path dir = Path.of(folder);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the routes folder " + dir.toAbsolutePath(), e);
        }
        List<String> overridden = overriddenBuiltIns(dir);
        Properties initial = new Properties();
        initial.setProperty("routes.dir", folder);
        if (!overridden.isEmpty()) {
            initial.setProperty("camel.main.routes-exclude-pattern",
                    overridden.stream().map(name -> BUILT_IN + name).collect(Collectors.joining(",")));
        }
        initial.forEach((k, v) -> main.addInitialProperty((String) k, (String) v));
    }

    /** Built-in route file names that the external folder also holds. */
    static List<String> overriddenBuiltIns(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .filter(name -> RoutesFolder.class.getResource("/routes/" + name) != null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resolve(Properties defaults) {
        String fromEnv = System.getenv("ROUTES_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromSystem = System.getProperty("routes.dir");
        if (fromSystem != null && !fromSystem.isBlank()) {
            return fromSystem;
        }
        return defaults.getProperty("routes.dir", "routes");
    }

    private static Properties loadDefaults() {
        Properties p = new Properties();
        try (var in = RoutesFolder.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
