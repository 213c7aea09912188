package org.factcheck.workbench.shared;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Problem answers for failures of the HTTP layer itself, which never reach a resource: a body over the size
 * limit, a malformed request line. (Unknown /api addresses are answered by the REST layer's mappers.)
 */
@ApplicationScoped
public class FallbackRoutes {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size")
    java.util.Optional<io.quarkus.runtime.configuration.MemorySize> maxBodySize;

    void install(@Observes Router router) {
        // A declared length over the limit is refused before any of the body is read, with a problem document.
        long limit = maxBodySize.map(io.quarkus.runtime.configuration.MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > limit) {
                        ctx.response().putHeader("Connection", "close");
                        send(ctx, 413, "too-large", "Payload too large",
                                "the request body is larger than this service accepts (" + limit + " bytes)");
                        return;
                    }
                } catch (NumberFormatException e) {
                    send(ctx, 400, "bad-request", "Bad request", "the Content-Length header is not a number");
                    return;
                }
            }
            ctx.next();
        });
        // An address that names the API in another spelling (/API/..., /api;x=1/..., /api%2F...) is not a page of
        // the browser app: it is answered as an unknown API address, not with the app's index page (status 200).
        router.route().order(Integer.MIN_VALUE + 11).handler(ctx -> {
            if (namesTheApi(ctx.request().path()) && !isApiPath(ctx.normalizedPath())) {
                send(ctx, 404, "not-found", "Not found", "there is nothing at this address");
                return;
            }
            ctx.next();
        });
        router.errorHandler(413, ctx -> send(ctx, 413, "too-large", "Payload too large",
                "the request body is larger than this service accepts"));
        router.errorHandler(400, ctx -> send(ctx, 400, "bad-request", "Bad request", "the request could not be read"));
        router.errorHandler(500, ctx -> send(ctx, 500, "internal", "Internal error", "the server failed to complete the request"));
    }

    static boolean isApiPath(String normalizedPath) {
        return normalizedPath != null && (normalizedPath.equals("/api") || normalizedPath.startsWith("/api/"));
    }

    /**
     * Whether the first segment of a raw request path is "api" once percent-decoded, without its path parameters
     * ({@code ;x=1}) and in any letter case.
     */
    static boolean namesTheApi(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = percentDecoded(rawPath).replace('\\', '/');
        int from = 0;
        while (from < path.length() && path.charAt(from) == '/') {
            from++;
        }
        int to = from;
        while (to < path.length() && path.charAt(to) != '/' && path.charAt(to) != ';') {
            to++;
        }
        return path.substring(from, to).trim().equalsIgnoreCase("api");
    }

    /** Percent-decoding that leaves a malformed escape as it is (the path is only looked at, never used). */
    private static String percentDecoded(String raw) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem(Problems.typeUri(type), title, status, detail, null)));
    }
}
