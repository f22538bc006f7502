package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

/**
 * The whole application, started once per test JVM the way {@code main} starts it: against
 * {@code BASEHOOK_DB_URL} when set, else on an embedded MariaDB in a throwaway folder. Tests talk to it over
 * real HTTP and must not depend on each other's data (each makes its own base).
 */
final class RunningBasehook {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static RunningBasehook instance;

    private final ApplicationContext context;
    private final URI root;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RunningBasehook(ApplicationContext context) {
        this.context = context;
        this.root = context.getBean(EmbeddedServer.class).getURI();
    }

    static synchronized RunningBasehook get() {
        if (instance == null) {
            try {
                instance = new RunningBasehook(Basehook.start(new String[0], Map.of(
                        "micronaut.server.port", -1,
                        "basehook.admin-token", ADMIN_TOKEN,
                        // the receivers of the tests listen on 127.0.0.1
                        "basehook.webhooks.allow-private-addresses", true,
                        // one request at a time per webhook: arrival in seq order, which the tests assert
                        "basehook.delivery.max-in-flight-per-webhook", 1,
                        "basehook.delivery.poll-interval", "200ms",
                        "basehook.data-dir", Files.createTempDirectory("basehook-test").toString(),
                        // a folder below the system temp directory: its data is thrown away at the next start
                        "basehook.data-dir-disposable", true)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * BASEHOOK_DB_USER and BASEHOOK_DB_PASSWORD for a child on this instance's database server (the embedded one
     * has a generated password); the environment's when no instance runs here.
     */
    static synchronized Map<String, String> databaseLogin() {
        if (instance == null) {
            return Map.of("BASEHOOK_DB_USER", System.getenv().getOrDefault("BASEHOOK_DB_USER", "root"),
                    "BASEHOOK_DB_PASSWORD", System.getenv().getOrDefault("BASEHOOK_DB_PASSWORD", ""));
        }
        return Map.of("BASEHOOK_DB_USER", instance.databaseUser(), "BASEHOOK_DB_PASSWORD", instance.databasePassword());
    }

    /** The login of this instance's database server, as properties for another instance on it. */
    String databaseUser() {
        return context.getProperty("basehook.db.user", String.class).orElse("root");
    }

    String databasePassword() {
        return context.getProperty("basehook.db.password", String.class).orElse("");
    }

    ApplicationContext context() {
        return context;
    }

    /** A GET of {@code uri}, as {@code token} when one is given: for instances other than this one too. */
    static HttpResponse<String> httpGet(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status and parsed JSON body (null when there is none). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Answer call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : json.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body() == null || response.body().isEmpty() ? null : json.readTree(response.body());
            return new Answer(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer admin(String method, String path, Object body) {
        return call(method, path, ADMIN_TOKEN, body);
    }
}
