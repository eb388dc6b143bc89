package dev.retailpipeline.dashboard;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/dashboard/config: what the page needs to know about its setting, such as the link to an external
 * dashboard (dashboard.external-url, e.g. a Databricks SQL dashboard; absent when unset or not http(s)), and whether
 * starting a run needs the write token (API_WRITE_TOKEN), so the page can ask for it.
 */
public final class DashboardConfig {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardConfig.class);

    private final String externalUrl;
    private final String externalTitle;
    private final boolean writeTokenRequired;

    public DashboardConfig(String externalUrl, String externalTitle, boolean writeTokenRequired) {
        this.writeTokenRequired = writeTokenRequired;
        this.externalUrl = checked(externalUrl);
        this.externalTitle = externalTitle == null || externalTitle.isBlank() ? "External dashboard" : externalTitle.strip();
    }

    private static String checked(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        LOG.warn("dashboard.external-url is not an http(s) URL and is not shown: {}", url);
        return null;
    }

    public String externalUrl() {
        return externalUrl;
    }

    public void config(Exchange exchange) {
        QueryParameters.of(exchange, Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("external_url", externalUrl);
        body.put("external_title", externalUrl == null ? null : externalTitle);
        body.put("write_token_required", writeTokenRequired);
        JsonReply.write(exchange, 200, body);
    }
}
