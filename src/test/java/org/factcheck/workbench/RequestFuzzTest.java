package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.addComment;
import static org.factcheck.workbench.ApiClient.addEvidence;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ApiClient.uniqueWord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed, hostile or random requests across the whole API, and not one of them may break the
 * service, give away how it is built, or change the desk's data.
 *
 * <p>The endpoint list is the running service's OpenAPI document ({@code /q/openapi}), so a new endpoint is fuzzed
 * without a change here; who may call what comes from {@code access-matrix.txt} (kept complete by
 * {@link AccessMatrixTest}). Every request is generated from a seeded {@link Random} (the seed is printed;
 * {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.only=I} sends request I of it alone, printed in full), and each
 * one is <em>invalid by construction</em>: a request that could change data carries at least one defect the service
 * must refuse before it writes (no or a forged credential, a cookie without its XSRF header or from a foreign origin, a
 * role the access matrix refuses, an id that does not exist, a wrong If-Match, a body that is not JSON or breaks the
 * strict JSON rules, a wrong content type, or a value the service validates before it writes). Everything else about
 * it is random: SQL and tsquery fragments, NUL and lone surrogates, deep nesting, huge and fractional numbers,
 * path and query garbage, odd methods, headers and content types.
 *
 * <p>For every answer: no 5xx, no hang, no stack trace, SQL, database error or class name in the body, an error is a
 * problem document, and a request that could change data is never accepted. Afterwards every application table has
 * the checksum it had before (see {@link #BOOKKEEPING_COLUMNS} and {@link #CHECKED_APART} for the few bookkeeping
 * columns and tables left out, and why), and nothing was logged at ERROR (a 500 or a failure no client saw).
 */
@QuarkusTest
class RequestFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final int THREADS = Integer.getInteger("fuzz.threads", 4);
    static final Integer ONLY = Integer.getInteger("fuzz.only");
    static final int READ_TIMEOUT_MS = 30_000;
    static final int MAX_BODY_READ = 1 << 20;
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String STATEMENT = "The minister said that 28 fighters died";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    // ==== the tests ===============================================================================================

    @Test
    void tenThousandMalformedRequestsAreRefusedWithoutA5xxALeakOrAChange() throws Exception {
        Fixture fixture = Fixture.create();
        List<Op> ops = operations();
        Snapshot before = snapshot();
        System.out.printf("Request fuzz: seed %d (replay with -Dfuzz.seed=%d), %d requests, %d threads, %d operations%n",
                SEED, SEED, REQUESTS, THREADS, ops.size());

        Stats stats = new Stats();
        ErrorLog errors = ErrorLog.watch();
        long started = System.nanoTime();
        if (ONLY != null) {
            Req req = Generator.generate(ops, fixture, SEED, ONLY);
            System.out.println(req.describe(true));
            check(req, send(req), stats);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                        Req req = Generator.generate(ops, fixture, SEED, i);
                        Answer answer;
                        try {
                            answer = send(req);
                        } catch (IOException e) {
                            stats.fail(req, "no answer: " + e);
                            continue;
                        }
                        check(req, answer, stats);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Request fuzz: %d requests in %.1f s (seed %d), status histogram %s, slowest %d ms, %d failures%n",
                stats.sent.get(), seconds, SEED, stats.histogram(), stats.slowestMs.get(), stats.failures.size());
        System.out.printf("Request fuzz: defects sent by construction %s; per method %s; %d refused by the HTTP layer before any"
                + " route (request line no URI or over 4096 bytes)%n", stats.hardHistogram(), stats.methodHistogram(), stats.httpLayer.get());
        stats.failures.stream().limit(40).forEach(f -> System.out.println("FUZZ FAILURE " + f));
        List<String> perOp = new ArrayList<>();
        new TreeMap<>(stats.perOp).forEach((k, v) -> {
            Map<Integer, Integer> h = new TreeMap<>();
            v.forEach((s, n) -> h.put(s, n.get()));
            perOp.add(k + " " + h);
        });
        java.nio.file.Files.write(java.nio.file.Path.of("target", "request-fuzz-operations.txt"), perOp, StandardCharsets.UTF_8);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "request-fuzz-failures.txt"),
                stats.failures.stream().map(f -> "FUZZ FAILURE " + f).toList(), StandardCharsets.UTF_8);

        errors.stop();
        Snapshot after = snapshot(before);
        assertThat(errors.records()).as("errors the service logged during the fuzz (a 500 or a failure no client saw)").isEmpty();
        assertThat(stats.failures).as("fuzz failures (seed %d); replay one with -Dfuzz.seed=%d -Dfuzz.only=<index>", SEED, SEED).isEmpty();
        assertThat(stats.sent.get()).isGreaterThanOrEqualTo(ONLY != null ? 1 : REQUESTS);
        before.assertUnchanged(after);
        Set<String> covered = stats.operations();
        if (ONLY == null && REQUESTS >= 10_000) {
            assertThat(covered).as("every operation of the OpenAPI document was fuzzed")
                    .containsAll(ops.stream().map(Op::key).toList());
        }
    }

    /**
     * Eight writers at once on the same claim, comment, annotation and user, each with a stale or broken request: the
     * row locks and version checks must answer every one with a 4xx (no deadlock, no 500), and nothing changes.
     */
    @Test
    void concurrentWritersWithStaleOrBrokenRequestsChangeNothing() throws Exception {
        Fixture f = Fixture.create();
        Snapshot before = snapshot();
        String claimVersion = unquote(f.claimEtag);
        long stale = Long.parseLong(claimVersion) + 1;
        List<Req> writes = new ArrayList<>();
        Caller analyst = new Caller(Role.ANALYST, Via.BEARER);
        Caller admin = new Caller(Role.ADMIN, Via.BEARER);
        Caller adminCookie = new Caller(Role.ADMIN, Via.COOKIE_XSRF);
        for (int i = 0; i < 40; i++) {
            String staleTag = i % 3 == 0 ? "\"" + (stale + i) + "\"" : i % 3 == 1 ? "W/" + f.claimEtag : "\"" + (-1 - i) + "\"";
            writes.add(Req.of("PUT", "/api/claims/" + f.claim + "/verdict", analyst).ifMatch(staleTag)
                    .json("{\"rating\":\"" + (i % 2 == 0 ? "true" : "mostly-false") + "\",\"explanation\":\"Writer " + i + "\"}"));
            writes.add(withCaller(Req.of("PATCH", "/api/claims/" + f.claim, i % 2 == 0 ? analyst : adminCookie), f).ifMatch(staleTag)
                    .json("{\"claimant\":\"Writer " + i + "\",\"status\":\"in_review\"}"));
            // the current version, with a value the service refuses before it writes
            writes.add(Req.of("PATCH", "/api/claims/" + f.claim, analyst).ifMatch(f.claimEtag)
                    .json("{\"assignee\":\"nobody-" + i + "-" + uniqueWord() + "\"}"));
            writes.add(Req.of("PUT", "/api/claims/" + f.claim + "/verdict", analyst).ifMatch(f.claimEtag)
                    .json("{\"rating\":\"' OR 1=1-- " + i + "\",\"explanation\":\"x\"}"));
            writes.add(Req.of("POST", "/api/claims/" + f.claim + "/verdict/publish", admin).ifMatch(f.claimEtag));
            writes.add(Req.of("POST", "/api/claims/" + f.claim + "/verdict/return", admin).ifMatch(staleTag)
                    .json("{\"comment\":\"Writer " + i + "\"}"));
            writes.add(Req.of("PATCH", "/api/comments/" + f.comment, analyst).ifMatch("\"" + (1000 + i) + "\"")
                    .json("{\"body\":\"Writer " + i + "\"}"));
            writes.add(Req.of("DELETE", "/api/comments/" + f.comment, admin).ifMatch("W/\"0\""));
            writes.add(Req.of("PUT", "/api/w3c/annotations/" + f.annotation, analyst).ifMatch("\"" + (1000 + i) + "\"")
                    .contentType("application/ld+json").body(("{\"target\":{\"source\":\"" + f.articleIri + "\",\"selector\":"
                            + "{\"type\":\"TextPositionSelector\",\"start\":0,\"end\":3}}}").getBytes(StandardCharsets.UTF_8)));
            writes.add(Req.of("DELETE", "/api/w3c/annotations/" + f.annotation, analyst).ifMatch("\"" + (1000 + i) + "\""));
            writes.add(Req.of("PATCH", "/api/users/" + f.user, admin).ifMatch("\"" + (1000 + i) + "\"")
                    .json("{\"displayName\":\"Writer " + i + "\",\"role\":\"admin\"}"));
        }
        for (Req w : writes) {
            w.hard.add(Hard.BAD_IF_MATCH);
        }
        Stats stats = new Stats();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < writes.size(); i = next.getAndIncrement()) {
                    Req req = writes.get(i);
                    try {
                        check(req, send(req), stats);
                    } catch (IOException e) {
                        stats.fail(req, "no answer: " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> d : done) {
            d.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        System.out.printf("Request fuzz, concurrent writers: %d requests in %.1f s, status histogram %s, %d failures%n",
                stats.sent.get(), (System.nanoTime() - started) / 1e9, stats.histogram(), stats.failures.size());
        stats.failures.stream().limit(20).forEach(x -> System.out.println("FUZZ FAILURE " + x));
        assertThat(stats.failures).isEmpty();
        assertThat(stats.statuses.keySet()).allMatch(s -> s >= 400 && s < 500);
        before.assertUnchanged(snapshot(before));
        assertThat(etagOf(f.claim)).isEqualTo(f.claimEtag);
    }

    static Req withCaller(Req req, Fixture f) {
        return req.caller.via() == Via.COOKIE_XSRF ? req.withSession(req.caller.role() == Role.ADMIN ? f.adminSession() : f.analystSession()) : req;
    }

    /**
     * Found by this fuzz (seed 1): a date or timestamp java.time reads but PostgreSQL cannot hold ({@code since=+300000-01-01},
     * {@code -999999999-01-01T00:00:00Z}) reached the database and failed there as a 500 "timestamp out of range";
     * {@code LocalDate.MAX} would even have been stored, as {@code infinity}. Every date and timestamp of the API is
     * now refused outside the years 1 to 9999 with a 400 naming the field, and nothing is written.
     */
    @Test
    void datesOutsideTheYears1To9999AreRefusedNotA500() throws Exception {
        Fixture f = Fixture.create();
        Snapshot before = snapshot();
        for (String since : List.of("+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "+10000-01-01", "0000-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00")) {
            ProblemAssertions.assertProblem(as("viewer").queryParam("since", since).get("/api/export/verdicts"), 400)
                    .body("errors.field", org.hamcrest.Matchers.contains("since"));
        }
        as("viewer").queryParam("since", "9999-12-31T23:59:59Z").get("/api/export/verdicts").then().statusCode(200);
        as("viewer").queryParam("since", "0001-01-01").get("/api/export/verdicts").then().statusCode(200);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        for (String key : List.of("t1:" + Long.MAX_VALUE + ":1", "t1:" + Long.MIN_VALUE + ":1", "t1:-62135596800000001:5", "t1:253402300800000000:5")) {
            ProblemAssertions.assertProblem(as("viewer").queryParam("sort", "activity")
                    .queryParam("cursor", b64.encodeToString(key.getBytes(StandardCharsets.US_ASCII))).get("/api/claims"), 400)
                    .body("errors.field", org.hamcrest.Matchers.contains("cursor"));
        }
        String word = uniqueWord();
        ProblemAssertions.assertProblem(as("analyst").body(Map.of("title", "Far future " + word, "body", "Body " + word,
                "publishedAt", "+300000-01-01T00:00:00Z")).post("/api/articles"), 400)
                .body("errors.field", org.hamcrest.Matchers.contains("publishedAt"));
        for (String date : List.of("+9999999-01-01", "+999999999-12-31", "-999999999-01-01", "0000-01-01")) {
            ProblemAssertions.assertProblem(as("analyst").header("If-Match", f.claimEtag()).body(Map.of("claimDate", date))
                    .patch("/api/claims/" + f.claim()), 400).body("errors.field", org.hamcrest.Matchers.contains("claimDate"));
            ProblemAssertions.assertProblem(as("analyst").body(Map.of("start", 0, "end", 3, "exact", "The",
                    "claim", Map.of("statement", "A claim of " + word, "claimDate", date)))
                    .post("/api/articles/" + f.article() + "/annotations"), 400)
                    .body("errors.field", org.hamcrest.Matchers.contains("claim.claimDate"));
        }
        before.assertUnchanged(snapshot(before));
    }

    /**
     * Found by this fuzz (seed 1, request 1873): an Accept header with an entry that is no media type ({@code Accept: }
     * with nothing, {@code garbage}, a trailing comma) got past routing, then failed as a 500 where the W3C endpoints
     * choose between JSON-LD and JSON. Unreadable entries now say nothing, as if they were not there.
     */
    @Test
    void anAcceptHeaderWithAnUnreadableEntryIsNoA500() throws Exception {
        Fixture f = Fixture.create();
        Caller analyst = new Caller(Role.ANALYST, Via.BEARER);
        for (String accept : List.of("", "garbage", "application/json, ", ", application/ld+json", "*/*;q=abc", ";;;")) {
            for (String path : List.of("/api/w3c/articles/" + f.article() + "/annotations/", "/api/w3c/annotations/" + f.annotation())) {
                Req req = Req.of("GET", path, analyst);
                req.headers.add(new String[] {"Accept", accept});
                Answer answer = send(req);
                assertThat(answer.status()).as("GET %s with Accept \"%s\": %s", path, accept, answer.body()).isIn(200, 406);
                if (answer.status() == 200) {
                    assertThat(answer.contentType()).as("Accept \"%s\"", accept).startsWith(accept.contains("ld+json")
                            || !accept.contains("application/json") ? "application/ld+json" : "application/json");
                }
            }
        }
    }

    /**
     * Found by this fuzz: a live-update client that hung up while its missed events were being replayed (or one told
     * to reset because it is too far behind) had its stream ended inside the request that opened it, before the REST
     * layer sent the initial SSE response; that layer then failed, the service logged an "unexpected failure" incident
     * and tried to write a 500 over the finished stream. Such a close now waits until the response is out.
     */
    @Test
    void aClientThatHangsUpDuringTheReplayLeavesNoErrorBehind() throws Exception {
        String token = tokenOf("admin");
        for (int i = 0; i < 30; i++) {
            newAccount("viewer"); // events to replay
        }
        ErrorLog errors = ErrorLog.watch();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                try (Socket socket = new Socket("localhost", RestAssured.port)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nAccept: text/event-stream\r\nLast-Event-ID: 0-" + (n % 3) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    // read a little of the replay, then hang up
                    socket.getInputStream().read(new byte[n % 2 == 0 ? 20 : 400]);
                }
                return null;
            }));
        }
        for (Future<?> d : done) {
            d.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Thread.sleep(2_500); // the deferred closes happen about a second after each request was answered
        errors.stop();
        assertThat(errors.records()).as("errors logged for clients that hung up during the replay").isEmpty();
        // and a stream still opens and says it is ready
        Req req = Req.of("GET", "/api/events", new Caller(Role.VIEWER, Via.BEARER));
        req.headers.add(new String[] {"Accept", "text/event-stream"});
        Answer answer = send(req);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("event:ready");
    }

    /**
     * Found by this fuzz in the full suite (seed 8358875372702366659), where the desk archive is megabytes long: a
     * client that hung up in the middle of GET /api/admin/archive (the fuzz reads at most 1 MB of an answer) made the
     * service log an "unexpected failure" incident ("Connection has been closed"). A client that goes away is no
     * incident; only the closed-channel form of it was recognised.
     */
    @Test
    void aClientThatHangsUpDuringADownloadIsNoIncident() throws Exception {
        for (int a = 0; a < 3; a++) { // some megabytes of archive, more than the sockets buffer
            StringBuilder body = new StringBuilder("A long article for a long archive " + uniqueWord() + ".\n\n");
            while (body.length() < 1_900_000) {
                body.append("The minister said that 28 fighters died near the border. ");
            }
            createArticle("Long " + uniqueWord(), body.toString());
        }
        String token = tokenOf("admin");
        ErrorLog errors = ErrorLog.watch();
        for (int i = 0; i < 5; i++) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096); // a small window: the service is still writing when the client leaves
                socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /api/admin/archive HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readNBytes(MAX_BODY_READ); // a megabyte of the archive, then hang up
            }
        }
        Thread.sleep(2_000);
        errors.stop();
        assertThat(errors.records()).as("errors logged for clients that hung up during a download").isEmpty();
    }

    /**
     * Found by this fuzz (seed -1290673333825420521, request 12709): {@code DELETE /api/articles/{id}/presence/%00} sent
     * the NUL of the tab id to PostgreSQL, which refused the byte ("invalid byte sequence for encoding UTF8: 0x00"): a
     * 500. A tab id that no tab can have (PUT only takes 8-64 letters, digits, - and _) removes nothing, like any other
     * unknown tab.
     */
    @Test
    void leavingWithATabIdNoTabCanHaveRemovesNothing() throws Exception {
        Fixture f = Fixture.create();
        Snapshot before = snapshot();
        for (String tab : List.of("%00", "tab%00tab-with-a-nul", "%ED%A0%80%ED%A0%80%ED%A0%80", "%C3%BC%C3%BC%C3%BC%C3%BC",
                "x", "%27%3B%20DROP%20TABLE%20presence%3B--", "t".repeat(65))) {
            Req req = Req.of("DELETE", "/api/articles/" + f.article() + "/presence/" + tab, new Caller(Role.VIEWER, Via.BEARER));
            Answer answer = send(req);
            assertThat(answer.status()).as("DELETE presence/%s: %s", tab, answer.body()).isEqualTo(204);
        }
        before.assertUnchanged(snapshot(before));
    }

    // ==== the service's operations, from its OpenAPI document =====================================================

    /** How a request body is read: strict JSON into a record, a W3C JSON-LD document, lines, files, or unknown. */
    enum BodyKind { STRICT_JSON, W3C, NDJSON, MULTIPART, OTHER }

    record Param(String name, boolean numeric, String resource) {
    }

    record Op(String method, String path, List<Param> pathParams, List<String> queryParams, boolean ifMatch,
              BodyKind body, List<String> mediaTypes, JsonNode schema, boolean bodyRequired, List<String> produces,
              AccessMatrixTest.Row access) {

        String key() {
            return method + " " + path;
        }

        boolean mutating() {
            return !SAFE_METHODS.contains(method);
        }

        Param firstNumeric() {
            return pathParams.stream().filter(Param::numeric).findFirst().orElse(null);
        }

        /** The status the access matrix gives a valid request of this caller (anonymous: its column). */
        int matrixStatus(Role role) {
            return role == null ? access.anonymous() : access.roles().get(role.key).own();
        }
    }

    static List<Op> operations() throws IOException {
        String text = given().queryParam("format", "json").accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode doc = JSON.readTree(text);
        openApi = doc;
        Map<String, AccessMatrixTest.Row> matrix = new HashMap<>();
        for (AccessMatrixTest.Row row : AccessMatrixTest.matrix()) {
            matrix.put(row.key(), row);
        }
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().equals("/api") && !path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (!AccessMatrixTest.HTTP_METHODS.contains(m.getKey())) {
                    continue;
                }
                String method = m.getKey().toUpperCase(Locale.ROOT);
                JsonNode op = m.getValue();
                List<Param> pathParams = new ArrayList<>();
                List<String> query = new ArrayList<>();
                boolean ifMatch = false;
                List<JsonNode> params = new ArrayList<>();
                path.getValue().path("parameters").forEach(params::add);
                op.path("parameters").forEach(params::add);
                for (JsonNode p : params) {
                    JsonNode param = resolve(doc, p);
                    String name = param.path("name").asText();
                    switch (param.path("in").asText()) {
                        case "path" -> {
                            String type = resolve(doc, param.path("schema")).path("type").asText();
                            pathParams.add(new Param(name, type.equals("integer") || type.equals("number"),
                                    resourceOf(path.getKey(), name)));
                        }
                        case "query" -> query.add(name);
                        case "header" -> ifMatch |= name.equalsIgnoreCase("If-Match");
                        default -> {
                        }
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                List<String> mediaTypes = new ArrayList<>();
                content.fieldNames().forEachRemaining(mediaTypes::add);
                JsonNode schema = null;
                BodyKind kind = null;
                if (!mediaTypes.isEmpty()) {
                    schema = resolve(doc, content.path(mediaTypes.get(0)).path("schema"));
                    if (mediaTypes.stream().anyMatch(t -> t.startsWith("multipart/"))) {
                        kind = BodyKind.MULTIPART;
                    } else if (mediaTypes.contains("application/ld+json")) {
                        kind = BodyKind.W3C;
                    } else if (mediaTypes.contains("application/json") && schema.path("properties").size() > 0) {
                        kind = BodyKind.STRICT_JSON;
                    } else if (mediaTypes.contains("application/x-ndjson")) {
                        kind = BodyKind.NDJSON;
                    } else {
                        kind = BodyKind.OTHER;
                    }
                }
                Set<String> produces = new TreeSet<>();
                op.path("responses").forEach(response -> response.path("content").fieldNames().forEachRemaining(produces::add));
                AccessMatrixTest.Row row = matrix.get(method + " " + path.getKey());
                assertThat(row).as("access matrix line for %s %s", method, path.getKey()).isNotNull();
                ops.add(new Op(method, path.getKey(), pathParams, query, ifMatch, kind, mediaTypes, schema,
                        op.path("requestBody").path("required").asBoolean(false), new ArrayList<>(produces), row));
            }
        }
        ops.sort((a, b) -> a.key().compareTo(b.key()));
        assertThat(ops).hasSizeGreaterThanOrEqualTo(50);
        return ops;
    }

    /** The OpenAPI document, for the schemas that bodies are shaped after. */
    static volatile JsonNode openApi;

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.get("$ref").asText();
            n = doc.at(ref.substring(1));
        }
        if (n.has("allOf") && n.get("allOf").size() == 1) {
            return resolve(doc, n.get("allOf").get(0));
        }
        return n;
    }

    /** The collection a path parameter names an item of: the segment before it ("claims" in /claims/{id}). */
    static String resourceOf(String path, String param) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + param + "}")) {
                return segments[i - 1];
            }
        }
        return "";
    }

    // ==== the desk the fuzz aims at ===============================================================================

    /**
     * Real objects to aim at, so that requests get past "not found" into validation, locking and version checks. The
     * claim has a draft verdict and stays in progress (the fuzz changes nothing), so publishing or returning it is a 409.
     */
    record Fixture(long article, String articleText, String articleIri, long annotation, long claim, long evidence,
                   long comment, long token, long user, String claimEtag, String commentEtag, String userEtag,
                   String annotationEtag, Session adminSession, Session analystSession, Set<String> usernames) {

        private static Fixture shared;

        /** Made once per test run: nothing here may change it, so every test of this class aims at the same objects. */
        static synchronized Fixture create() {
            if (shared == null) {
                shared = make();
            }
            return shared;
        }

        private static Fixture make() {
            String word = uniqueWord();
            String text = STATEMENT + " near the border on Tuesday. Officials disputed the count of " + word + ".";
            long article = createArticle("Fuzz target " + word, text);
            long annotation = annotate(article, 0, STATEMENT.length(), STATEMENT).then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            long claim = as("viewer").get("/api/annotations/" + annotation).then().statusCode(200)
                    .extract().jsonPath().getLong("claimId");
            setVerdict("analyst", claim, "false", "No count supports it.").then().statusCode(200);
            long evidence = addEvidence(claim, "https://example.org/fuzz/" + word);
            long comment = addComment(as("analyst"), claim, "A comment the fuzz aims at");
            long token = as("analyst").body(Map.of("name", "fuzz target")).post("/api/tokens").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
            long user = newAccount("viewer").id();
            tokenOf("viewer");
            String claimEtag = etagOf(claim);
            String commentEtag = as("viewer").get("/api/comments/" + comment).then().statusCode(200).extract().header("ETag");
            String userEtag = as("admin").get("/api/users/" + user).then().statusCode(200).extract().header("ETag");
            String annotationEtag = as("viewer").accept("application/ld+json").get("/api/w3c/annotations/" + annotation)
                    .then().statusCode(200).extract().header("ETag");
            Session admin = Session.signIn("admin", ApiClient.ADMIN_PASSWORD);
            Session analyst = Session.signIn(ApiClient.usernameFor("analyst"), ApiClient.PASSWORD);
            Set<String> usernames = new HashSet<>(as("admin").queryParam("limit", 500).get("/api/users").then().statusCode(200)
                    .extract().jsonPath().getList("items.username", String.class));
            return new Fixture(article, text, "http://localhost:" + RestAssured.port + "/api/articles/" + article, annotation,
                    claim, evidence, comment, token, user, claimEtag, commentEtag, userEtag, annotationEtag, admin, analyst,
                    usernames);
        }

        /** A real id for an item of that collection, or null when the fixture has none. */
        String idOf(Param p) {
            return switch (p.resource()) {
                case "articles" -> Long.toString(article);
                case "annotations" -> Long.toString(annotation);
                case "claims" -> Long.toString(claim);
                case "evidence" -> Long.toString(evidence);
                case "comments" -> Long.toString(comment);
                case "tokens" -> Long.toString(token);
                case "users" -> Long.toString(user);
                case "verdicts" -> "1";
                default -> p.numeric() ? "999999999999" : "fuzz-tab-" + Long.toHexString(SEED & 0xffffff);
            };
        }

        /** The current ETag of the object an operation changes, when it has one. */
        String etagFor(Op op) {
            if (op.pathParams().isEmpty()) {
                return null;
            }
            return switch (op.pathParams().get(0).resource()) {
                case "claims" -> claimEtag;
                case "comments" -> commentEtag;
                case "users" -> userEtag;
                case "annotations" -> annotationEtag;
                default -> null;
            };
        }
    }

    // ==== callers ==================================================================================================

    enum Role {
        ADMIN("admin"), ANALYST("analyst"), VIEWER("viewer");

        final String key;

        Role(String key) {
            this.key = key;
        }
    }

    /** How a caller presents itself. */
    enum Via { BEARER, COOKIE_XSRF, COOKIE_NO_XSRF, COOKIE_WRONG_XSRF, FOREIGN_ORIGIN, ANONYMOUS, FORGED }

    record Caller(Role role, Via via) {
        boolean authenticated() {
            return via != Via.ANONYMOUS && via != Via.FORGED;
        }

        @Override
        public String toString() {
            return authenticated() ? role.key + " via " + via.name().toLowerCase(Locale.ROOT) : via.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The defects a request carries that the service must refuse before it writes anything. */
    enum Hard { ANONYMOUS, FORGED_CREDENTIAL, CSRF, CROSS_ORIGIN, REFUSED_BY_MATRIX, MISSING_ID, BAD_IF_MATCH, BAD_BODY,
        BAD_CONTENT_TYPE, INVALID_VALUE }

    // ==== one request ==============================================================================================

    static final class Req {
        final int index;
        final Op op;
        String method;
        String target;
        Caller caller;
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        final Set<Hard> hard = EnumSet.noneOf(Hard.class);
        final List<String> notes = new ArrayList<>();
        /**
         * A request line that is no URI (a bad percent escape, a backslash) or bytes that HTTP does not allow: the HTTP
         * layer refuses it with a bare 400 before any route, as AccessMatrixTest's address tricks show.
         */
        boolean rawInvalid;

        /** Longer than the HTTP layer reads (4096 bytes): refused with a bare 414 before any route. */
        boolean lineTooLong() {
            return (method + " " + target + " HTTP/1.1").length() > 4096;
        }

        Req(int index, Op op, String method, String target, Caller caller) {
            this.index = index;
            this.op = op;
            this.method = method;
            this.target = target;
            this.caller = caller;
        }

        /** A hand-made request (the concurrent writers), authenticated as the caller says. */
        static Req of(String method, String target, Caller caller) {
            Req r = new Req(-1, null, method, target, caller);
            if (caller.via() == Via.BEARER) {
                r.headers.add(new String[] {"Authorization", "Bearer " + tokenOf(caller.role().key)});
            }
            return r;
        }

        Req withSession(Session s) {
            headers.removeIf(h -> h[0].equals("Authorization"));
            headers.add(new String[] {"Cookie", "wb_session=" + s.sessionCookie() + "; XSRF-TOKEN=" + s.xsrf()});
            headers.add(new String[] {"X-XSRF-TOKEN", s.xsrf()});
            return this;
        }

        Req ifMatch(String value) {
            headers.add(new String[] {"If-Match", value});
            return this;
        }

        Req contentType(String value) {
            headers.add(new String[] {"Content-Type", value});
            return this;
        }

        Req body(byte[] value) {
            body = value;
            return this;
        }

        Req json(String value) {
            return contentType("application/json").body(value.getBytes(StandardCharsets.UTF_8));
        }

        String opKey() {
            return op == null ? method + " " + target.replaceAll("\\?.*", "") : op.key();
        }

        /** Everything the request carries, as text: a word the answer only echoes back is no leak. */
        String sentText() {
            StringBuilder s = new StringBuilder(method).append(' ').append(decodePercent(target));
            for (String[] h : headers) {
                s.append('\n').append(h[0]).append(": ").append(h[1]);
            }
            if (body != null) {
                s.append('\n').append(new String(body, StandardCharsets.UTF_8));
            }
            return s.toString();
        }

        String describe(boolean full) {
            StringBuilder s = new StringBuilder("#").append(index).append(' ').append(method).append(' ')
                    .append(abbreviate(target, full ? 100_000 : 300)).append(" [").append(opKey()).append("] as ").append(caller)
                    .append(", defects ").append(hard).append(notes.isEmpty() ? "" : ", " + notes);
            if (full) {
                for (String[] h : headers) {
                    s.append("\n  ").append(h[0]).append(": ").append(abbreviate(h[1], 500));
                }
                if (body != null) {
                    s.append("\n  body (").append(body.length).append(" bytes): ")
                            .append(abbreviate(new String(body, StandardCharsets.UTF_8), 4000));
                }
            } else if (body != null) {
                s.append(", body ").append(abbreviate(new String(body, StandardCharsets.UTF_8), 200));
            }
            return s.toString();
        }
    }

    // ==== generating requests ======================================================================================

    static final class Generator {
        final Random r;
        final Fixture f;
        final Req req;
        final Set<String> documented = new HashSet<>();

        private Generator(Random r, Fixture f, Req req) {
            this.r = r;
            this.f = f;
            this.req = req;
        }

        /** Request {@code index} of the run with this seed: the same request for the same seed, whatever the threads. */
        static Req generate(List<Op> ops, Fixture fixture, long seed, int index) {
            Random r = new Random(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
            Op op = ops.get(r.nextInt(ops.size()));
            Req req = new Req(index, op, op.method(), "", null);
            Generator g = new Generator(r, fixture, req);
            ops.stream().filter(o -> o.path().equals(op.path())).forEach(o -> g.documented.add(o.method()));
            g.fill();
            req.rawInvalid |= !isUri(req.target) || !req.target.matches("[\\x21-\\x7e]*")
                    || req.method.chars().anyMatch(c -> c <= 32 || c > 126)
                    || req.headers.stream().anyMatch(h -> !h[1].matches("[\\x20-\\x7e\\t]*"));
            return req;
        }

        private void fill() {
            Op op = req.op;
            // 1. the defects this request will carry: a request that could change data gets at least one
            Set<Hard> plan = EnumSet.noneOf(Hard.class);
            List<Hard> possible = possibleDefects(op);
            boolean mutating = op.mutating();
            if (mutating || r.nextInt(4) == 0) {
                plan.add(possible.get(r.nextInt(possible.size())));
                if (r.nextInt(4) == 0) {
                    plan.add(possible.get(r.nextInt(possible.size())));
                }
            }
            // 2. an odd method now and then (an unknown token, or a method the address does not have)
            if (r.nextInt(25) == 0) {
                oddMethod(plan);
            } else if (op.method().equals("GET") && r.nextInt(20) == 0) {
                req.method = "HEAD";
            }
            // 3. who asks
            req.caller = caller(plan);
            // 4. the address: path parameters and query
            // Garbage that may route elsewhere (.., %2F) only beside a refused caller; garbage that may still name a
            // real object (+1, 007, a full-width 1, ;x=1) only beside a defect that does not depend on the object.
            boolean callerRefused = plan.contains(Hard.ANONYMOUS) || plan.contains(Hard.FORGED_CREDENTIAL)
                    || plan.contains(Hard.CSRF) || plan.contains(Hard.CROSS_ORIGIN);
            boolean objectIndependent = callerRefused || plan.contains(Hard.REFUSED_BY_MATRIX) || plan.contains(Hard.BAD_BODY)
                    || plan.contains(Hard.BAD_CONTENT_TYPE);
            req.target = path(plan, !mutating || callerRefused, !mutating || objectIndependent) + query(plan);
            // 5. headers and body
            credentials();
            ifMatch(plan);
            body(plan);
            extraHeaders();
            req.hard.addAll(plan);
            if (mutating && req.hard.isEmpty()) {
                throw new IllegalStateException("generated a request without a defect: " + req.describe(true));
            }
        }

        /** Defects that make this operation refuse the request, whatever else it carries. */
        List<Hard> possibleDefects(Op op) {
            List<Hard> d = new ArrayList<>();
            boolean needsAccount = op.access().anonymous() >= 400;
            if (needsAccount) {
                d.add(Hard.ANONYMOUS);
                d.add(Hard.FORGED_CREDENTIAL);
                if (op.mutating()) {
                    d.add(Hard.CSRF);
                    d.add(Hard.CROSS_ORIGIN);
                }
            }
            if (!refusingRoles(op).isEmpty()) {
                d.add(Hard.REFUSED_BY_MATRIX);
            }
            // Defects that let the request reach the service's own checks weigh three times as much as a refused caller.
            if (op.firstNumeric() != null) {
                d.addAll(List.of(Hard.MISSING_ID, Hard.MISSING_ID, Hard.MISSING_ID));
            }
            if (op.ifMatch()) {
                d.addAll(List.of(Hard.BAD_IF_MATCH, Hard.BAD_IF_MATCH, Hard.BAD_IF_MATCH));
            }
            if (op.body() == BodyKind.STRICT_JSON || op.body() == BodyKind.W3C) {
                d.addAll(List.of(Hard.BAD_BODY, Hard.BAD_BODY, Hard.BAD_BODY));
            }
            if (op.body() != null && !op.mediaTypes().contains("*/*")) {
                d.add(Hard.BAD_CONTENT_TYPE);
            }
            if (Invalid.VALUES.containsKey(op.key())) {
                d.addAll(List.of(Hard.INVALID_VALUE, Hard.INVALID_VALUE, Hard.INVALID_VALUE));
            }
            if (d.isEmpty()) {
                throw new IllegalStateException(op.key() + ": no way to make a request of it invalid; teach RequestFuzzTest one");
            }
            return d;
        }

        static List<Role> refusingRoles(Op op) {
            List<Role> roles = new ArrayList<>();
            for (Role role : Role.values()) {
                if (op.matrixStatus(role) >= 400) {
                    roles.add(role);
                }
            }
            return roles;
        }

        void oddMethod(Set<Hard> plan) {
            String[] odd = {"FOO", "PROPFIND", "TRACE", "M-SEARCH", "BREW", "PURGE", "LINK", "PATCH", "PUT", "DELETE", "POST",
                    "GET", "X".repeat(200), "get", "post", "Delete", "pAtCh"};
            String m = odd[r.nextInt(odd.length)];
            if (documented.contains(m)) {
                return;
            }
            req.method = m;
            req.notes.add("odd method");
            boolean unknownToken = !m.toUpperCase(Locale.ROOT).matches("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS");
            if (!unknownToken && !m.equals(m.toUpperCase(Locale.ROOT))) {
                // a lower-case spelling of a real method: refused for its credential as well, whatever the server makes of it
                plan.remove(Hard.CSRF);
                plan.add(r.nextBoolean() ? Hard.ANONYMOUS : Hard.FORGED_CREDENTIAL);
            } else if (!SAFE_METHODS.contains(m) && req.op.access().anonymous() >= 400 && plan.isEmpty()) {
                plan.add(Hard.ANONYMOUS);
            }
        }

        Caller caller(Set<Hard> plan) {
            if (plan.contains(Hard.ANONYMOUS)) {
                return new Caller(null, Via.ANONYMOUS);
            }
            if (plan.contains(Hard.FORGED_CREDENTIAL)) {
                return new Caller(null, Via.FORGED);
            }
            Role role;
            if (plan.contains(Hard.REFUSED_BY_MATRIX)) {
                List<Role> refusing = refusingRoles(req.op);
                role = refusing.get(r.nextInt(refusing.size()));
            } else {
                int x = r.nextInt(100);
                role = x < 45 ? Role.ADMIN : x < 90 ? Role.ANALYST : Role.VIEWER;
            }
            if (plan.contains(Hard.CSRF)) {
                return new Caller(role == Role.VIEWER ? Role.ANALYST : role, r.nextBoolean() ? Via.COOKIE_NO_XSRF : Via.COOKIE_WRONG_XSRF);
            }
            if (plan.contains(Hard.CROSS_ORIGIN)) {
                return new Caller(role == Role.VIEWER ? Role.ANALYST : role, Via.FOREIGN_ORIGIN);
            }
            if (plan.contains(Hard.REFUSED_BY_MATRIX)) {
                return new Caller(role, role != Role.VIEWER && r.nextInt(4) == 0 ? Via.COOKIE_XSRF : Via.BEARER);
            }
            int x = r.nextInt(100);
            if (role == Role.VIEWER || x < 70) {
                return new Caller(role, Via.BEARER);
            }
            if (x < 80) {
                return new Caller(role, Via.COOKIE_XSRF);
            }
            if (!req.op.mutating() || plan.size() > 0) {
                // Without XSRF header or from another site: harmless on reads; on writes only beside another defect
                return new Caller(role, x < 88 ? Via.COOKIE_NO_XSRF : x < 94 ? Via.COOKIE_WRONG_XSRF : Via.FOREIGN_ORIGIN);
            }
            if (req.op.access().anonymous() >= 400 && x < 95) {
                plan.add(Hard.ANONYMOUS);
                return new Caller(null, Via.ANONYMOUS);
            }
            return new Caller(role, Via.BEARER);
        }

        void credentials() {
            Caller c = req.caller;
            Session s = c.role() == Role.ADMIN ? f.adminSession() : f.analystSession();
            switch (c.via()) {
                case BEARER -> header("Authorization", (r.nextInt(10) == 0 ? "bearer  " : "Bearer ") + tokenOf(c.role().key));
                case COOKIE_XSRF -> {
                    header("Cookie", "wb_session=" + s.sessionCookie() + "; XSRF-TOKEN=" + s.xsrf());
                    header("X-XSRF-TOKEN", s.xsrf());
                }
                case COOKIE_NO_XSRF -> header("Cookie", "wb_session=" + s.sessionCookie() + (r.nextBoolean() ? "; XSRF-TOKEN=" + s.xsrf() : ""));
                case COOKIE_WRONG_XSRF -> {
                    String wrong = pick(List.of("", "x", s.xsrf() + "x", s.xsrf().toUpperCase(Locale.ROOT), "null", "' OR 1=1--",
                            Base64.getEncoder().encodeToString(s.xsrf().getBytes(StandardCharsets.UTF_8))));
                    boolean cookieToo = r.nextBoolean();
                    header("Cookie", "wb_session=" + s.sessionCookie() + "; XSRF-TOKEN=" + (cookieToo ? wrong : s.xsrf()));
                    header("X-XSRF-TOKEN", wrong);
                }
                case FOREIGN_ORIGIN -> {
                    header("Cookie", "wb_session=" + s.sessionCookie() + "; XSRF-TOKEN=" + s.xsrf());
                    header("X-XSRF-TOKEN", s.xsrf());
                    header("Origin", pick(List.of("https://evil.example", "null", "http://localhost.evil.example",
                            "http://localhost:" + (RestAssured.port + 1), "https://localhost:" + RestAssured.port, "file://", "x")));
                }
                case ANONYMOUS -> {
                    if (r.nextInt(4) == 0) {
                        header("Cookie", "XSRF-TOKEN=" + s.xsrf());
                        header("X-XSRF-TOKEN", s.xsrf());
                    }
                }
                case FORGED -> header(pick(List.of("Authorization", "Authorization", "Cookie")), forgedCredential());
                default -> throw new IllegalStateException();
            }
        }

        String forgedCredential() {
            String token = tokenOf(pick(List.of("admin", "analyst")));
            return switch (r.nextInt(12)) {
                case 0 -> "Bearer wbt_" + Long.toHexString(r.nextLong());
                case 1 -> "Bearer " + token.substring(0, token.length() - 1);
                case 2 -> "Bearer " + token + "x";
                case 3 -> "Bearer ' OR 1=1--";
                case 4 -> "Basic " + Base64.getEncoder().encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
                case 5 -> "Bearer " + "A".repeat(2000 + r.nextInt(3000));
                case 6 -> "Bearer";
                case 7 -> "Bearer \u00e9\u00e8";
                case 8 -> "wb_session=" + Base64.getUrlEncoder().encodeToString(new byte[] {1, 2, 3});
                case 9 -> "wb_session=' OR 1=1--; XSRF-TOKEN=x";
                case 10 -> "Digest username=\"admin\"";
                default -> "Bearer " + token.toUpperCase(Locale.ROOT);
            };
        }

        // ---- path and query ----

        String path(Set<Hard> plan, boolean traversalAllowed, boolean aliasAllowed) {
            String path = req.op.path();
            Param missing = plan.contains(Hard.MISSING_ID) ? req.op.firstNumeric() : null;
            for (Param p : req.op.pathParams()) {
                String value;
                if (p == missing) {
                    value = missingId();
                } else if (req.op.key().equals("DELETE /api/articles/{id}/presence/{clientId}") && p.name().equals("clientId")
                        && plan.contains(Hard.INVALID_VALUE)) {
                    value = "fz" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36); // a tab nobody has
                } else if (r.nextInt(100) < 55) {
                    value = f.idOf(p);
                } else {
                    value = garbageSegment(p.numeric(), traversalAllowed, aliasAllowed);
                }
                path = path.replace("{" + p.name() + "}", value);
            }
            if (req.op.path().startsWith("/api/w3c/articles/") && r.nextBoolean()) {
                path += "/";
            }
            return path;
        }

        /** An id no object has: it can only be refused (404) or be invalid (400), never reach a real row. */
        String missingId() {
            return switch (r.nextInt(8)) {
                case 0 -> "-" + (1 + r.nextInt(1_000_000));
                case 1 -> "0";
                case 2 -> Long.toString(1_000_000_000_000L + (r.nextLong() & 0xffff_ffffL));
                case 3 -> Long.toString(Long.MAX_VALUE - r.nextInt(1000));
                case 4 -> new BigInteger(Long.toString(Long.MAX_VALUE)).add(BigInteger.valueOf(1 + r.nextInt(1000))).toString();
                case 5 -> "99999999999999999999999999999999999999";
                case 6 -> word(1 + r.nextInt(12));
                default -> new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            };
        }

        String garbageSegment(boolean numeric, boolean traversalAllowed, boolean aliasAllowed) {
            List<String> pool = new ArrayList<>(List.of("-1", "0", "1.5", "1e3", "0x1F", "%20", "NaN",
                    "Infinity", "null", "true", "%00", "%C3%BC", "%F0%9F%8E%89", "%E2%80%AE1", "%ED%A0%80",
                    "%FF", "%27%20OR%201%3D1--", "%27%3B%20DROP%20TABLE%20claim%3B--", "%24%24", "%5C%5C",
                    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1" + "0".repeat(300),
                    "550e8400-e29b-41d4-a716-446655440000", "%7B%7D", "%5B1%5D", "~", "*", "(", "'", "%22", "%3Cscript%3E"));
            if (aliasAllowed) {
                // may still read as a number: +1, 007, a full-width digit one, 1 with a NUL or a space
                pool.addAll(List.of("+1", "007", "%2B1", "%EF%BC%91", "1%20", "1%00", "%EF%BC%91%EF%BC%92"));
            }
            if (traversalAllowed) {
                pool.addAll(List.of("..", ".", "..%2F", "%2e%2e", "%2e%2e%2f", "..;", "1;x=1", "%2F", "%5C", "..%5C", "1%2F2",
                        "%2e", "..%2F..%2F..%2Fetc%2Fpasswd", "1;jsessionid=x"));
            }
            if (!numeric) {
                pool.addAll(List.of("fuzz-tab-" + word(6), "short", "x".repeat(65), "A".repeat(8), "tab_" + word(60)));
            }
            String value = pick(pool);
            if (r.nextInt(10) == 0) {
                value = encode(fuzzString());
            } else if (r.nextInt(60) == 0) {
                value = pick(List.of("%", "%zz", "%E0%A4%A", "a%")); // no URI: the HTTP layer's bare 400
            }
            return value;
        }

        String query(Set<Hard> plan) {
            List<String> pairs = new ArrayList<>();
            boolean invalidRead = req.op.key().equals("POST /api/mentions/read") && plan.contains(Hard.INVALID_VALUE);
            for (String name : req.op.queryParams()) {
                if (invalidRead && name.equals("claimId")) {
                    // a claim id that is not a number (400) or names no claim (nothing to mark)
                    pairs.add("claimId=" + (r.nextBoolean() ? missingId().replace("-", "x") : encode(fuzzString() + "x")));
                    continue;
                }
                if (r.nextInt(100) < 60) {
                    String value = queryValue(name);
                    pairs.add(encode(name) + "=" + (r.nextInt(20) == 0 ? rawish(value) : encode(value)));
                }
            }
            if (r.nextInt(5) == 0) {
                pairs.add(encode(pick(List.of("limit", "cursor", "q", "x", "__proto__", "page", "format", "' OR 1=1--", "$where", "sort")))
                        + "=" + encode(fuzzString()));
            }
            if (r.nextInt(30) == 0) {
                pairs.add(pick(List.of("&&&", "=", "=x", "a=%00", "limit=1&limit=2", "q", "%3D=%3D", "a=%C0%80", "%FF=%FE")));
            }
            if (pairs.isEmpty()) {
                return "";
            }
            return "?" + String.join("&", pairs);
        }

        String queryValue(String name) {
            if (r.nextInt(6) == 0) {
                return fuzzString();
            }
            if (r.nextBoolean()) {
                // a plausible value, so that the other parameters reach the query
                String plausible = switch (name) {
                    case "limit" -> pick(List.of("1", "2", "50", "500"));
                    case "format" -> pick(List.of("json", "ndjson", "csv", "claimreview"));
                    case "state" -> pick(List.of("published", "all"));
                    case "status" -> pick(List.of("open", "in_progress", "in_review", "published"));
                    case "rating" -> pick(List.of("true", "false", "mostly-true", "unproven"));
                    case "sort" -> pick(List.of("newest", "activity"));
                    case "page" -> pick(List.of("0", "1"));
                    case "iris" -> pick(List.of("0", "1"));
                    case "articleId", "claimId" -> Long.toString(name.equals("articleId") ? f.article() : f.claim());
                    case "since" -> "2017-09-27";
                    default -> null;
                };
                if (plausible != null) {
                    return plausible;
                }
            }
            return switch (name) {
                case "limit" -> pick(List.of("-1", "0", "1", "2", "500", "501", "99999999999", "1.5", "abc", "", " 5", "1e2",
                        "0x10", "\u0000", "\uff11\uff10", "-0", "+5"));
                case "cursor" -> cursor();
                case "since" -> pick(List.of("not-a-date", "2017-13-45", "2017-09-27", "2017-09-27T10:00:00Z",
                        "+300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "0000-01-01", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00+18:00",
                        "2017-09-27T10:00:00 Z", "+10000-01-01", "-0001-01-01", "2017-02-30", "1e9", ""));
                case "q" -> pick(List.of("!&|:*()<->", "a & b", "'", "\"unclosed", "-", "or", "a <-> b", ":*", "\\", "$$", "!",
                        "' OR 1=1--", "'; DROP TABLE claim;--", "%", "_", "(((((", "a:* & !b | (c <-> d)", "\u0000", "\ud800",
                        "minister", "\"the minister\" -fighters", "a".repeat(3000), "\u0661\u0662", "\u202e", "*", "&", "|"));
                case "format" -> pick(List.of("json", "ndjson", "csv", "claimreview", "xml", "", "JSON", "../etc", "csv\u0000"));
                case "state" -> pick(List.of("published", "all", "none", "ALL", ""));
                case "status" -> pick(List.of("open", "in_progress", "in_review", "published", "closed", "OPEN", ""));
                case "rating" -> pick(List.of("true", "false", "mostly-true", "nope", "TRUE", "", "5"));
                case "sort" -> pick(List.of("newest", "activity", "oldest", "id; DROP TABLE claim", "", "ACTIVITY"));
                case "assignee" -> pick(List.of("me", "ME", "admin", "nobody", "' OR 1=1--", "", "%"));
                case "page" -> pick(List.of("-1", "0", "1", "99999999999", "abc", "1.5", "", "2147483648"));
                case "iris" -> pick(List.of("0", "1", "2", "true", "", "-1"));
                case "lastEventId" -> lastEventId();
                case "articleId", "claimId" -> pick(List.of(Long.toString(f.article()), missingId(), "abc", "1.5", "", " 1 ",
                        "' OR 1=1--"));
                default -> fuzzString();
            };
        }

        String cursor() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return switch (r.nextInt(10)) {
                case 0 -> b64.encodeToString(("v1:" + pick(List.of("-1", "0", "abc", "99999999999999999999", "1e3", ""))).getBytes(StandardCharsets.UTF_8));
                case 1 -> b64.encodeToString(("t1:" + pick(List.of(Long.toString(Long.MAX_VALUE), Long.toString(Long.MIN_VALUE), "-1",
                        "abc", "9223372036854775807")) + ":" + pick(List.of("1", "-1", "abc", "9223372036854775807"))).getBytes(StandardCharsets.UTF_8));
                case 2 -> b64.encodeToString(("t1:" + (r.nextLong() >> r.nextInt(40)) + ":" + r.nextLong()).getBytes(StandardCharsets.UTF_8));
                case 3 -> "====";
                case 4 -> "%%%";
                case 5 -> Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
                case 6 -> b64.encodeToString(("v1:" + r.nextLong()).getBytes(StandardCharsets.UTF_8));
                case 7 -> b64.encodeToString(("t1:1:2:3").getBytes(StandardCharsets.UTF_8));
                case 8 -> "";
                default -> fuzzString();
            };
        }

        String lastEventId() {
            return pick(List.of("-1-1", "0-0", "9223372036854775807-9223372036854775807", "abc", "1-2-3", "99999999999999999999-1",
                    " ", "1--1", "-", "0-" + Long.MAX_VALUE, "' OR 1=1--"));
        }

        // ---- headers ----

        void ifMatch(Set<Hard> plan) {
            Op op = req.op;
            String current = f.etagFor(op);
            boolean optional = Invalid.OPTIONAL_IF_MATCH.contains(op.key());
            if (plan.contains(Hard.BAD_IF_MATCH)) {
                List<String> wrong = new ArrayList<>(List.of("W/\"x\"", "\"fuzz\"", "fuzz", "\"99999999999\"", "\"-1\"", "\"*\"",
                        "\"1\", \"2\"", "\"\"", "\"' OR 1=1--\"", "W/\"0\"", "\"9223372036854775808\"", "\"1.0\"", "\"0x1\"",
                        "\"\u00e9\"", "\"" + "9".repeat(50) + "\""));
                if (current != null) {
                    wrong.add("W/" + current);
                    wrong.add("\"" + (Long.parseLong(unquote(current)) + 1 + r.nextInt(1000)) + "\"");
                }
                if (!optional) {
                    wrong.addAll(List.of("", " ", "MISSING", "MISSING"));
                }
                String value = pick(wrong);
                if (!value.equals("MISSING")) {
                    header("If-Match", value);
                }
                return;
            }
            if (op.ifMatch() || r.nextInt(20) == 0) {
                int x = r.nextInt(10);
                if (x < 4 && current != null) {
                    header("If-Match", current);
                } else if (x < 6) {
                    header("If-Match", "*");
                } else if (x < 8) {
                    header("If-Match", pick(List.of("W/\"x\"", "garbage", "\"1\"", "\"0\"", "\"2\"", "", "*, \"1\"")));
                }
            }
        }

        void extraHeaders() {
            if (r.nextInt(8) == 0) {
                header("Accept", pick(List.of("application/json", "*/*", "application/ld+json", "text/event-stream", "application/xml",
                        "text/csv", "*/*;q=abc", "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"", "garbage", "",
                        "application/json;q=0, */*;q=0", "text/html", "application/problem+json", "application/x-ndjson",
                        "image/png;q=1.5", "*/" + "*;q=0.5".repeat(50))));
            }
            if (r.nextInt(10) == 0) {
                header("Prefer", pick(List.of("return=minimal", "return=representation; include=\"garbage\"", "handling=strict",
                        "return=representation; include=\"http://www.w3.org/ns/oa#PreferContainedIRIs http://www.w3.org/ns/ldp#PreferMinimalContainer\"",
                        "=;=;", "return=" + "x".repeat(3000), "return=representation; omit=\"\"", "return")));
            }
            if (r.nextInt(15) == 0) {
                header("Last-Event-ID", lastEventId());
            }
            if (r.nextInt(15) == 0) {
                header("If-None-Match", pick(List.of("*", "\"x\"", "W/\"1\"", "garbage", "\"" + "1".repeat(100) + "\"")));
            }
            if (r.nextInt(20) == 0) {
                header("Range", pick(List.of("bytes=0-1", "bytes=-1", "bytes=99999999999-", "lines=1-2", "garbage")));
            }
            if (r.nextInt(25) == 0) {
                header("X-Fuzz-Padding", "p".repeat(1000 + r.nextInt(5000)));
            }
            if (r.nextInt(20) == 0) {
                header("Accept-Language", pick(List.of("*", "en;q=abc", "\u00e9", "x".repeat(500))));
            }
            if (r.nextInt(25) == 0 && req.op.mutating()) {
                header("X-HTTP-Method-Override", req.caller.authenticated() ? "GET" : "DELETE");
            }
            if (r.nextInt(40) == 0) {
                // a header value HTTP does not allow: the HTTP layer may answer before the API does
                header("X-Fuzz", pick(List.of("a\u0001b", "\u00ff\u00fe", "line\u000bbreak", "\u0000")));
                req.rawInvalid = true;
            }
            if (r.nextInt(60) == 0) {
                req.target = req.target.replace("/api/", pick(List.of("/api//", "/api/./", "/API/", "/api;x=1/")));
                req.notes.add("address spelled oddly");
            }
        }

        void header(String name, String value) {
            req.headers.add(new String[] {name, value});
        }

        // ---- bodies ----

        void body(Set<Hard> plan) {
            Op op = req.op;
            if (op.body() == null) {
                if (r.nextInt(10) == 0) {
                    // a body where none belongs
                    header("Content-Type", pick(List.of("application/json", "text/plain", "application/x-www-form-urlencoded")));
                    req.body = (r.nextBoolean() ? "{\"x\":" + fuzzJson() + "}" : fuzzString()).getBytes(StandardCharsets.UTF_8);
                }
                return;
            }
            // Content type: the operation's own, a variant of it, or (a defect) one it does not take
            if (plan.contains(Hard.BAD_CONTENT_TYPE)) {
                List<String> wrong = new ArrayList<>(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "text/html", "application/octet-stream", "image/png", "application/json", "multipart/form-data; boundary=x",
                        "application/x-ndjson", "application/ld+json", "text/csv", "application/javascript"));
                wrong.removeIf(t -> op.mediaTypes().stream().anyMatch(m -> mediaTypeOf(t).equals(m)));
                header("Content-Type", pick(wrong));
            } else if (op.body() != BodyKind.MULTIPART) {
                String type = pick(op.mediaTypes());
                header("Content-Type", switch (r.nextInt(10)) {
                    case 0 -> type + "; charset=UTF-8";
                    case 1 -> type.toUpperCase(Locale.ROOT);
                    case 2 -> type + "; charset=" + pick(List.of("nope", "UTF-16", "ISO-8859-1", "utf-32", "\"utf-8\"", ""));
                    case 3 -> pick(List.of("", "garbage", ";;;", "*/*", "application/*", type + ";;", type + "; profile=\"x\"",
                            type + ", text/plain"));
                    default -> type;
                });
            }
            switch (op.body()) {
                case STRICT_JSON, W3C, OTHER -> jsonBody(plan);
                case NDJSON -> ndjsonBody(plan);
                case MULTIPART -> multipartBody(plan);
                default -> throw new IllegalStateException();
            }
        }

        void jsonBody(Set<Hard> plan) {
            Op op = req.op;
            Map<String, Object> doc = op.body() == BodyKind.W3C ? w3cDocument() : objectFor(op.schema(), 0);
            List<Mutation> hardOnes = new ArrayList<>(List.of(Mutation.TRUNCATE, Mutation.SINGLE_QUOTES, Mutation.RAW_CONTROL,
                    Mutation.INVALID_UTF8, Mutation.COMMENT, Mutation.LEADING_GARBAGE, Mutation.DEEP, Mutation.LONG_NUMBER,
                    Mutation.NOT_AN_OBJECT));
            if (op.body() == BodyKind.STRICT_JSON) {
                hardOnes.addAll(List.of(Mutation.UNKNOWN_FIELD, Mutation.UNKNOWN_FIELD, Mutation.WRONG_TYPE, Mutation.WRONG_TYPE,
                        Mutation.UNSTORABLE, Mutation.UNSTORABLE, Mutation.FRACTION, Mutation.TRAILING));
            } else if (op.body() == BodyKind.W3C) {
                hardOnes.addAll(List.of(Mutation.W3C_TYPE, Mutation.W3C_CONTEXT, Mutation.W3C_NO_TARGET));
            }
            if (op.bodyRequired() || op.body() == BodyKind.W3C) {
                hardOnes.add(Mutation.EMPTY);
            }
            Mutation planned = plan.contains(Hard.BAD_BODY) ? pick(hardOnes) : null;
            List<Mutation> extra = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
                // replacing the whole body could drop the planned defect (an optional body may be left out)
                if (planned != null && !planned.textual && !op.bodyRequired() && (m == Mutation.EMPTY || m == Mutation.NOT_AN_OBJECT)) {
                    continue;
                }
                extra.add(m);
            }
            // Order matters: random changes first, then the invalid value and the planned defect, which nothing after
            // them may undo (a later null or truncation could turn an invalid body back into a valid one).
            for (Mutation m : extra) {
                if (!m.textual) {
                    m.apply(this, doc);
                }
            }
            Invalid.Maker invalid = Invalid.VALUES.get(op.key());
            if (plan.contains(Hard.INVALID_VALUE) && invalid != null) {
                invalid.apply(this, doc);
            }
            if (op.key().equals("POST /api/session") && doc.get("username") instanceof String name) {
                // never a real username: a wrong password would count against a real account's sign-in throttle
                doc.put("username", name + "~fz" + word(6));
            }
            if (planned != null && !planned.textual && planned.apply(this, doc) == null) {
                // nothing in the document for it to work on: a defect that always applies
                planned = op.body() == BodyKind.STRICT_JSON ? Mutation.UNKNOWN_FIELD : Mutation.TRUNCATE;
                if (!planned.textual) {
                    planned.apply(this, doc);
                }
            }
            String text = Json.write(doc);
            for (Mutation m : extra) {
                if (m.textual) {
                    text = m.applyText(this, text);
                }
            }
            if (planned != null && planned.textual) {
                text = planned.applyText(this, text);
            }
            req.body = text.getBytes(StandardCharsets.UTF_8);
            if (planned == Mutation.INVALID_UTF8 || extra.contains(Mutation.INVALID_UTF8)) {
                req.body = Mutation.invalidUtf8(r, req.body);
            }
            req.notes.add("body " + (planned == null ? "" : planned + "+") + extra);
        }

        Map<String, Object> w3cDocument() {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (r.nextBoolean()) {
                doc.put("@context", "http://www.w3.org/ns/anno.jsonld");
            }
            if (r.nextBoolean()) {
                doc.put("type", "Annotation");
            }
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("source", r.nextInt(3) == 0 ? fuzzString() : f.articleIri());
            List<Object> selectors = new ArrayList<>();
            if (r.nextBoolean()) {
                selectors.add(new LinkedHashMap<>(Map.of("type", "TextPositionSelector", "start", number(), "end", number())));
            }
            if (r.nextBoolean()) {
                selectors.add(new LinkedHashMap<>(Map.of("type", "TextQuoteSelector", "exact", fuzzString(), "prefix", fuzzString())));
            }
            if (r.nextInt(4) == 0) {
                selectors.add(Map.of("type", "RangeSelector", "startSelector", fuzzString()));
            }
            target.put("selector", r.nextBoolean() && selectors.size() == 1 ? selectors.get(0) : selectors);
            doc.put("target", r.nextInt(6) == 0 ? List.of(target, target) : target);
            switch (r.nextInt(5)) {
                case 0 -> doc.put("body", "http://localhost:" + RestAssured.port + "/api/claims/" + pick(List.of(Long.toString(f.claim()), missingId())));
                case 1 -> doc.put("body", Map.of("type", "TextualBody", "value", fuzzString(), "purpose", pick(List.of("describing", "tagging", fuzzString()))));
                case 2 -> doc.put("bodyValue", fuzzString());
                case 3 -> doc.put("body", List.of(Map.of("type", "SpecificResource", "source", fuzzString())));
                default -> {
                }
            }
            if (r.nextInt(4) == 0) {
                doc.put(pick(List.of("id", "motivation", "creator", "created", "x-unknown")), fuzzValue(0));
            }
            return doc;
        }

        void ndjsonBody(Set<Hard> plan) {
            // Import lines that can never be a claim record (a record needs appearances): each line is refused alone.
            StringBuilder lines = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                Object line = switch (r.nextInt(5)) {
                    case 0 -> fuzzString();
                    case 1 -> fuzzJson();
                    default -> {
                        Map<String, Object> record = new LinkedHashMap<>();
                        for (String key : List.of("statement", "claimant", "claimDate", "status", "verdict", "evidence", "kind", "version", "id")) {
                            if (r.nextBoolean()) {
                                record.put(key, fuzzValue(1));
                            }
                        }
                        yield Json.write(record);
                    }
                };
                lines.append(line).append(pick(List.of("\n", "\r\n", "\n\n", "")));
            }
            if (r.nextInt(10) == 0) {
                lines.append("[".repeat(50 + r.nextInt(1000)));
            }
            req.body = lines.toString().getBytes(StandardCharsets.UTF_8);
            if (req.op.key().equals("POST /api/import/claims") || req.op.key().equals("POST /api/admin/archive")) {
                plan.add(Hard.INVALID_VALUE);
            }
        }

        void multipartBody(Set<Hard> plan) {
            String boundary = "fuzz" + word(12);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int files = r.nextInt(4);
            for (int i = 0; i < files; i++) {
                // never a name or a type the import takes (.txt, .md, .html, text/*): each file is refused alone
                String name = pick(List.of(fuzzString(), "x", "", "..\\..\\evil", "a.txt", "%00")) + pick(List.of(".exe", ".pdf", ".bin", ".zip", ".docx", ".txt.exe"));
                String type = pick(List.of("application/octet-stream", "image/png", "application/pdf", "application/zip"));
                write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + pick(List.of("file", "files", "", "\"")) + "\"; filename=\""
                        + name.replace("\"", "%22").replace("\r", "").replace("\n", "") + "\"\r\nContent-Type: " + type + "\r\n\r\n");
                byte[] content = new byte[r.nextInt(300)];
                r.nextBytes(content);
                if (content.length > 0) {
                    content[0] = (byte) 0x80;
                }
                out.writeBytes(content);
                write(out, "\r\n");
            }
            if (r.nextInt(3) > 0) {
                write(out, "--" + boundary + "--\r\n");
            }
            if (!plan.contains(Hard.BAD_CONTENT_TYPE)) {
                header("Content-Type", r.nextInt(8) == 0 ? pick(List.of("multipart/form-data", "multipart/form-data; boundary=",
                        "multipart/form-data; boundary=other", "multipart/mixed; boundary=" + boundary)) : "multipart/form-data; boundary=" + boundary);
            }
            req.body = out.toByteArray();
            plan.add(Hard.INVALID_VALUE);
        }

        static void write(ByteArrayOutputStream out, String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** An object shaped like the operation's schema, with random (often wrong) values. */
        Map<String, Object> objectFor(JsonNode schema, int depth) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (schema == null) {
                return doc;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (r.nextInt(5) > 0) {
                    doc.put(p.getKey(), valueFor(p.getValue(), depth + 1));
                }
            }
            return doc;
        }

        Object valueFor(JsonNode raw, int depth) {
            JsonNode schema = resolve(openApi, raw);
            String type = schema.path("type").asText();
            if (schema.path("properties").size() > 0) {
                return depth > 3 ? null : objectFor(schema, depth);
            }
            if (r.nextInt(12) == 0) {
                return null;
            }
            return switch (type) {
                case "integer", "number" -> number();
                case "boolean" -> r.nextBoolean();
                case "array" -> {
                    List<Object> items = new ArrayList<>();
                    int n = r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        items.add(valueFor(schema.path("items"), depth + 1));
                    }
                    yield items;
                }
                default -> {
                    if (schema.has("enum") && r.nextBoolean()) {
                        JsonNode values = schema.get("enum");
                        yield values.get(r.nextInt(values.size())).asText();
                    }
                    String format = schema.path("format").asText();
                    if (format.equals("date") && r.nextBoolean()) {
                        yield pick(List.of("2017-09-27", "2017-13-45", "27.09.2017", "+10000-01-01", "0000-00-00", ""));
                    }
                    if (format.equals("date-time") && r.nextBoolean()) {
                        yield pick(List.of("2017-09-27T10:00:00Z", "2017-09-27", "not a time", "2017-09-27T25:00:00Z"));
                    }
                    yield fuzzString();
                }
            };
        }

        Object number() {
            return switch (r.nextInt(10)) {
                case 0 -> new Json.Raw("-" + r.nextInt(100));
                case 1 -> new Json.Raw("99999999999");
                case 2 -> new Json.Raw("1e3");
                case 3 -> new Json.Raw(r.nextInt(100) + ".5");
                case 4 -> new Json.Raw("-0");
                case 5 -> new Json.Raw("2147483648");
                default -> (long) r.nextInt(120);
            };
        }

        Object fuzzValue(int depth) {
            return switch (r.nextInt(depth > 3 ? 5 : 8)) {
                case 0 -> null;
                case 1 -> r.nextBoolean();
                case 2 -> number();
                case 3, 4 -> fuzzString();
                case 5 -> {
                    List<Object> l = new ArrayList<>();
                    for (int i = r.nextInt(3); i > 0; i--) {
                        l.add(fuzzValue(depth + 1));
                    }
                    yield l;
                }
                default -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = r.nextInt(3); i > 0; i--) {
                        m.put(r.nextBoolean() ? fuzzString() : word(5), fuzzValue(depth + 1));
                    }
                    yield m;
                }
            };
        }

        String fuzzJson() {
            return Json.write(fuzzValue(0));
        }

        /** A string from the corpus of troublemakers, sometimes two of them joined, sometimes inside ordinary words. */
        String fuzzString() {
            String s = pick(STRINGS);
            int x = r.nextInt(10);
            if (x == 0) {
                s = s + pick(STRINGS);
            } else if (x == 1) {
                s = "The minister " + s + " said";
            }
            return s;
        }

        String word(int n) {
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < n; i++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            return w.toString();
        }

        <T> T pick(List<T> from) {
            return from.get(r.nextInt(from.size()));
        }

        /** A query value sent without percent-encoding the characters a URL may carry as they are. */
        String rawish(String value) {
            StringBuilder s = new StringBuilder();
            for (char c : value.toCharArray()) {
                if (c > 32 && c < 127 && c != '#' && c != '&' && c != '+') {
                    s.append(c);
                } else {
                    s.append(encode(String.valueOf(c)));
                }
            }
            if (s.toString().matches(".*[\"<>\\\\^`{|}].*")) {
                req.rawInvalid = true;
            }
            return s.toString();
        }
    }

    static final List<String> STRINGS = List.of("' OR 1=1--", "'; DROP TABLE claim;--", "\"; DROP TABLE article; --", "$$",
            "$$; SELECT pg_sleep(10); $$", "\\", "\\\\", "\\x00", "1; SELECT pg_sleep(10)--", "' UNION SELECT password_hash FROM app_user--",
            "%", "_", "%_%", "*", "!&|:*()<->", "a & !b | c:* <-> (d", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "{{7*7}}", "#{7*7}", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\ud83d", "\ud83c\udf89", "\u202egnp.exe",
            "\u00fc", "e\u0301", "\ufeff", "\uffff", "\ufffe", "\ud835\udd4f", "\u0661\u0662\u0663", "\u4e2d\u6587", "",
            " ", "\t", "\n\r\n", "null", "undefined", "NaN", "-1", "0", "1e309", "true", "[]", "{}", "../../etc/passwd",
            "%00", "%2e%2e%2f", "%s%s%s%n", "'", "\"", "`", "\u2028\u2029", "a".repeat(10_001), "\u00e9".repeat(600),
            "@admin", "@' OR 1=1--", "javascript:alert(1)", "http://", "https://exa mple.org", "data:text/html,x",
            "admin", "ADMIN ", "select * from app_user", "INSERT INTO claim VALUES (1)", "Robert'); DROP TABLE article;--",
            "\u0085", "\u000b", "\u001b[31m", "\u200b", "\ud800\ud800", "\udbff\udfff", "\u0000\u0000\u0000".repeat(10),
            "' AND 1=CAST((SELECT version()) AS int)--", "1' ORDER BY 99--", "\\' OR \\'1\\'=\\'1", "E'\\x41'",
            "U&'\\0041'", "$tag$ x $tag$", "/* x */", "-- x", ":name", "?", "$1");

    /** Mutations of a JSON body; the "hard" ones make any strict JSON reader refuse it. */
    enum Mutation {
        TRUNCATE(true), SINGLE_QUOTES(true), RAW_CONTROL(true), INVALID_UTF8(true), COMMENT(true), LEADING_GARBAGE(true),
        TRAILING(true), EMPTY(true), DEEP(false), LONG_NUMBER(false), NOT_AN_OBJECT(true), UNKNOWN_FIELD(false),
        WRONG_TYPE(false), UNSTORABLE(false), FRACTION(false), NULLS(false), HUGE_VALUES(false), DUPLICATE_KEY(true),
        BOM(true), W3C_TYPE(false), W3C_CONTEXT(false), W3C_NO_TARGET(false);

        final boolean textual;

        Mutation(boolean textual) {
            this.textual = textual;
        }

        /** Changes the document; null when there was nothing to change. */
        Object apply(Generator g, Map<String, Object> doc) {
            Random r = g.r;
            List<String> keys = new ArrayList<>(doc.keySet());
            switch (this) {
                case DEEP -> {
                    int depth = 33 + r.nextInt(r.nextBoolean() ? 40 : 3000);
                    doc.put(keys.isEmpty() || r.nextBoolean() ? "nested" : g.pick(keys), new Json.Raw("[".repeat(depth) + "]".repeat(depth)));
                    return doc;
                }
                case LONG_NUMBER -> {
                    doc.put(keys.isEmpty() || r.nextBoolean() ? "n" : g.pick(keys), new Json.Raw("9".repeat(41 + r.nextInt(400))));
                    return doc;
                }
                case UNKNOWN_FIELD -> {
                    doc.put(g.pick(List.of("colour", "id", "__proto__", "constructor", "isAdmin", "role_", "x")) + "_" + g.word(4), g.fuzzValue(1));
                    return doc;
                }
                case WRONG_TYPE, UNSTORABLE, FRACTION -> {
                    JsonNode schema = g.req.op.schema();
                    List<String> candidates = new ArrayList<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = it.next();
                        String type = p.getValue().path("type").asText();
                        boolean fits = switch (this) {
                            // a string with a format may be a date, which a reader might take from a number
                            case WRONG_TYPE -> type.equals("string") && !p.getValue().has("format") || type.equals("integer")
                                    || type.equals("boolean");
                            case UNSTORABLE -> type.equals("string");
                            default -> type.equals("integer");
                        };
                        if (fits) {
                            candidates.add(p.getKey());
                        }
                    }
                    if (candidates.isEmpty()) {
                        return null;
                    }
                    String key = g.pick(candidates);
                    String type = schema.path("properties").path(key).path("type").asText();
                    Object value = switch (this) {
                        case UNSTORABLE -> g.pick(List.of("a\u0000b", "\ud800", "x\udc00", "\ud83d", "\u0000"));
                        case FRACTION -> new Json.Raw(g.pick(List.of("13.5", "0.1", "-1.5", "1.000001", "6.02e-1")));
                        default -> type.equals("string")
                                ? g.pick(List.of(new Json.Raw("42"), new Json.Raw("true"), List.of("a"), Map.of("a", 1), new Json.Raw("1.5")))
                                : g.pick(List.of("6", "' OR 1=1--", List.of(1), Map.of("a", 1), "true"));
                    };
                    if (type.equals("boolean") && this == WRONG_TYPE) {
                        value = g.pick(List.of("yes", "true", new Json.Raw("1"), new Json.Raw("0"), List.of(true)));
                    }
                    doc.put(key, value);
                    return doc;
                }
                case NULLS -> {
                    keys.forEach(k -> {
                        if (r.nextBoolean()) {
                            doc.put(k, null);
                        }
                    });
                    return doc;
                }
                case HUGE_VALUES -> {
                    if (keys.isEmpty()) {
                        return null;
                    }
                    doc.put(g.pick(keys), g.pick(List.of("h".repeat(100_000 + r.nextInt(100_000)), new Json.Raw("1e999999"),
                            new Json.Raw("-9223372036854775809"), new Json.Raw("1" + "0".repeat(39)))));
                    return doc;
                }
                case W3C_TYPE -> {
                    doc.put("type", g.pick(List.of("Note", "annotation", "", List.of("Collection"), Map.of("a", 1), new Json.Raw("1"))));
                    return doc;
                }
                case W3C_CONTEXT -> {
                    doc.put("@context", g.pick(List.of("http://schema.org", "", List.of("http://example.org"), new Json.Raw("7"), Map.of())));
                    return doc;
                }
                case W3C_NO_TARGET -> {
                    if (r.nextBoolean()) {
                        doc.remove("target");
                    } else {
                        doc.put("target", g.pick(List.of(new Json.Raw("null"), new Json.Raw("5"), List.of(), "just a string")));
                    }
                    return doc;
                }
                default -> throw new IllegalStateException(name());
            }
        }

        String applyText(Generator g, String text) {
            Random r = g.r;
            return switch (this) {
                case TRUNCATE -> text.length() < 2 ? "{" : text.substring(0, 1 + r.nextInt(text.length() - 1));
                case SINGLE_QUOTES -> text.contains("\"") ? text.replace('"', '\'') : "{'a':1}";
                case RAW_CONTROL -> text.length() > 2 && text.indexOf("\":\"") > 0
                        ? text.replaceFirst("\":\"", "\":\"\u0001\u0007") : "{\"a\":\"\u0001\"}";
                case INVALID_UTF8 -> text; // the bytes are spoiled after encoding
                case COMMENT -> "/* fuzz */" + text;
                case LEADING_GARBAGE -> g.pick(List.of(")]}'\n", "x", "\u0000", "while(1);", "<?xml version=\"1.0\"?>")) + text;
                case TRAILING -> text + g.pick(List.of(" x", "}", "{}", " []", ",", "\u0000", "\"", " 1"));
                case EMPTY -> g.pick(List.of("", " ", "\n"));
                case NOT_AN_OBJECT -> g.pick(List.of("[" + text + "]", "null", "\"" + "s" + "\"", "42", "true", "[]", "1e999999", "-"));
                case DUPLICATE_KEY -> text.startsWith("{\"") ? "{\"dup\":1," + text.substring(1).replaceFirst("^}$", "\"dup\":2}") : text;
                case BOM -> "\ufeff" + text;
                default -> text;
            };
        }

        static byte[] invalidUtf8(Random r, byte[] body) {
            byte[] bad = g(r);
            int at = body.length == 0 ? 0 : 1 + r.nextInt(Math.max(1, body.length - 1));
            at = Math.min(at, body.length);
            byte[] out = new byte[body.length + bad.length];
            System.arraycopy(body, 0, out, 0, at);
            System.arraycopy(bad, 0, out, at, bad.length);
            System.arraycopy(body, at, out, at + bad.length, body.length - at);
            return out;
        }

        private static byte[] g(Random r) {
            byte[][] options = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0x80},
                    {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
            return options[r.nextInt(options.length)];
        }
    }

    /**
     * Per operation, a value the service validates before it writes anything, so the request is refused (used as
     * the request's defect). Each one reaches the service's own validation, often a database look-up, with the fuzz
     * strings in it.
     */
    static final class Invalid {

        @FunctionalInterface
        interface Maker {
            void apply(Generator g, Map<String, Object> doc);
        }

        /** If-Match is optional on these: only a wrong value is refused, not a missing one. */
        static final Set<String> OPTIONAL_IF_MATCH = Set.of("PATCH /api/users/{id}", "DELETE /api/w3c/annotations/{id}");

        static final Map<String, Maker> VALUES = new LinkedHashMap<>();

        static {
            VALUES.put("POST /api/session", (g, d) -> {
                // an unknown username (SQL and all): the sign-in looks it up and refuses it
                d.put("username", g.fuzzString() + "~fz" + g.word(6));
                d.put("password", g.fuzzString());
            });
            VALUES.put("POST /api/articles", (g, d) -> {
                d.putIfAbsent("title", g.fuzzString());
                d.putIfAbsent("body", g.fuzzString() + " " + g.word(20));
                switch (g.r.nextInt(4)) {
                    case 0 -> d.put("url", g.pick(List.of("javascript:alert(1)", "ftp://example.org/x", "' OR 1=1--", "http://", "data:,x")));
                    case 1 -> d.put("language", g.pick(List.of("not a tag", "' OR 1=1--", "x".repeat(40), "en_US!")));
                    case 2 -> d.put("title", g.pick(List.of("", " ", "\n")));
                    default -> d.put("publishedAt", g.pick(List.of("not-a-date", "2017-13-45", "2017-02-30T00:00:00Z", "yesterday")));
                }
            });
            VALUES.put("POST /api/articles/{articleId}/annotations", (g, d) -> {
                // a quote that is not the text at the positions (422), or positions that cannot be (400)
                d.remove("claimId");
                if (g.r.nextBoolean()) {
                    int start = g.r.nextInt(60);
                    d.put("start", (long) start);
                    d.put("end", (long) (start + 1 + g.r.nextInt(30)));
                    d.put("exact", g.fuzzString() + "\u2063");
                } else {
                    d.put("start", (long) (g.r.nextInt(50) + 10));
                    d.put("end", (long) g.r.nextInt(10));
                    d.putIfAbsent("exact", g.fuzzString());
                }
            });
            VALUES.put("POST /api/claims/{claimId}/evidence", (g, d) -> {
                if (g.r.nextBoolean()) {
                    d.put("url", g.pick(List.of("javascript:alert(1)", "ftp://x/y", "' OR 1=1--", "//example.org", "http://user:pw@example.org/")));
                } else {
                    d.put("stance", g.fuzzString() + "~");
                    d.putIfAbsent("url", "https://example.org/" + g.word(8));
                }
            });
            VALUES.put("POST /api/claims/{claimId}/comments", (g, d) -> d.put("body", g.pick(List.of("", " ", "\n\t", "x".repeat(10_001)))));
            VALUES.put("PATCH /api/comments/{id}", (g, d) -> d.put("body", g.pick(List.of("", " ", "x".repeat(10_001)))));
            VALUES.put("PATCH /api/claims/{id}", (g, d) -> {
                switch (g.r.nextInt(3)) {
                    case 0 -> d.put("assignee", g.fuzzString() + "~fz" + g.word(6));
                    case 1 -> d.put("status", g.pick(List.of("published", "closed", "' OR 1=1--", "in review")));
                    default -> d.put("claimDate", g.pick(List.of("2017-13-45", "yesterday", "2017-02-30", "' OR 1=1--")));
                }
            });
            VALUES.put("PUT /api/claims/{id}/verdict", (g, d) -> d.put("rating", g.fuzzString() + "~"));
            VALUES.put("POST /api/claims/{id}/verdict/return", (g, d) -> {
                // the fixture's claim is in progress, not in review: nothing to return (409)
            });
            VALUES.put("POST /api/claims/{id}/verdict/publish", (g, d) -> {
                // the fixture's claim is in progress, not in review: nothing to publish (409)
            });
            VALUES.put("POST /api/users", (g, d) -> {
                d.putIfAbsent("username", g.fuzzString());
                if (g.r.nextBoolean()) {
                    d.put("role", g.fuzzString() + "~");
                } else {
                    d.put("password", g.pick(List.of("short", "", "aaaaaaaaaaaa", "\u00e9".repeat(40))));
                }
            });
            VALUES.put("PATCH /api/users/{id}", (g, d) -> d.put("role", g.fuzzString() + "~"));
            VALUES.put("POST /api/tokens", (g, d) -> d.put("name", g.pick(List.of("", " ", "\n", "n".repeat(201)))));
            VALUES.put("PUT /api/articles/{id}/presence", (g, d) -> d.put("clientId", g.pick(List.of("short", "", "x".repeat(65),
                    g.fuzzString() + "!", "tab with spaces", "../../etc"))));
            VALUES.put("DELETE /api/articles/{id}/presence/{clientId}", (g, d) -> {
                // path: a tab id nobody has (see path())
            });
            VALUES.put("POST /api/mentions/read", (g, d) -> {
                // query: a claim id that is no number or names no claim (see query())
            });
            VALUES.put("POST /api/w3c/articles/{articleId}/annotations", (g, d) -> w3cWrongSource(g, d));
            VALUES.put("PUT /api/w3c/annotations/{id}", (g, d) -> w3cWrongSource(g, d));
        }

        static void w3cWrongSource(Generator g, Map<String, Object> d) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("source", g.pick(List.of("https://evil.example/api/articles/" + g.f.article(), g.fuzzString(),
                    g.f.articleIri().replace("/articles/", "/claims/"), g.f.articleIri() + "0")));
            target.put("selector", Map.of("type", "TextPositionSelector", "start", 0, "end", 3));
            d.put("target", target);
        }
    }

    /** A small JSON writer that can write what a strict reader must refuse: lone surrogates, NUL, raw literals. */
    static final class Json {
        record Raw(String text) {
        }

        static String write(Object value) {
            StringBuilder s = new StringBuilder();
            write(s, value);
            return s.toString();
        }

        @SuppressWarnings("unchecked")
        static void write(StringBuilder s, Object value) {
            if (value == null) {
                s.append("null");
            } else if (value instanceof Raw raw) {
                s.append(raw.text());
            } else if (value instanceof String str) {
                s.append('"');
                for (int i = 0; i < str.length(); i++) {
                    char c = str.charAt(i);
                    if (c == '"' || c == '\\') {
                        s.append('\\').append(c);
                    } else if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < str.length() && Character.isLowSurrogate(str.charAt(i + 1))) {
                        s.append(c).append(str.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        s.append(String.format("\\u%04x", (int) c)); // a lone surrogate, escaped: valid JSON text, not Unicode
                    } else {
                        s.append(c);
                    }
                }
                s.append('"');
            } else if (value instanceof Map<?, ?> map) {
                s.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        s.append(',');
                    }
                    first = false;
                    write(s, String.valueOf(e.getKey()));
                    s.append(':');
                    write(s, e.getValue());
                }
                s.append('}');
            } else if (value instanceof List<?> list) {
                s.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        s.append(',');
                    }
                    write(s, list.get(i));
                }
                s.append(']');
            } else {
                s.append(value);
            }
        }
    }

    // ==== sending ==================================================================================================

    record Answer(int status, Map<String, String> headers, String body, long millis, boolean timedOut) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** One HTTP/1.1 request written byte for byte (so no client library tidies it), read back with a time limit. */
    static Answer send(Req req) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((req.method + " " + req.target + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port
                    + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
            boolean hasAccept = false;
            for (String[] h : req.headers) {
                head.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
                hasAccept |= h[0].equalsIgnoreCase("Accept");
            }
            if (!hasAccept) {
                // what the operation answers (its OpenAPI responses), and problems
                String accept = req.op == null ? "application/json" : req.op.produces().isEmpty() ? "*/*"
                        : String.join(", ", req.op.produces());
                head.writeBytes(("Accept: " + accept + ", application/problem+json\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (req.body != null) {
                head.writeBytes(("Content-Length: " + req.body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            } else if (!SAFE_METHODS.contains(req.method)) {
                head.writeBytes("Content-Length: 0\r\n".getBytes(StandardCharsets.UTF_8));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (req.body != null) {
                try {
                    out.write(req.body);
                } catch (IOException e) {
                    // the service may answer (413, 400) and close before it has read everything: read that answer
                }
            }
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            String statusLine;
            Map<String, String> headers = new HashMap<>();
            try {
                statusLine = readLine(in);
                if (statusLine == null) {
                    throw new IOException("the connection closed without an answer");
                }
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                                (a, b) -> a + ", " + b);
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Answer(0, headers, "", (System.nanoTime() - started) / 1_000_000, true);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            String body;
            boolean timedOut = false;
            try {
                body = readBody(req, socket, in, status, headers);
            } catch (SocketTimeoutException e) {
                body = "";
                timedOut = true;
            }
            return new Answer(status, headers, body, (System.nanoTime() - started) / 1_000_000, timedOut);
        }
    }

    static String readBody(Req req, Socket socket, InputStream in, int status, Map<String, String> headers) throws IOException {
        if (req.method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
            return "";
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            // a live stream: read its first event (or two seconds of it), then hang up
            socket.setSoTimeout(2_000);
            try {
                int b;
                while (body.size() < 65_536 && (b = in.read()) >= 0) {
                    body.write(b);
                    if (body.toString(StandardCharsets.UTF_8).contains("\n\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // nothing more yet: fine for a stream
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            while (body.size() < MAX_BODY_READ) {
                String size = readLine(in);
                if (size == null) {
                    break;
                }
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                if (n == 0) {
                    break;
                }
                body.writeBytes(in.readNBytes(n));
                readLine(in);
            }
        } else if (headers.containsKey("content-length")) {
            long n = Long.parseLong(headers.get("content-length"));
            body.writeBytes(in.readNBytes((int) Math.min(n, MAX_BODY_READ)));
        } else {
            body.writeBytes(in.readNBytes(MAX_BODY_READ));
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
            if (line.size() > 65_536) {
                throw new IOException("header line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    // ==== checking an answer =======================================================================================

    /** What may only come from a stack trace, an SQL statement, the database or the code's own names. */
    static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat (org|java|jakarta|io|com|sun|jdk)\\.[\\w$.]+\\("), Pattern.compile("at org\\."),
            Pattern.compile("\\.java:\\d*"), Pattern.compile("Exception"), Pattern.compile("SQLState", Pattern.CASE_INSENSITIVE),
            Pattern.compile("ERROR: "), Pattern.compile("syntax error", Pattern.CASE_INSENSITIVE), Pattern.compile("org\\.postgresql"),
            Pattern.compile("PSQL"), Pattern.compile("hibernate", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bselect\\s", Pattern.CASE_INSENSITIVE), Pattern.compile("insert into", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bupdate\\s+\\w+\\s+set\\b", Pattern.CASE_INSENSITIVE), Pattern.compile("delete from", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(org|java|jakarta|io\\.quarkus|io\\.vertx|io\\.smallrye|com\\.fasterxml)\\.[a-z]+\\.[\\w.]*[A-Z]\\w*"),
            Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[\\w.]*\\$\\w+"), Pattern.compile("relation \"\\w+\""),
            Pattern.compile("column \"\\w+\""), Pattern.compile("violates .*constraint"));

    /** In a successful answer the desk's own data shows, which may quote anything: only what data cannot look like. */
    static final List<Pattern> SUCCESS_LEAKS = List.of(
            Pattern.compile("\\bat (org|java|jakarta|io|com|sun|jdk)\\.[\\w$.]+\\([\\w$]+\\.java:\\d+\\)"),
            Pattern.compile("org\\.postgresql\\.util\\.PSQLException"), Pattern.compile("SQLState: "),
            Pattern.compile("org\\.hibernate\\.\\w+"), Pattern.compile("org\\.factcheck\\.workbench\\.\\w+"));

    /** Writes that answer 2xx while changing nothing: refusals item by item, and removals of nothing. */
    static boolean acceptedWithoutChange(Req req, Answer answer) {
        String key = req.opKey();
        return switch (key) {
            case "POST /api/import/claims" -> answer.body().contains("\"imported\":0");
            case "POST /api/articles/import" -> answer.body().contains("\"created\":0") && answer.body().contains("\"duplicates\":0");
            case "DELETE /api/articles/{id}/presence/{clientId}", "POST /api/mentions/read" -> answer.status() == 204;
            default -> false;
        };
    }

    static void check(Req req, Answer answer, Stats stats) {
        stats.record(req, answer);
        if (answer.timedOut()) {
            stats.fail(req, "no answer within " + READ_TIMEOUT_MS + " ms (a hang)");
            return;
        }
        int status = answer.status();
        if (status >= 500) {
            stats.fail(req, "answered " + status + ": " + abbreviate(answer.body(), 500));
            return;
        }
        String sent = req.sentText();
        String sentLower = sent.toLowerCase(Locale.ROOT);
        List<Pattern> leaks = status >= 400 || status < 200 ? LEAKS : SUCCESS_LEAKS;
        for (Pattern leak : leaks) {
            java.util.regex.Matcher m = leak.matcher(answer.body());
            while (m.find()) {
                // a word the request itself carried and the answer echoes (a field name, a quote) is no leak
                if (!sentLower.contains(m.group().toLowerCase(Locale.ROOT))) {
                    stats.fail(req, "answer " + status + " gives away \"" + m.group() + "\": " + abbreviate(answer.body(), 600));
                    return;
                }
            }
        }
        if (status >= 400 && !req.method.equals("HEAD")) {
            String problem = problemIssue(answer);
            boolean httpLayer = req.rawInvalid && status == 400 || req.lineTooLong() && status == 414;
            if (httpLayer) {
                stats.httpLayer.incrementAndGet();
            }
            if (problem != null && !httpLayer) {
                stats.fail(req, "error " + status + " is not a problem document (" + problem + "): " + answer.contentType() + " "
                        + abbreviate(answer.body(), 300));
                return;
            }
        }
        boolean write = !SAFE_METHODS.contains(req.method.toUpperCase(Locale.ROOT)) || req.op != null && req.op.mutating();
        if (write && status >= 200 && status < 300 && !acceptedWithoutChange(req, answer)) {
            stats.fail(req, "a request that carries " + req.hard + " was accepted: " + status + " " + abbreviate(answer.body(), 300));
        }
    }

    static String problemIssue(Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "content type";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status()) {
                return "status member";
            }
            if (problem.path("title").asText("").isBlank()) {
                return "title member";
            }
            return null;
        } catch (IOException e) {
            return "not JSON";
        }
    }

    static final class Stats {
        final AtomicInteger sent = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> hard = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> methods = new ConcurrentHashMap<>();
        final Map<String, Map<Integer, AtomicInteger>> perOp = new ConcurrentHashMap<>();
        final Set<String> ops = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong slowestMs = new AtomicLong();
        /** Refused by the HTTP layer before any route (a bare 400 or 414), as the platform does. */
        final AtomicInteger httpLayer = new AtomicInteger();

        void record(Req req, Answer answer) {
            sent.incrementAndGet();
            statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
            for (Hard h : req.hard) {
                hard.computeIfAbsent(h.name(), k -> new AtomicInteger()).incrementAndGet();
            }
            methods.computeIfAbsent(req.method.length() > 10 ? "long" : req.method, k -> new AtomicInteger()).incrementAndGet();
            ops.add(req.opKey());
            perOp.computeIfAbsent(req.opKey(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
            slowestMs.accumulateAndGet(answer.millis(), Math::max);
        }

        void fail(Req req, String what) {
            failures.add(what + "\n    request " + req.describe(false) + (req.index >= 0 ? "\n    replay: -Dfuzz.seed=" + SEED
                    + " -Dfuzz.only=" + req.index : ""));
        }

        Map<Integer, Integer> histogram() {
            Map<Integer, Integer> h = new TreeMap<>();
            statuses.forEach((k, v) -> h.put(k, v.get()));
            return h;
        }

        Map<String, Integer> hardHistogram() {
            Map<String, Integer> h = new TreeMap<>();
            hard.forEach((k, v) -> h.put(k, v.get()));
            return h;
        }

        Map<String, Integer> methodHistogram() {
            Map<String, Integer> h = new TreeMap<>();
            methods.forEach((k, v) -> h.put(k, v.get()));
            return h;
        }

        Set<String> operations() {
            return new TreeSet<>(ops);
        }
    }

    // ==== the data, before and after ===============================================================================

    /**
     * Columns left out of the checksums, each changed by legitimate bookkeeping on every authenticated request:
     * a bearer token's last use, a cookie session's last sign of life and the idle expiry that follows it (both
     * written by CredentialStore at most once a minute per credential). Everything else of those rows counts: a new,
     * revoked or renamed token or session is caught.
     */
    static final Map<String, List<String>> BOOKKEEPING_COLUMNS = Map.of(
            "api_token", List.of("last_used_at"),
            "user_session", List.of("last_seen_at", "expires_at"));

    /**
     * Tables checked differently or not at all:
     * <ul>
     * <li>login_throttle: every refused sign-in counts a failure against its username, by design (the fuzz signs in
     * only with usernames nobody has), and a scheduled job removes old windows; its rows are not desk data.</li>
     * <li>presence: readers not renewed for 45 s are swept by a scheduled job on its own clock, so rows left by
     * earlier tests may go during the fuzz. Checked instead: no row appears or changes.</li>
     * <li>event: append-only (a trigger refuses changes), and the sweep above appends a presence.left for each reader it
     * removes. Checked instead: the rows that were there are unchanged, and every new one is a presence.left of a
     * reader that was swept.</li>
     * </ul>
     */
    static final Set<String> CHECKED_APART = Set.of("login_throttle", "presence", "event");

    record Snapshot(Map<String, String> tables, long lastEvent, Set<String> presence, List<String> newEvents) {

        void assertUnchanged(Snapshot after) {
            assertThat(after.tables()).as("checksums of the application's tables (count:md5)").isEqualTo(tables);
            Set<String> appeared = new TreeSet<>(after.presence());
            appeared.removeAll(presence);
            assertThat(appeared).as("presence rows that appeared or changed during the fuzz").isEmpty();
            // readers the sweep removed: user|article
            Set<String> swept = new HashSet<>();
            for (String row : presence) {
                if (!after.presence().contains(row)) {
                    String[] f = row.split("\\|");
                    swept.add(f[1] + "|" + f[2]);
                }
            }
            for (String event : after.newEvents()) {
                String[] f = event.split("\\|");
                assertThat(f[0].equals("presence.left") && swept.contains(f[1] + "|" + f[2]))
                        .as("an event written during the fuzz that is not the sweep of a stale reader: %s", event).isTrue();
            }
        }
    }

    Snapshot snapshot() throws SQLException {
        return snapshot(null);
    }

    /** Checksums of every table, the presence rows, and the events written after {@code since} (when given). */
    Snapshot snapshot(Snapshot since) throws SQLException {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as("application tables").contains("article", "claim", "verdict", "annotation", "evidence",
                    "comment", "app_user", "api_token", "user_session", "event");
            for (String table : tables) {
                if (CHECKED_APART.contains(table)) {
                    continue;
                }
                sums.put(table, checksum(c, table, BOOKKEEPING_COLUMNS.getOrDefault(table, List.of()), ""));
            }
            long lastEvent;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM event"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastEvent = rs.getLong(1);
            }
            long eventsFrom = since == null ? lastEvent : since.lastEvent();
            sums.put("event (rows that were there)", checksum(c, "event", List.of(), " WHERE id <= " + eventsFrom));
            Set<String> presence = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT client_id || '|' || user_id || '|' || article_id || '|' || seen_at"
                    + " FROM presence"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    presence.add(rs.getString(1));
                }
            }
            List<String> newEvents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT type || '|' || coalesce(actor_id, 0) || '|' || coalesce(article_id, 0)"
                    + " FROM event WHERE id > ? ORDER BY id")) {
                ps.setLong(1, eventsFrom);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        newEvents.add(rs.getString(1));
                    }
                }
            }
            return new Snapshot(sums, lastEvent, presence, newEvents);
        }
    }

    static String checksum(Connection c, String table, List<String> leftOut, String where) throws SQLException {
        String drop = leftOut.isEmpty() ? "" : " - ARRAY[" + String.join(",", leftOut.stream().map(x -> "'" + x + "'").toList()) + "]::text[]";
        String sql = "SELECT count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') FROM (SELECT (to_jsonb(t)" + drop
                + ")::text AS r FROM \"" + table + "\" t" + where + ") x";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + ":" + rs.getString(2);
        }
    }

    /** Records what the service logs at ERROR (in this JVM, through java.util.logging) while it is watched. */
    static final class ErrorLog extends java.util.logging.Handler {
        private final ConcurrentLinkedQueue<String> records = new ConcurrentLinkedQueue<>();

        static ErrorLog watch() {
            ErrorLog log = new ErrorLog();
            java.util.logging.Logger.getLogger("").addHandler(log);
            return log;
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                String thrown = record.getThrown() == null ? "" : ": " + record.getThrown();
                records.add(record.getLoggerName() + " " + abbreviate(String.valueOf(record.getMessage()), 300) + thrown);
            }
        }

        void stop() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }

        List<String> records() {
            return new ArrayList<>(records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    // ==== small helpers ============================================================================================

    /** What Quarkus's HTTP layer checks before any route: the request target must parse as a URI. */
    static boolean isUri(String target) {
        try {
            new java.net.URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String mediaTypeOf(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    static String unquote(String etag) {
        String e = etag.startsWith("W/") ? etag.substring(2) : etag;
        return e.replace("\"", "");
    }

    static String decodePercent(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() > max ? flat.substring(0, max) + "…(" + s.length() + " chars)" : flat;
    }
}
