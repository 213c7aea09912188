package org.factcheck.workbench.event;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

/**
 * {@code GET /api/events}: server-sent events of every change the user may see. {@code Last-Event-ID} (or the
 * {@code lastEventId} query parameter) resumes after an event with nothing lost and nothing repeated.
 */
@Path("/")
public class EventResource {

    @Inject
    EventFeed feed;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Role.VIEWER_ROLE)
    public void stream(@Context SseEventSink sink, @Context HttpServerResponse response,
                       @HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("lastEventId") String lastEventIdParam) {
        String token = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParam;
        FeedPosition after = FeedPosition.parse(token);
        FeedSubscriber subscriber = new FeedSubscriber(sink, response, currentUser.get(), after);
        try {
            if (!feed.subscribe(subscriber, after)) {
                subscriber.sendControl("reset", "{\"reason\":\"too far behind to replay; reload\"}");
                subscriber.close();
                feed.closeLater(subscriber);
            }
        } finally {
            subscriber.requestAnswered();
        }
    }

    @Inject
    org.factcheck.workbench.user.security.CredentialStore credentials;

    @Scheduled(every = "15s", delayed = "15s")
    void heartbeat() {
        feed.heartbeatAll();
        feed.dropRevoked(credentials);
    }
}
