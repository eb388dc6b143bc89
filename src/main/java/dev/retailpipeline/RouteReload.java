package dev.retailpipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reloading of the external routes folder that keeps a file's previous routes running when its new version
 * does not load: Camel's own reload removes a route before its new version starts, so a new version that names a
 * bean that does not exist (valid YAML) left that route gone, and a run sent to it stuck. Each file's last version
 * that loaded is kept; when a changed file's routes fail to load or start, that version is loaded again and the
 * failure is one WARN line naming the file. (A file that is not even valid YAML never reaches the routes.)
 */
public final class RouteReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);

    /** Each route file's last content that loaded, by its absolute path. */
    private final Map<Path, String> lastGood = new ConcurrentHashMap<>();
    private final Path folder;

    public RouteReload(String folder, String pattern) {
        super(folder, false);
        this.folder = Path.of(folder).toAbsolutePath().normalize();
        setPattern(pattern);
        setRemoveAllRoutes(false);
    }

    @Override
    protected void doStart() throws Exception {
        // the versions the application started with are the first good ones
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(RoutesFolder.SUFFIX)).toList()) {
                lastGood.put(file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("Could not read the routes folder {}: {}", folder, e.toString());
        }
        super.doStart();
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null || removeEverything) {
            super.onRouteReload(resources, removeEverything);
            return;
        }
        for (Resource resource : resources) {
            reload(resource);
        }
    }

    private void reload(Resource resource) {
        Path file;
        try {
            file = Path.of(resource.getURI()).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            super.onRouteReload(List.of(resource), false);
            return;
        }
        if (!Files.exists(file)) {
            LOG.info("{} was deleted: its routes keep running until the service restarts", file.getFileName());
            return;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("{} could not be read ({}): its routes stay as they were", file.getFileName(), e.toString());
            return;
        }
        if (content.isBlank()) {
            return; // an editor writing the file in two steps: the second write brings the content
        }
        try {
            Set<String> ids = PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(List.of(resource));
            for (String id : ids) {
                ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(id);
                if (status == null || !status.isStarted()) {
                    throw new IllegalStateException("route " + id + " did not start");
                }
            }
            lastGood.put(file, content);
            LOG.info("Reloaded {}: routes {}", file.getFileName(), String.join(", ", ids));
        } catch (Exception e) {
            String previous = lastGood.get(file);
            LOG.warn("{} did not load, {}: {}", file.getFileName(),
                    previous == null ? "and it has no earlier version" : "its previous version keeps running",
                    oneLine(e));
            if (previous != null) {
                restore(file, resource.getLocation(), previous);
            }
        }
    }

    private void restore(Path file, String location, String previous) {
        try {
            PluginHelper.getRoutesLoader(getCamelContext())
                    .updateRoutes(List.of(ResourceHelper.fromString(location, previous)));
        } catch (Exception e) {
            LOG.error("The previous version of {} did not load either: {}", file.getFileName(), oneLine(e));
        }
    }

    /** The deepest cause's message, on one line and bounded: the log gets no stack for an edit's mistake. */
    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.join(" / ", String.valueOf(root.getMessage()).lines().toList());
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
