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
        main.run(args);
    }
}
