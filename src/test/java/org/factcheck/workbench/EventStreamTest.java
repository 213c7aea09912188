package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.addComment;
import static org.factcheck.workbench.ApiClient.addEvidence;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.factcheck.workbench.EventStream.Sse;
import org.junit.jupiter.api.Test;

/** GET /api/events: the live-update stream, read as a browser's EventSource would. */
@QuarkusTest
class EventStreamTest {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final String QUOTE = "The SDF said that 28 fighters died";

    @Test
    void firstEventIsReadyWithAnId() {
        try (EventStream stream = EventStream.open(tokenOf("viewer"))) {
            Sse first = stream.events().get(0);

            assertThat(first.name()).isEqualTo("ready");
            assertThat(first.id()).matches("\\d+-\\d+");
        }
    }

    @Test
    void changesArriveWithTheirTypeClaimAndActor() {
        try (EventStream stream = EventStream.open(tokenOf("viewer"))) {
            long article = createArticle(QUOTE + ".");
            JsonPath annotation = annotate(article, 0, QUOTE.length(), QUOTE).then().statusCode(201).extract().jsonPath();
            long claim = annotation.getLong("claimId");
            setVerdict("analyst", claim, "false", "Others say 45.").then().statusCode(200);
            long evidence = addEvidence(claim, "https://example.org/live");
            long comment = addComment(as("reviewer"), claim, "Seen live.");

            Sse annotated = stream.awaitChange("annotation.created", claim);
            Sse verdict = stream.awaitChange("verdict.updated", claim);
            Sse added = stream.awaitChange("evidence.added", claim);
            Sse commented = stream.awaitChange("comment.added", claim);

            assertThat(annotated.name()).isEqualTo("annotation.created");
            assertThat(annotated.articleId()).isEqualTo(article);
            assertThat(annotated.subjectId()).isEqualTo(annotation.getLong("id"));
            assertThat(annotated.actor()).isEqualTo(usernameFor("analyst"));
            assertThat(verdict.actor()).isEqualTo(usernameFor("analyst"));
            assertThat(added.subjectId()).isEqualTo(evidence);
            assertThat(added.actor()).isEqualTo(usernameFor("analyst"));
            assertThat(commented.subjectId()).isEqualTo(comment);
            assertThat(commented.actor()).isEqualTo(usernameFor("reviewer"));
            assertThat(commented.name()).isEqualTo("comment.added");
            for (Sse e : List.of(annotated, verdict, added, commented)) {
                assertThat(e.id()).matches("\\d+-\\d+");
                assertThat(e.json().getString("at")).isNotBlank();
                assertThat(e.json().getMap("$")).containsOnlyKeys("id", "type", "articleId", "claimId", "subjectId", "actor", "at");
            }
            List<String> ids = stream.changes().stream().map(Sse::id).toList();
            assertThat(ids).isSortedAccordingTo(EventStream::compareIds);
            assertThat(new HashSet<>(ids)).hasSize(ids.size());
        }
    }

    @Test
    void eventsCommittedTogetherArriveInOrderAsSeparateEventsEachWithItsId() {
        Account mentioned = newAccount("viewer");
        try (EventStream theirs = EventStream.open(mentioned.token());
             EventStream others = EventStream.open(tokenOf("viewer"))) {
            long article = createArticle(QUOTE + ".");
            // one transaction each: claim.created and annotation.created; comment.added and (for one user) mention.created
            long claim = annotate(article, 0, QUOTE.length(), QUOTE).then().statusCode(201).extract().jsonPath().getLong("claimId");
            long comment = addComment(as("analyst"), claim, "@" + mentioned.username() + " together");
            long evidence = addEvidence(claim, "https://example.org/together");

            for (EventStream stream : List.of(theirs, others)) {
                stream.awaitChange("evidence.added", claim);
                List<Sse> about = stream.changes().stream().filter(e -> Long.valueOf(claim).equals(e.claimId())).toList();
                List<String> expected = stream == theirs
                        ? List.of("claim.created", "annotation.created", "comment.added", "mention.created", "evidence.added")
                        : List.of("claim.created", "annotation.created", "comment.added", "evidence.added");
                assertThat(about).extracting(Sse::name).containsExactlyElementsOf(expected);
                assertThat(about).extracting(Sse::type).containsExactlyElementsOf(expected);
                List<String> ids = about.stream().map(Sse::id).toList();
                assertThat(ids).allMatch(id -> id.matches("\\d+-\\d+")).doesNotHaveDuplicates()
                        .isSortedAccordingTo(EventStream::compareIds);
                assertThat(about.get(0).position()[0]).as("claim.created and annotation.created: one transaction")
                        .isEqualTo(about.get(1).position()[0]);
                assertThat(about.get(2).subjectId()).isEqualTo(comment);
                assertThat(about.get(about.size() - 1).subjectId()).isEqualTo(evidence);
                if (stream == theirs) {
                    assertThat(about.get(3).position()[0]).as("comment.added and mention.created: one transaction")
                            .isEqualTo(about.get(2).position()[0]);
                    assertThat(about.get(3).subjectId()).isEqualTo(comment);
                }
                for (Sse e : about) {
                    assertThat(e.json().getLong("id")).isEqualTo(e.position()[1]);
                }
            }
        }
    }

    /**
     * Highlights from four concurrent writers, as fast as they go (the pace at which the feed batches its writes
     * longer, see EventFeed): every event arrives, once, in commit order, both of a highlight's in one transaction.
     */
    @Test
    void aFloodOfHighlightsFromConcurrentWritersArrivesWholeAndInOrder() throws Exception {
        int highlights = 200;
        StringBuilder body = new StringBuilder("\uD83D\uDDDE ");
        for (int i = 0; i < highlights; i++) {
            body.append(String.format("Claim number %03d is here. ", i));
        }
        long article = createArticle(body.toString());
        try (EventStream stream = EventStream.open(tokenOf("viewer"))) {
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<Long>> claims = new ArrayList<>();
            for (int i = 0; i < highlights; i++) {
                int start = 2 + i * 26;
                String exact = String.format("Claim number %03d", i);
                claims.add(writers.submit(() -> annotate(article, start, start + exact.length(), exact)
                        .then().statusCode(201).extract().jsonPath().getLong("claimId")));
            }
            writers.shutdown();
            List<Long> claimIds = new ArrayList<>();
            for (Future<Long> claim : claims) {
                claimIds.add(claim.get(60, TimeUnit.SECONDS));
            }
            // waiting on the raw data (each Sse accessor parses the JSON again)
            String ofArticle = "\"articleId\":" + article + ",";
            long deadline = System.nanoTime() + SOON.toNanos();
            while (stream.changes().stream().filter(e -> e.data().contains(ofArticle)).count() < 2L * highlights
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            List<Sse> about = stream.changes().stream().filter(e -> Long.valueOf(article).equals(e.articleId())).toList();
            assertThat(about).hasSize(2 * highlights);
            List<String> ids = about.stream().map(Sse::id).toList();
            assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(EventStream::compareIds);
            Map<Long, List<Sse>> byClaim = about.stream().collect(Collectors.groupingBy(Sse::claimId));
            assertThat(byClaim.keySet()).containsExactlyInAnyOrderElementsOf(claimIds);
            for (List<Sse> ofClaim : byClaim.values()) {
                assertThat(ofClaim).extracting(Sse::name).containsExactly("claim.created", "annotation.created");
                assertThat(ofClaim.get(0).position()[0]).isEqualTo(ofClaim.get(1).position()[0]);
            }
        }
    }

    /**
     * On the wire: the response head, then the frames exactly as the REST layer's SSE sink wrote them, the events of a
     * transaction in one chunk (one write per stream for each batch the feed reads).
     */
    @Test
    void theWireIsPlainServerSentEventsWithABatchInOneChunk() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + tokenOf("viewer") + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Map<String, String> headers = new java.util.HashMap<>();
            String status = readLine(in);
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
            assertThat(status).startsWith("HTTP/1.1 200");
            assertThat(headers).containsEntry("content-type", "text/event-stream")
                    .containsEntry("transfer-encoding", "chunked")
                    .containsEntry("cache-control", "no-store")
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY")
                    .containsKey("content-security-policy");
            assertThat(readChunk(in)).matches("id:\\d+-\\d+\nevent:ready\ndata:\\{\"resumed\":false\\}\n\n");

            long article = createArticle(QUOTE + ".");
            long claim = annotate(article, 0, QUOTE.length(), QUOTE).then().statusCode(201).extract().jsonPath().getLong("claimId");
            String chunk;
            do {
                chunk = readChunk(in);
            } while (!chunk.contains("\"claimId\":" + claim + ","));

            assertThat(chunk).endsWith("\n\n");
            java.util.regex.Pattern frame = java.util.regex.Pattern.compile(
                    "id:(\\d+)-(\\d+)\nevent:([a-z.]+)\ndata:(\\{[^\n]*\\})");
            List<String[]> mine = new java.util.ArrayList<>();
            for (String f : chunk.substring(0, chunk.length() - 2).split("\n\n")) {
                java.util.regex.Matcher m = frame.matcher(f);
                assertThat(m.matches()).as("frame %s", f).isTrue();
                JsonPath json = JsonPath.from(m.group(4));
                assertThat(json.getString("type")).isEqualTo(m.group(3));
                assertThat(json.getLong("id")).isEqualTo(Long.parseLong(m.group(2)));
                if (Long.valueOf(claim).equals(json.getObject("claimId", Long.class))) {
                    mine.add(new String[] {m.group(1), m.group(2), m.group(3)});
                }
            }
            assertThat(mine).extracting(f -> f[2]).containsExactly("claim.created", "annotation.created");
            assertThat(mine.get(0)[0]).isEqualTo(mine.get(1)[0]);
            assertThat(Long.parseLong(mine.get(0)[1])).isLessThan(Long.parseLong(mine.get(1)[1]));
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("end of stream").isNotNegative();
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** One chunk of a chunked response body, as UTF-8. */
    private static String readChunk(InputStream in) throws java.io.IOException {
        int size = Integer.parseInt(readLine(in).trim(), 16);
        byte[] data = in.readNBytes(size);
        assertThat(data).hasSize(size);
        assertThat(readLine(in)).isEmpty();
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void resumesAfterLastEventIdWithNoGapAndNoRepeat() {
        String token = tokenOf("viewer");
        long claim = newClaim();
        List<Sse> before;
        String resumeAfter;
        try (EventStream first = EventStream.open(token)) {
            for (int i = 1; i <= 5; i++) {
                addComment(as("analyst"), claim, "comment " + i);
            }
            setVerdict("analyst", claim, "mixed", "Half.").then().statusCode(200);
            first.awaitChange("verdict.updated", claim);
            before = first.changes();
            assertThat(before).hasSizeGreaterThanOrEqualTo(6);
            resumeAfter = before.get(1).id();
        }
        List<Sse> expected = before.subList(2, before.size());

        try (EventStream second = EventStream.resume(token, resumeAfter)) {
            List<Sse> events = second.events();
            int ready = indexOfReady(events);
            List<Sse> replayed = events.subList(0, ready);
            assertThat(replayed.size()).isGreaterThanOrEqualTo(expected.size());
            assertThat(replayed.subList(0, expected.size())).extracting(Sse::id)
                    .containsExactlyElementsOf(expected.stream().map(Sse::id).toList());
            assertThat(replayed.subList(0, expected.size())).extracting(Sse::data)
                    .containsExactlyElementsOf(expected.stream().map(Sse::data).toList());
            // Anything else replayed happened after the first stream closed.
            replayed.subList(expected.size(), replayed.size()).forEach(e ->
                    assertThat(EventStream.compareIds(e.id(), expected.get(expected.size() - 1).id())).isPositive());
            assertThat(events.get(ready).json().getBoolean("resumed")).isTrue();
            assertThat(EventStream.compareIds(events.get(ready).id(), replayed.get(replayed.size() - 1).id())).isGreaterThanOrEqualTo(0);

            // Live events follow the replay, once each.
            long evidence = addEvidence(claim, "https://example.org/after-resume");
            Sse live = second.awaitChange("evidence.added", claim);
            assertThat(live.subjectId()).isEqualTo(evidence);
            List<String> ids = second.changes().stream().map(Sse::id).toList();
            assertThat(new HashSet<>(ids)).hasSize(ids.size());
            assertThat(ids).isSortedAccordingTo(EventStream::compareIds);
            assertThat(ids).noneMatch(id -> EventStream.compareIds(id, resumeAfter) <= 0);
        }
    }

    @Test
    void resumesAfterTheLastEventIdQueryParameter() {
        String token = tokenOf("viewer");
        long claim = newClaim();
        String from;
        try (EventStream first = EventStream.open(token)) {
            from = first.events().get(0).id();
        }
        long comment = addComment(as("analyst"), claim, "Made while nobody listened.");

        try (EventStream second = EventStream.resumeByQuery(token, from)) {
            List<Sse> events = second.events();
            List<Sse> replayed = events.subList(0, indexOfReady(events));
            assertThat(replayed).filteredOn(e -> "comment.added".equals(e.type())).extracting(Sse::subjectId).containsExactly(comment);
            assertThat(replayed).allSatisfy(e -> assertThat(EventStream.compareIds(e.id(), from)).isPositive());
        }
    }

    @Test
    void resumingFromTheNewestIdReplaysNothing() {
        String token = tokenOf("viewer");
        String readyId;
        try (EventStream first = EventStream.open(token)) {
            readyId = first.events().get(0).id();
        }
        try (EventStream second = EventStream.resume(token, readyId)) {
            List<Sse> events = second.events();
            List<Sse> replayed = events.subList(0, indexOfReady(events));
            // Only what others did in between, if anything; never the events before the id.
            assertThat(replayed).allSatisfy(e -> assertThat(EventStream.compareIds(e.id(), readyId)).isPositive());
        }
    }

    @Test
    void aMentionReachesOnlyTheMentionedUser() {
        Account mentioned = newAccount("viewer");
        Account bystander = newAccount("analyst");
        long claim = newClaim();
        try (EventStream theirs = EventStream.open(mentioned.token());
             EventStream others = EventStream.open(bystander.token());
             EventStream authors = EventStream.open(tokenOf("analyst"))) {
            long comment = addComment(as("analyst"), claim, "@" + mentioned.username() + " please check");
            long sentinel = addEvidence(claim, "https://example.org/sentinel");

            Sse mention = theirs.awaitChange("mention.created", claim);
            assertThat(mention.subjectId()).isEqualTo(comment);
            assertThat(mention.actor()).isEqualTo(usernameFor("analyst"));
            for (EventStream stream : List.of(others, authors)) {
                stream.await(e -> "evidence.added".equals(e.type()) && Long.valueOf(sentinel).equals(e.subjectId()), SOON);
                assertThat(stream.changes()).extracting(Sse::type).doesNotContain("mention.created").contains("comment.added");
            }
            theirs.await(e -> "evidence.added".equals(e.type()) && Long.valueOf(sentinel).equals(e.subjectId()), SOON);
            assertThat(theirs.changes()).filteredOn(e -> "mention.created".equals(e.type())).hasSize(1);
        }
    }

    @Test
    void aMentionIsReplayedOnlyToTheMentionedUser() {
        Account mentioned = newAccount("analyst");
        Account bystander = newAccount("analyst");
        String theirToken = mentioned.token();
        String otherToken = bystander.token();
        long claim = newClaim();
        String from;
        try (EventStream any = EventStream.open(tokenOf("viewer"))) {
            from = any.events().get(0).id();
        }
        addComment(as("analyst"), claim, "Replay for @" + mentioned.username());
        long sentinel = addEvidence(claim, "https://example.org/replay-sentinel");

        try (EventStream theirs = EventStream.resume(theirToken, from);
             EventStream others = EventStream.resume(otherToken, from)) {
            theirs.await(e -> Long.valueOf(sentinel).equals(e.subjectId()) && "evidence.added".equals(e.type()), SOON);
            others.await(e -> Long.valueOf(sentinel).equals(e.subjectId()) && "evidence.added".equals(e.type()), SOON);
            assertThat(theirs.changes()).extracting(Sse::type).contains("mention.created");
            assertThat(others.changes()).extracting(Sse::type).doesNotContain("mention.created");
        }
    }

    @Test
    void accountEventsReachAdminsOnly() {
        Account analyst = newAccount("analyst");
        try (EventStream admins = EventStream.open(tokenOf("admin"));
             EventStream analysts = EventStream.open(analyst.token());
             EventStream reviewers = EventStream.open(tokenOf("reviewer"))) {
            Account created = newAccount("viewer");
            as("admin").body(Map.of("displayName", "Renamed " + created.username())).patch("/api/users/" + created.id())
                    .then().statusCode(200);
            long sentinel = newClaim();

            Sse userCreated = admins.await(e -> "user.created".equals(e.type()) && Long.valueOf(created.id()).equals(e.subjectId()), SOON);
            assertThat(userCreated.actor()).isEqualTo("admin");
            admins.await(e -> "user.updated".equals(e.type()) && Long.valueOf(created.id()).equals(e.subjectId()), SOON);
            for (EventStream stream : List.of(analysts, reviewers)) {
                stream.awaitChange("annotation.created", sentinel);
                assertThat(stream.changes()).extracting(Sse::type).noneMatch(t -> t.startsWith("user."));
            }
        }
    }

    @Test
    void aDemotedAdminsStreamGetsNoMoreAccountEvents() {
        Account demoted = newAccount("admin");
        String token = demoted.token();
        try (EventStream stream = EventStream.open(token)) {
            as("admin").body(Map.of("role", "analyst")).patch("/api/users/" + demoted.id()).then().statusCode(200);
            Account created = newAccount("viewer");
            long sentinel = newClaim();

            // The stream may end (the client then reconnects as what it is now) or go on; either way it must not
            // carry account events once its user is no longer an admin.
            stream.await(e -> "annotation.created".equals(e.type()) && Long.valueOf(sentinel).equals(e.claimId())
                    || stream.hasEnded(), SOON);
            if (!stream.hasEnded()) {
                stream.awaitEnd(Duration.ofMillis(500));
            }
            assertThat(stream.changes()).noneMatch(e -> "user.created".equals(e.type()) && Long.valueOf(created.id()).equals(e.subjectId()));

            String last = stream.events().get(stream.events().size() - 1).id();
            try (EventStream resumed = EventStream.resume(token, last)) {
                resumed.awaitChange("annotation.created", sentinel);
                assertThat(resumed.changes()).extracting(Sse::type).noneMatch(t -> t.startsWith("user."));
            }
        }
    }

    @Test
    void aNewlyMadeAdminGetsAccountEventsAfterReconnecting() {
        Account promoted = newAccount("analyst");
        String token = promoted.token();
        try (EventStream stream = EventStream.open(token)) {
            as("admin").body(Map.of("role", "admin")).patch("/api/users/" + promoted.id()).then().statusCode(200);
            String last = stream.events().get(stream.events().size() - 1).id();
            try (EventStream resumed = EventStream.resume(token, last)) {
                Account created = newAccount("viewer");
                resumed.await(e -> "user.created".equals(e.type()) && Long.valueOf(created.id()).equals(e.subjectId()), SOON);
            }
        }
    }

    @Test
    void tokenEventsReachNobody() {
        Account owner = newAccount("analyst");
        try (EventStream admins = EventStream.open(tokenOf("admin"));
             EventStream owners = EventStream.open(owner.token())) {
            Session session = owner.signIn();
            long tokenId = session.request().body(Map.of("name", "short-lived")).post("/api/tokens")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            session.request().delete("/api/tokens/" + tokenId).then().statusCode(204);
            long sentinel = newClaim();

            for (EventStream stream : List.of(admins, owners)) {
                stream.awaitChange("annotation.created", sentinel);
                assertThat(stream.changes()).extracting(Sse::type).noneMatch(t -> t.startsWith("token."));
            }
        }
    }

    @Test
    void anonymousStreamIsRefused() {
        assertProblem(anonymous().accept("text/event-stream").get("/api/events"), 401);
        assertProblem(anonymous().get("/api/events"), 401);
        assertProblem(withToken("wbt_not-a-real-token").accept("text/event-stream").get("/api/events"), 401);
    }

    @Test
    void streamEndsSoonAfterItsTokenIsRevoked() {
        Account owner = newAccount("analyst");
        Session session = owner.signIn();
        JsonPath created = session.request().body(Map.of("name", "live")).post("/api/tokens")
                .then().statusCode(201).extract().jsonPath();
        String token = created.getString("token");
        try (EventStream stream = EventStream.open(token);
             EventStream unaffected = EventStream.open(owner.token())) {
            session.request().delete("/api/tokens/" + created.getLong("id")).then().statusCode(204);

            assertThat(stream.awaitEnd(Duration.ofSeconds(20))).as("stream ended within 20 s of the revocation").isTrue();
            assertThat(unaffected.hasEnded()).isFalse();
            assertProblem(withToken(token).accept("text/event-stream").get("/api/events"), 401);
        }
    }

    @Test
    void aDisabledUsersStreamEnds() {
        Account user = newAccount("analyst");
        try (EventStream stream = EventStream.open(user.token())) {
            as("admin").body(Map.of("disabled", true)).patch("/api/users/" + user.id()).then().statusCode(200);

            assertThat(stream.awaitEnd(Duration.ofSeconds(20))).as("stream ended within 20 s of disabling its user").isTrue();
        }
    }

    @Test
    void streamEndsSoonAfterSigningOut() {
        Account owner = newAccount("viewer");
        Session session = owner.signIn();
        try (EventStream stream = EventStream.withSession(session.sessionCookie())) {
            session.request().delete("/api/session").then().statusCode(204);

            assertThat(stream.awaitEnd(Duration.ofSeconds(20))).as("stream ended within 20 s of signing out").isTrue();
        }
    }

    private static int indexOfReady(List<Sse> events) {
        for (int i = 0; i < events.size(); i++) {
            if ("ready".equals(events.get(i).name())) {
                return i;
            }
        }
        throw new AssertionError("no ready event in " + events);
    }
}
