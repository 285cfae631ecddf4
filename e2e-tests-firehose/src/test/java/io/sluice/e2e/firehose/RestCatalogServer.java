package io.sluice.e2e.firehose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTSerializers;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Iceberg REST catalog on loopback for tests: the REST protocol's routes that a writer needs (config, load,
 * exists, commit, metrics reports), answered by iceberg-core's own {@link CatalogHandlers} over a backing catalog,
 * with iceberg-core's serializers. Every request is recorded as "METHOD path". Other routes answer 404.
 * Thread-safe: the JDK server runs each exchange on its thread and the backing catalog is thread-safe.
 */
final class RestCatalogServer implements AutoCloseable {

    private static final Pattern TABLE = Pattern.compile("/v1/namespaces/([^/]+)/tables/([^/]+)(/metrics)?");

    private final Catalog backing;
    private final HttpServer http;
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RestCatalogServer(Catalog backing) throws IOException {
        this.backing = backing;
        RESTSerializers.registerAll(mapper);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        try {
            Matcher table = TABLE.matcher(path);
            if (method.equals("GET") && path.equals("/v1/config")) {
                respond(exchange, 200, ConfigResponse.builder().build());
            } else if (table.matches()) {
                TableIdentifier id = TableIdentifier.of(Namespace.of(decode(table.group(1)).split("\u001f")),
                        decode(table.group(2)));
                if (table.group(3) != null && method.equals("POST")) {
                    respond(exchange, 204, null);
                } else if (method.equals("GET")) {
                    respond(exchange, 200, CatalogHandlers.loadTable(backing, id));
                } else if (method.equals("HEAD")) {
                    CatalogHandlers.tableExists(backing, id);
                    respond(exchange, 204, null);
                } else if (method.equals("POST")) {
                    UpdateTableRequest update = mapper.readValue(exchange.getRequestBody(), UpdateTableRequest.class);
                    respond(exchange, 200, CatalogHandlers.updateTable(backing, id, update));
                } else {
                    error(exchange, 404, "NoSuchRouteException", method + " " + path);
                }
            } else {
                error(exchange, 404, "NoSuchRouteException", method + " " + path);
            }
        } catch (NoSuchTableException | NoSuchNamespaceException e) {
            error(exchange, 404, e.getClass().getSimpleName(), e.getMessage());
        } catch (CommitFailedException e) {
            error(exchange, 409, "CommitFailedException", e.getMessage());
        } catch (RuntimeException e) {
            error(exchange, 500, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, ErrorResponse.builder().responseCode(status).withType(type).withMessage(message)
                .build());
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] json = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
