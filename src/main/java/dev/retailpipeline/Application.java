package dev.retailpipeline;

import org.apache.camel.main.Main;

/**
 * Starts retail-pipeline: camel-main reads application.properties, binds the beans of
 * {@link AppConfiguration} and loads the YAML routes (built in, and from the external routes folder).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        dev.retailpipeline.web.HttpServerSetup.switchOffWebSockets();
        Main main = new Main(Application.class);
        RoutesFolder.prepare(main);
        try {
            main.run(args);
        } catch (Exception e) {
            // a setting or a route file that stops the start: what is wrong, on one line, without a stack
            Throwable root = e;
            String route = "";
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                root = t;
                if (t instanceof org.apache.camel.FailedToCreateRouteException failed && route.isEmpty()) {
                    route = "route " + failed.getRouteId() + ": ";
                } else if (t instanceof org.apache.camel.FailedToStartRouteException failed && route.isEmpty()) {
                    route = "route " + failed.getRouteId() + ": ";
                }
            }
            System.err.println("retail-pipeline did not start: " + route
                    + String.join(" / ", String.valueOf(root.getMessage()).lines().toList()));
            System.exit(1);
        }
    }
}
