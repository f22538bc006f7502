package io.basehook.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.HashMap;
import java.util.Map;

/** Starts Basehook: picks the database (the configured one, or an embedded MariaDB), then Micronaut. */
public final class Basehook {

    private Basehook() {
    }

    public static void main(String[] args) {
        start(args, Map.of());
    }

    /**
     * Starts the service with extra properties on top of application.yml and the environment (tests use
     * this to pick a port, a token or a data folder).
     */
    public static ApplicationContext start(String[] args, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(DatabaseLocator.locate(properties));
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Basehook.class)
                .banner(false)
                .properties(all)
                .start();
        // on a JVM shutdown the embedded database, if any, goes after the context: deliveries finish first
        EmbeddedMariaDb.outlivedBy(context);
        return context;
    }
}
