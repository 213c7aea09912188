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
        router.errorHandler(413, ctx -> send(ctx, 413, "too-large", "Payload too large",
                "the request body is larger than this service accepts"));
        router.errorHandler(400, ctx -> send(ctx, 400, "bad-request", "Bad request", "the request could not be read"));
        router.errorHandler(500, ctx -> send(ctx, 500, "internal", "Internal error", "the server failed to complete the request"));
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
