package dev.retailpipeline.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retailpipeline.web.NotFoundException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The dashboard's static files from the jar: {@code /dashboard/<file>} from classpath dashboard/ (scripts,
 * styles, images only) and {@code /webjars/<name>/<path>} from a WebJar's META-INF/resources/webjars/<name>/<version>/,
 * the version read from the WebJar's own pom.properties, so the page does not name it. Nothing is read from disk.
 * Hand-written rather than Vert.x-web's StaticHandler: the files stay routes of home.camel.yaml (listed, guarded and
 * answered with JSON errors like every route, editable live), and StaticHandler cannot serve a WebJar by a path
 * without its version.
 */
public final class StaticFiles {

    private static final Pattern ASSET = Pattern.compile("/dashboard/([a-z0-9][a-z0-9-]*\\.(?:js|css|svg|png))");
    private static final int MAX_WEBJAR_PATH = 256;
    private static final Pattern WEBJAR = Pattern.compile("/webjars/([a-z0-9][a-z0-9.-]*)/((?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "map", "application/json");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** GET /dashboard/<file>. */
    public void asset(Exchange exchange) {
        String path = path(exchange);
        Matcher m = ASSET.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no dashboard file " + path);
        }
        send(exchange, "dashboard/" + m.group(1), "no-cache");
    }

    /** GET /webjars/<name>/<path>, e.g. /webjars/echarts/dist/echarts.common.min.js. */
    public void webjar(Exchange exchange) {
        String path = path(exchange);
        // no webjar file lies deeper than this; a longer path is not even matched (a repeated group over thousands
        // of segments overflows the regex engine's stack)
        if (path.length() > MAX_WEBJAR_PATH) {
            throw new NotFoundException("no webjar file there (paths are at most " + MAX_WEBJAR_PATH + " characters)");
        }
        Matcher m = WEBJAR.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no webjar file " + path);
        }
        String version = webjarVersion(m.group(1)).orElseThrow(() -> new NotFoundException("no webjar " + m.group(1)));
        send(exchange, "META-INF/resources/webjars/" + m.group(1) + "/" + version + "/" + m.group(2), "public, max-age=86400");
    }

    private static String path(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static Optional<String> webjarVersion(String name) {
        for (String group : new String[]{"org.webjars.npm", "org.webjars"}) {
            String pom = "META-INF/maven/" + group + "/" + name + "/pom.properties";
            try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(pom)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return Optional.ofNullable(p.getProperty("version"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private void send(Exchange exchange, String resource, String cacheControl) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new NotFoundException("no file " + resource);
        }
        byte[] bytes = cache.computeIfAbsent(resource, StaticFiles::read);
        if (bytes.length == 0) {
            cache.remove(resource);
            throw new NotFoundException("no file " + resource);
        }
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, type);
        message.setHeader("Cache-Control", cacheControl);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setBody(bytes);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
