package dev.retailpipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.camel.main.MainSupport;

/**
 * The external routes folder: YAML routes there are loaded at start and reloaded when they change.
 * A file there with the same name as a built-in route file replaces the built-in one, so a user edits a
 * copy of a shipped route while the application runs. It reads routes.dir itself (ROUTES_DIR, -Droutes.dir, then
 * application.properties) because it runs before camel-main has a properties component to ask.
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
        List<String> include = new ArrayList<>();
        for (String name : builtInRouteFiles()) {
            if (!overridden.contains(name)) {
                include.add(BUILT_IN + name);
            }
        }
        include.add("file:" + folder + "/*" + SUFFIX);
        main.addOverrideProperty("routes.dir", folder);
        main.addOverrideProperty("camel.main.routes-include-pattern", String.join(",", include));
    }

    /** Built-in route file names that the external folder also holds. */
    static List<String> overriddenBuiltIns(Path dir) {
        List<String> builtIn = builtInRouteFiles();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(builtIn::contains)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The route files shipped in the jar (or in target/classes when run from the build). */
    static List<String> builtInRouteFiles() {
        URL url = RoutesFolder.class.getResource("/routes/");
        if (url == null) {
            return List.of();
        }
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith("routes/") && n.endsWith(SUFFIX) && n.indexOf('/', 7) < 0)
                            .map(n -> n.substring(7)).sorted().toList();
                }
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted().toList();
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the built-in routes at " + url, e);
        }
    }

    /**
     * routes.dir read by hand: the folder decides which built-in route files are included, and that pattern must be set
     * before camel-main builds its properties component, so Camel's lookup is not there yet to ask.
     */
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
