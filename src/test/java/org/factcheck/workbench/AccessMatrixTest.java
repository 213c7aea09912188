package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.addEvidence;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ApiClient.unique;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ApiClient.withToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the API, for every kind of caller, with the exact status expected: anonymous 401, a role too low
 * 403, an allowed role the endpoint's success status, and for per-owner actions the same action on another user's
 * resource. The endpoint list comes from the running service's OpenAPI document and the expectations from
 * {@code src/test/resources/access-matrix.txt}: an endpoint without a line there (or a line without an endpoint) fails
 * the build. Then the same rules through the session cookie, with and without the XSRF header, and address tricks that
 * must never let an anonymous or too-low request through.
 */
@QuarkusTest
class AccessMatrixTest {

    static final List<String> ROLES = List.of("viewer", "analyst", "reviewer", "admin");
    static final String STATEMENT = "The minister said that 28 fighters died";
    static final String ANNO = "http://www.w3.org/ns/anno.jsonld";
    static final String LD_JSON = "application/ld+json";
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    // ---- the matrix -------------------------------------------------------------------------------------------

    /** One cell of a role: the status on the caller's own resource, and (per-owner actions) on another user's. */
    record Cell(int own, Integer other) {
        static Cell parse(String text) {
            String[] parts = text.split("/");
            return new Cell(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : null);
        }
    }

    record Row(String method, String path, int anonymous, Map<String, Cell> roles) {
        String key() {
            return method + " " + path;
        }
    }

    static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.txt")) {
            assertThat(in).as("src/test/resources/access-matrix.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                assertThat(f).as("matrix line: %s", l).hasSize(7);
                Map<String, Cell> roles = new LinkedHashMap<>();
                for (int i = 0; i < ROLES.size(); i++) {
                    roles.put(ROLES.get(i), Cell.parse(f[3 + i]));
                }
                rows.add(new Row(f[0].toUpperCase(Locale.ROOT), f[1], Integer.parseInt(f[2]), roles));
            }
        }
        return rows;
    }

    /** Every path x method under /api that the service's OpenAPI document lists. */
    static Set<String> openApiEndpoints() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").accept("application/json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> endpoints = new TreeSet<>();
        paths.forEach((path, item) -> {
            if (path.equals("/api") || path.startsWith("/api/")) {
                item.keySet().stream().filter(HTTP_METHODS::contains)
                        .forEach(m -> endpoints.add(m.toUpperCase(Locale.ROOT) + " " + path));
            }
        });
        return endpoints;
    }

    @Test
    void everyEndpointHasALineInTheMatrixAndEveryLineAnEndpoint() throws IOException {
        Set<String> documented = openApiEndpoints();
        Set<String> inMatrix = new TreeSet<>();
        for (Row row : matrix()) {
            assertThat(inMatrix.add(row.key())).as("listed twice in the matrix: %s", row.key()).isTrue();
        }
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(inMatrix);
        Set<String> gone = new TreeSet<>(inMatrix);
        gone.removeAll(documented);
        assertThat(missing).as("endpoints without a line in src/test/resources/access-matrix.txt").isEmpty();
        assertThat(gone).as("matrix lines whose endpoint the service no longer has").isEmpty();
        assertThat(RECIPES.keySet()).as("every matrix line has a request recipe in AccessMatrixTest")
                .containsExactlyInAnyOrderElementsOf(inMatrix);
    }

    @Test
    void everyCellAnswersItsExpectedStatus() throws IOException {
        Set<String> documented = openApiEndpoints();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        int endpoints = 0;
        for (Row row : matrix()) {
            Recipe recipe = RECIPES.get(row.key());
            if (recipe == null || !documented.contains(row.key())) {
                failures.add(row.key() + ": no recipe or not in the OpenAPI document");
                continue;
            }
            endpoints++;
            cells += check(row, new Caller(null, false), row.anonymous(), recipe, failures);
            for (String role : ROLES) {
                Cell cell = row.roles().get(role);
                cells += check(row, new Caller(role, false), cell.own(), recipe, failures);
                if (cell.other() != null) {
                    cells += check(row, new Caller(role, true), cell.other(), recipe, failures);
                }
            }
        }
        System.out.printf("Access matrix: %d endpoints, %d cells checked, %d failed%n", endpoints, cells, failures.size());
        assertThat(failures).as("cells whose answer differs from the matrix").isEmpty();
        assertThat(endpoints).isGreaterThanOrEqualTo(50);
    }

    private static int check(Row row, Caller caller, int expected, Recipe recipe, List<String> failures) {
        String where = row.key() + " as " + caller;
        try {
            Result result = recipe.call(caller);
            List<String> wrong = result.problemsWith(expected);
            wrong.forEach(w -> failures.add(where + ": " + w));
        } catch (RuntimeException | AssertionError e) {
            failures.add(where + ": " + e);
        }
        return 1;
    }

    // ---- callers and answers ------------------------------------------------------------------------------------

    /** Anonymous (role null) or the test run's user of a role; {@code other}: the resource belongs to someone else. */
    record Caller(String role, boolean other) {

        RequestSpecification bare() {
            RequestSpecification spec = given().redirects().follow(false);
            return role == null ? spec : spec.header("Authorization", "Bearer " + tokenOf(role));
        }

        RequestSpecification json() {
            return bare().contentType(ContentType.JSON);
        }

        String token() {
            return role == null ? null : tokenOf(role);
        }

        /** The role's user, or (other) another user of the same role: whose resource the call acts on. */
        RequestSpecification owner() {
            if (role == null) {
                return as("analyst");
            }
            return other ? withToken(otherToken(role)) : as(role);
        }

        @Override
        public String toString() {
            return role == null ? "anonymous" : role + (other ? " on another " + role + "'s resource" : "");
        }
    }

    record Result(int status, String contentType, String body) {

        static Result of(Response r) {
            return new Result(r.statusCode(), r.contentType(), r.asString());
        }

        List<String> problemsWith(int expected) {
            return problemsWith(expected, null);
        }

        /** What is wrong with this answer, given the expected status (and problem type; null: the status's usual one). */
        List<String> problemsWith(int expected, String expectedType) {
            List<String> wrong = new ArrayList<>();
            if (status != expected) {
                wrong.add("expected " + expected + " but was " + status + " " + abbreviate(body));
                return wrong;
            }
            if (status >= 400) {
                if (contentType == null || !contentType.startsWith(ProblemAssertions.PROBLEM_JSON)) {
                    wrong.add("error without a problem document: " + contentType);
                }
                String type = expectedType != null ? expectedType : switch (status) {
                    case 401 -> "urn:workbench:problem:unauthenticated";
                    case 403 -> "urn:workbench:problem:forbidden";
                    case 404 -> "urn:workbench:problem:not-found";
                    case 409 -> "urn:workbench:problem:conflict";
                    default -> null;
                };
                if (type != null && !body.contains("\"" + type + "\"")) {
                    wrong.add("problem type is not " + type + ": " + abbreviate(body));
                }
                for (String leak : ProblemAssertions.LEAKS) {
                    if (body.contains(leak)) {
                        wrong.add("problem body gives away " + leak);
                    }
                }
            }
            return wrong;
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @FunctionalInterface
    interface Recipe {
        Result call(Caller c);
    }

    static Recipe rest(Function<Caller, Response> call) {
        return c -> Result.of(call.apply(c));
    }

    // ---- fixtures -----------------------------------------------------------------------------------------------

    /** Another user of each role (for per-owner cells) and their tokens. */
    private static final Map<String, String> OTHER_TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Long> SHARED = new ConcurrentHashMap<>();

    static String otherToken(String role) {
        return OTHER_TOKENS.computeIfAbsent(role, r -> newAccount(r).token());
    }

    static String otherUsername(String role) {
        return withToken(otherToken(role)).get("/api/session").then().statusCode(200).extract().path("username");
    }

    static long shared(String name, java.util.function.Supplier<Long> make) {
        return SHARED.computeIfAbsent(name, n -> make.get());
    }

    /** An article with a claim (highlighted at 0..39) that has a draft verdict, a piece of evidence and a comment. */
    static long article() {
        return shared("article", () -> freshArticle());
    }

    static long annotation() {
        return shared("annotation", () -> annotate(article(), 0, STATEMENT.length(), STATEMENT).then().statusCode(201)
                .extract().jsonPath().getLong("id"));
    }

    static long claim() {
        return shared("claim", () -> {
            long claim = as("viewer").get("/api/annotations/" + annotation()).then().statusCode(200)
                    .extract().jsonPath().getLong("claimId");
            setVerdict("analyst", claim, "false", "No count supports it.").then().statusCode(200);
            return claim;
        });
    }

    /** A claim that the writing cells change (its ETag is read before each change). */
    static long writableClaim() {
        return shared("writable-claim", AccessMatrixTest::freshClaim);
    }

    static long evidence() {
        return shared("evidence", () -> addEvidence(claim(), "https://example.org/matrix/" + UUID.randomUUID()));
    }

    static long comment() {
        return shared("comment", () -> ApiClient.addComment(as("analyst"), claim(), "A comment of the matrix"));
    }

    static long user() {
        return shared("user", () -> newAccount("viewer").id());
    }

    static long freshArticle() {
        return createArticle(STATEMENT + ".");
    }

    static long freshAnnotation() {
        return annotate(freshArticle(), 0, STATEMENT.length(), STATEMENT).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long freshClaim() {
        return annotate(freshArticle(), 0, STATEMENT.length(), STATEMENT).then().statusCode(201).extract().jsonPath().getLong("claimId");
    }

    /** A claim whose draft verdict (by the test run's analyst) waits for review. */
    static long claimInReview() {
        long claim = freshClaim();
        setVerdict("analyst", claim, "unproven", "Only one source.").then().statusCode(200);
        sendForReview(claim);
        return claim;
    }

    static long commentOf(RequestSpecification author) {
        return ApiClient.addComment(author, claim(), "Comment " + UUID.randomUUID());
    }

    static String commentEtag(long comment) {
        return as("viewer").get("/api/comments/" + comment).then().statusCode(200).extract().header("ETag");
    }

    static long tokenOfOwner(RequestSpecification owner) {
        return owner.body(Map.of("name", "matrix " + UUID.randomUUID())).post("/api/tokens").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static String tab() {
        return "tab-" + UUID.randomUUID().toString().replace("-", "");
    }

    static String articleIri(long articleId) {
        return RestAssured.baseURI + ":" + RestAssured.port + "/api/articles/" + articleId;
    }

    static Map<String, Object> w3cAnnotation(long articleId) {
        return Map.of("@context", ANNO, "type", "Annotation", "target", Map.of("source", articleIri(articleId),
                "selector", List.of(Map.of("type", "TextPositionSelector", "start", 0, "end", STATEMENT.length()))));
    }

    static String w3cEtag(long annotation) {
        return as("viewer").accept(LD_JSON).get("/api/w3c/annotations/" + annotation).then().statusCode(200)
                .extract().header("ETag");
    }

    static Map<String, Object> newArticle() {
        String word = uniqueWord();
        return Map.of("title", "Matrix article " + word, "body", "A body for the access matrix, " + word + ".");
    }

    static String exportLine() {
        claim();
        String ndjson = as("viewer").queryParam("format", "ndjson").queryParam("state", "all").queryParam("articleId", article())
                .get("/api/export/verdicts").then().statusCode(200).extract().asString();
        return ndjson.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow();
    }

    static Result sse(Caller c, String sessionCookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20));
        if (c != null && c.token() != null) {
            request.header("Authorization", "Bearer " + c.token());
        }
        if (sessionCookie != null) {
            request.header("Cookie", "wb_session=" + sessionCookie);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            String body = "";
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (response.statusCode() == 200 && (type == null || !type.startsWith("text/event-stream"))) {
                return new Result(-1, type, "the event stream answered with " + type);
            }
            return new Result(response.statusCode(), type, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    // ---- one request per endpoint ------------------------------------------------------------------------------

    static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();

    static {
        // annotations
        RECIPES.put("GET /api/annotations/{id}", rest(c -> c.json().get("/api/annotations/" + annotation())));
        RECIPES.put("DELETE /api/annotations/{id}", rest(c -> c.json().delete("/api/annotations/" + freshAnnotation())));
        RECIPES.put("GET /api/articles/{articleId}/annotations", rest(c -> c.json().get("/api/articles/" + article() + "/annotations")));
        RECIPES.put("POST /api/articles/{articleId}/annotations", rest(c -> c.json()
                .body(Map.of("start", 0, "end", STATEMENT.length(), "exact", STATEMENT))
                .post("/api/articles/" + article() + "/annotations")));

        // articles
        RECIPES.put("GET /api/articles", rest(c -> c.json().queryParam("limit", 1).get("/api/articles")));
        RECIPES.put("POST /api/articles", rest(c -> c.json().body(newArticle()).post("/api/articles")));
        RECIPES.put("GET /api/articles/{id}", rest(c -> c.json().get("/api/articles/" + article())));
        RECIPES.put("DELETE /api/articles/{id}", rest(c -> c.json().delete("/api/articles/" + freshArticle())));
        RECIPES.put("POST /api/articles/import", rest(c -> c.bare()
                .multiPart("file", "matrix-" + uniqueWord() + ".txt",
                        ("Imported by the matrix " + uniqueWord() + "\n\nA body " + UUID.randomUUID() + ".")
                                .getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/articles/import")));

        // presence
        RECIPES.put("GET /api/articles/{id}/presence", rest(c -> c.json().get("/api/articles/" + article() + "/presence")));
        RECIPES.put("PUT /api/articles/{id}/presence", rest(c -> {
            String tab = tab();
            if (c.other()) {
                c.owner().body(Map.of("clientId", tab)).put("/api/articles/" + article() + "/presence").then().statusCode(204);
            }
            return c.json().body(Map.of("clientId", tab)).put("/api/articles/" + article() + "/presence");
        }));
        RECIPES.put("DELETE /api/articles/{id}/presence/{clientId}", c -> {
            String tab = tab();
            long article = freshArticle();
            if (c.role() != null) {
                c.owner().body(Map.of("clientId", tab)).put("/api/articles/" + article + "/presence").then().statusCode(204);
            }
            Result result = Result.of(c.json().delete("/api/articles/" + article + "/presence/" + tab));
            if (c.other()) {
                List<String> readers = as("viewer").get("/api/articles/" + article + "/presence").then().statusCode(200)
                        .extract().jsonPath().getList("items.username", String.class);
                if (!readers.contains(otherUsername(c.role()))) {
                    return new Result(-1, null, "another user's tab was removed: " + readers);
                }
            }
            return result;
        });

        // claims, verdicts, history
        RECIPES.put("GET /api/claims", rest(c -> c.json().queryParam("limit", 1).get("/api/claims")));
        RECIPES.put("GET /api/claims/{id}", rest(c -> c.json().get("/api/claims/" + claim())));
        RECIPES.put("PATCH /api/claims/{id}", rest(c -> c.json().header("If-Match", etagOf(writableClaim()))
                .body(Map.of("claimant", unique("Claimant"))).patch("/api/claims/" + writableClaim())));
        RECIPES.put("PUT /api/claims/{id}/verdict", rest(c -> c.json().header("If-Match", etagOf(writableClaim()))
                .body(Map.of("rating", "false", "explanation", unique("Explanation"))).put("/api/claims/" + writableClaim() + "/verdict")));
        RECIPES.put("POST /api/claims/{id}/verdict/publish", rest(c -> {
            long claim = claimInReview();
            return c.bare().header("If-Match", etagOf(claim)).post("/api/claims/" + claim + "/verdict/publish");
        }));
        RECIPES.put("POST /api/claims/{id}/verdict/return", rest(c -> {
            long claim = claimInReview();
            return c.json().header("If-Match", etagOf(claim)).body(Map.of("comment", "Please cite a second source."))
                    .post("/api/claims/" + claim + "/verdict/return");
        }));
        RECIPES.put("GET /api/claims/{id}/history", rest(c -> c.json().get("/api/claims/" + claim() + "/history")));
        RECIPES.put("GET /api/claims/{id}/verdicts", rest(c -> c.json().get("/api/claims/" + claim() + "/verdicts")));
        RECIPES.put("GET /api/claims/{id}/verdicts/{revision}", rest(c -> c.json().get("/api/claims/" + claim() + "/verdicts/1")));
        RECIPES.put("GET /api/ratings", rest(c -> c.json().get("/api/ratings")));

        // evidence
        RECIPES.put("GET /api/claims/{claimId}/evidence", rest(c -> c.json().get("/api/claims/" + claim() + "/evidence")));
        RECIPES.put("POST /api/claims/{claimId}/evidence", rest(c -> c.json()
                .body(Map.of("url", "https://example.org/source/" + UUID.randomUUID(), "stance", "supports", "title", "A source"))
                .post("/api/claims/" + claim() + "/evidence")));
        RECIPES.put("GET /api/evidence/{id}", rest(c -> c.json().get("/api/evidence/" + evidence())));
        RECIPES.put("DELETE /api/evidence/{id}", rest(c -> c.json()
                .delete("/api/evidence/" + addEvidence(claim(), "https://example.org/gone/" + UUID.randomUUID()))));

        // discussion
        RECIPES.put("GET /api/claims/{claimId}/comments", rest(c -> c.json().get("/api/claims/" + claim() + "/comments")));
        RECIPES.put("POST /api/claims/{claimId}/comments", rest(c -> c.json().body(Map.of("body", unique("A remark")))
                .post("/api/claims/" + claim() + "/comments")));
        RECIPES.put("GET /api/comments/{id}", rest(c -> c.json().get("/api/comments/" + comment())));
        RECIPES.put("PATCH /api/comments/{id}", rest(c -> {
            long comment = commentOf(c.role() == null || c.role().equals("viewer") ? as("analyst") : c.owner());
            return c.json().header("If-Match", commentEtag(comment)).body(Map.of("body", unique("Edited")))
                    .patch("/api/comments/" + comment);
        }));
        RECIPES.put("DELETE /api/comments/{id}", rest(c -> {
            long comment = commentOf(c.role() == null || c.role().equals("viewer") ? as("analyst") : c.owner());
            return c.json().header("If-Match", commentEtag(comment)).delete("/api/comments/" + comment);
        }));
        RECIPES.put("GET /api/mentions", rest(c -> c.json().get("/api/mentions")));
        RECIPES.put("POST /api/mentions/read", rest(c -> c.bare().post("/api/mentions/read")));
        RECIPES.put("GET /api/directory", rest(c -> c.json().get("/api/directory")));

        // live updates, export, import
        RECIPES.put("GET /api/events", c -> sse(c, null));
        RECIPES.put("GET /api/export/verdicts", rest(c -> c.bare().queryParam("format", "json").queryParam("articleId", article())
                .get("/api/export/verdicts")));
        RECIPES.put("POST /api/import/claims", rest(c -> c.bare().contentType("application/x-ndjson")
                .body(exportLine().getBytes(StandardCharsets.UTF_8))
                .post("/api/import/claims")));
        RECIPES.put("GET /api/admin/archive", rest(c -> c.bare().get("/api/admin/archive")));
        // a restore needs an empty desk: an admin gets 409 on this one, which has content
        RECIPES.put("POST /api/admin/archive", rest(c -> c.bare().contentType("application/x-ndjson")
                .body("{\"kind\":\"workbench-archive\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/archive")));

        // session and tokens
        RECIPES.put("POST /api/session", rest(c -> c.json()
                .body(Map.of("username", sessionUser(), "password", ApiClient.PASSWORD)).post("/api/session")));
        RECIPES.put("GET /api/session", rest(c -> c.json().get("/api/session")));
        RECIPES.put("DELETE /api/session", rest(c -> c.json().delete("/api/session")));
        RECIPES.put("GET /api/tokens", rest(c -> c.json().get("/api/tokens")));
        RECIPES.put("POST /api/tokens", c -> {
            Response created = c.json().body(Map.of("name", "matrix")).post("/api/tokens");
            if (created.statusCode() == 201) {
                c.json().delete("/api/tokens/" + created.jsonPath().getLong("id")); // no pile-up of active tokens
            }
            return Result.of(created);
        });
        RECIPES.put("GET /api/tokens/{id}", rest(c -> {
            long token = tokenOfOwner(c.owner());
            Response r = c.json().get("/api/tokens/" + token);
            c.owner().delete("/api/tokens/" + token);
            return r;
        }));
        RECIPES.put("DELETE /api/tokens/{id}", rest(c -> c.json().delete("/api/tokens/" + tokenOfOwner(c.owner()))));

        // users
        RECIPES.put("GET /api/users", rest(c -> c.json().queryParam("limit", 1).get("/api/users")));
        RECIPES.put("POST /api/users", rest(c -> c.json().body(Map.of("username", "matrix-" + uniqueWord().substring(0, 12),
                "displayName", "Made by the matrix", "password", ApiClient.PASSWORD, "role", "viewer")).post("/api/users")));
        RECIPES.put("GET /api/users/{id}", rest(c -> c.json().get("/api/users/" + user())));
        RECIPES.put("PATCH /api/users/{id}", rest(c -> c.json().body(Map.of("displayName", unique("Renamed")))
                .patch("/api/users/" + user())));

        // W3C Web Annotation protocol
        RECIPES.put("GET /api/w3c/annotations/{id}", rest(c -> c.bare().accept(LD_JSON).get("/api/w3c/annotations/" + annotation())));
        RECIPES.put("OPTIONS /api/w3c/annotations/{id}", rest(c -> c.bare().options("/api/w3c/annotations/" + annotation())));
        RECIPES.put("PUT /api/w3c/annotations/{id}", rest(c -> {
            long annotation = freshAnnotation();
            long articleId = as("viewer").get("/api/annotations/" + annotation).then().extract().jsonPath().getLong("articleId");
            return c.bare().contentType(LD_JSON).accept(LD_JSON).header("If-Match", w3cEtag(annotation))
                    .body(w3cAnnotation(articleId)).put("/api/w3c/annotations/" + annotation);
        }));
        RECIPES.put("DELETE /api/w3c/annotations/{id}", rest(c -> c.bare().delete("/api/w3c/annotations/" + freshAnnotation())));
        RECIPES.put("GET /api/w3c/articles/{articleId}/annotations", rest(c -> c.bare().accept(LD_JSON)
                .get("/api/w3c/articles/" + article() + "/annotations/")));
        RECIPES.put("OPTIONS /api/w3c/articles/{articleId}/annotations", rest(c -> c.bare()
                .options("/api/w3c/articles/" + article() + "/annotations/")));
        RECIPES.put("POST /api/w3c/articles/{articleId}/annotations", rest(c -> c.bare().contentType(LD_JSON).accept(LD_JSON)
                .body(w3cAnnotation(article())).post("/api/w3c/articles/" + article() + "/annotations/")));
    }

    /** A user that signs in for the sign-in cells (its password is ApiClient.PASSWORD). */
    static String sessionUser() {
        return SESSION_USER.computeIfAbsent("user", k -> newAccount("viewer").username());
    }

    private static final Map<String, String> SESSION_USER = new ConcurrentHashMap<>();

    // ---- the session cookie ---------------------------------------------------------------------------------

    @Test
    void theSessionCookieFollowsTheSameRulesAndChangesNeedTheXsrfHeader() {
        Map<String, Session> sessions = new LinkedHashMap<>();
        for (String role : ROLES) {
            sessions.put(role, newAccount(role).signIn());
        }
        Session viewer = sessions.get("viewer");
        Session analyst = sessions.get("analyst");
        Session reviewer = sessions.get("reviewer");
        Session admin = sessions.get("admin");
        List<String> failures = new ArrayList<>();
        int[] cells = {0};
        Function<Response, Result> of = Result::of;
        java.util.function.BiConsumer<String, Object[]> expect = (where, pair) -> {
            cells[0]++;
            Result r = pair[0] instanceof Result res ? res : of.apply((Response) pair[0]);
            int status = (Integer) pair[1];
            r.problemsWith(status, pair.length > 2 ? (String) pair[2] : null).forEach(w -> failures.add(where + ": " + w));
        };

        // Reading needs no header.
        expect.accept("viewer cookie GET /api/articles", new Object[] {viewer.cookieOnly().get("/api/articles?limit=1"), 200});
        expect.accept("viewer cookie GET /api/events", new Object[] {sse(null, viewer.sessionCookie()), 200});
        expect.accept("admin cookie GET /api/users", new Object[] {admin.cookieOnly().get("/api/users?limit=1"), 200});
        expect.accept("viewer cookie GET /api/users", new Object[] {viewer.cookieOnly().get("/api/users?limit=1"), 403});
        expect.accept("forged cookie GET /api/articles",
                new Object[] {given().cookie("wb_session", "forged-" + UUID.randomUUID()).get("/api/articles"), 401});
        expect.accept("forged cookie POST /api/articles", new Object[] {given().contentType(ContentType.JSON)
                .cookie("wb_session", "forged").cookie("XSRF-TOKEN", "x").header("X-XSRF-TOKEN", "x")
                .body(newArticle()).post("/api/articles"), 401});

        // Changes: with the header as the role allows, without it never.
        Map<String, Object> article = newArticle();
        expect.accept("analyst cookie POST /api/articles without header",
                new Object[] {analyst.cookieOnly().body(article).post("/api/articles"), 403, "urn:workbench:problem:csrf"});
        expect.accept("analyst cookie POST /api/articles with header", new Object[] {analyst.request().body(article).post("/api/articles"), 201});
        expect.accept("viewer cookie POST /api/articles with header", new Object[] {viewer.request().body(newArticle()).post("/api/articles"), 403});
        expect.accept("viewer cookie PUT presence without header", new Object[] {viewer.cookieOnly().body(Map.of("clientId", tab()))
                .put("/api/articles/" + article() + "/presence"), 403, "urn:workbench:problem:csrf"});
        expect.accept("viewer cookie PUT presence with header", new Object[] {viewer.request().body(Map.of("clientId", tab()))
                .put("/api/articles/" + article() + "/presence"), 204});

        long toPublish = claimInReview();
        expect.accept("reviewer cookie publish without header", new Object[] {reviewer.cookieOnly().header("If-Match", etagOf(toPublish))
                .post("/api/claims/" + toPublish + "/verdict/publish"), 403, "urn:workbench:problem:csrf"});
        String status = as("viewer").get("/api/claims/" + toPublish).then().extract().path("status");
        if (!"in_review".equals(status)) {
            failures.add("a refused publish changed the claim's status to " + status);
        }
        expect.accept("reviewer cookie publish with header", new Object[] {reviewer.request().header("If-Match", etagOf(toPublish))
                .post("/api/claims/" + toPublish + "/verdict/publish"), 200});
        long other = claimInReview();
        expect.accept("analyst cookie publish with header", new Object[] {analyst.request().header("If-Match", etagOf(other))
                .post("/api/claims/" + other + "/verdict/publish"), 403});

        long doomed = freshArticle();
        expect.accept("admin cookie DELETE article without header",
                new Object[] {admin.cookieOnly().delete("/api/articles/" + doomed), 403, "urn:workbench:problem:csrf"});
        expect.accept("the article is still there", new Object[] {as("viewer").get("/api/articles/" + doomed), 200});
        expect.accept("admin cookie DELETE article with header", new Object[] {admin.request().delete("/api/articles/" + doomed), 204});

        long own = ApiClient.addComment(analyst.request(), claim(), "Own comment");
        expect.accept("analyst cookie PATCH own comment without header", new Object[] {analyst.cookieOnly()
                .header("If-Match", commentEtag(own)).body(Map.of("body", "forged")).patch("/api/comments/" + own), 403,
                "urn:workbench:problem:csrf"});
        expect.accept("analyst cookie PATCH own comment with header", new Object[] {analyst.request()
                .header("If-Match", commentEtag(own)).body(Map.of("body", "edited")).patch("/api/comments/" + own), 200});
        long others = commentOf(as("analyst"));
        expect.accept("analyst cookie DELETE another's comment with header", new Object[] {analyst.request()
                .header("If-Match", commentEtag(others)).delete("/api/comments/" + others), 403});
        expect.accept("admin cookie DELETE another's comment with header", new Object[] {admin.request()
                .header("If-Match", commentEtag(others)).delete("/api/comments/" + others), 204});

        // Signed out, the cookie is worth nothing.
        Session gone = newAccount("analyst").signIn();
        expect.accept("sign out with header", new Object[] {gone.request().delete("/api/session"), 204});
        expect.accept("signed-out cookie GET", new Object[] {gone.cookieOnly().get("/api/articles"), 401});
        expect.accept("signed-out cookie POST with header", new Object[] {gone.request().body(newArticle()).post("/api/articles"), 401});

        System.out.printf("Access matrix, session cookie: %d cells checked, %d failed%n", cells[0], failures.size());
        assertThat(failures).isEmpty();
    }

    // ---- address tricks -----------------------------------------------------------------------------------------

    static final List<String> ARTICLE_TRICKS = List.of("//api/articles", "/api/./articles", "/api/x/../articles",
            "/api;x=1/articles", "/api/articles;jsessionid=1", "/api%2Farticles", "/api/articles/", "/API/articles",
            "/api/ARTICLES", "/api/users/%2e%2e/articles", "/api/%2e%2e/api/articles", "/api/articles%2f", "/api/articles/.",
            "/api/./articles/", "/%61pi/articles", "/api/%61rticles", "/api/articles%3bx=1", "/api\\articles",
            "/api/articles?x=/../users", "/api/articles#x", "/api/users/..;/articles");

    static final List<String> USER_TRICKS = List.of("//api/users", "/api/./users", "/api/x/../users", "/api;x=1/users",
            "/api/users;jsessionid=1", "/api%2Fusers", "/api/users/", "/API/users", "/api/USERS", "/Api/Users",
            "/api/articles/%2e%2e/users", "/api/%2e%2e/api/users", "/api/users%2f", "/api/users/.", "/api/./users/",
            "/%61pi/users", "/api/%75sers", "/api/users%3bx=1", "/api\\users", "/api/users/..;/users", "/api/articles/../users",
            "/api/articles/%2E%2E/users", "/api/users?limit=1", "/api/users#x", "/api/users%00", "/api/users%20");

    @Test
    void addressTricksNeverLetAnAnonymousOrTooLowRequestThrough() throws IOException {
        String viewer = tokenOf("viewer");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (String path : ARTICLE_TRICKS) {
            RawAnswer anonymous = raw("GET", path, null, null);
            requests++;
            if (!Set.of(401, 404, 400).contains(anonymous.status())) {
                failures.add("anonymous GET " + path + " -> " + anonymous);
            }
            String word = uniqueWord();
            RawAnswer write = raw("POST", path, viewer, "{\"title\":\"Trick " + word + "\",\"body\":\"Trick body " + word + ".\"}");
            requests++;
            if (!Set.of(403, 404, 405, 400).contains(write.status())) {
                failures.add("viewer POST " + path + " -> " + write);
            }
            RawAnswer anonymousWrite = raw("POST", path, null, "{\"title\":\"Trick " + word + "\",\"body\":\"Trick body " + word + ".\"}");
            requests++;
            if (!Set.of(401, 404, 405, 400).contains(anonymousWrite.status())) {
                failures.add("anonymous POST " + path + " -> " + anonymousWrite);
            }
            int found = as("viewer").queryParam("q", word).get("/api/articles").then().statusCode(200)
                    .extract().jsonPath().getList("items").size();
            if (found != 0) {
                failures.add("POST " + path + " without the analyst role stored an article");
            }
            RawAnswer read = raw("GET", path, viewer, null);
            requests++;
            if (read.status() >= 500 || read.status() == 200 && !read.contentType().startsWith("application/json")) {
                failures.add("viewer GET " + path + " -> " + read);
            }
        }
        for (String path : USER_TRICKS) {
            RawAnswer anonymous = raw("GET", path, null, null);
            RawAnswer tooLow = raw("GET", path, viewer, null);
            String username = "trick-" + uniqueWord().substring(0, 10);
            RawAnswer create = raw("POST", path, viewer, "{\"username\":\"" + username + "\",\"displayName\":\"Trick\","
                    + "\"password\":\"" + ApiClient.PASSWORD + "\",\"role\":\"admin\"}");
            requests += 3;
            if (!Set.of(401, 404, 400).contains(anonymous.status())) {
                failures.add("anonymous GET " + path + " -> " + anonymous);
            }
            // A backslash is not allowed in a request line: the HTTP layer refuses it (400) before any routing.
            Set<Integer> refused = path.contains("\\") ? Set.of(400) : Set.of(403, 404);
            if (!refused.contains(tooLow.status())) {
                failures.add("viewer GET " + path + " -> " + tooLow);
            }
            if (!(path.contains("\\") ? Set.of(400) : Set.of(403, 404, 405)).contains(create.status())) {
                failures.add("viewer POST " + path + " -> " + create);
            }
        }
        System.out.printf("Access matrix, address tricks: %d requests, %d failed%n", requests, failures.size());
        assertThat(failures).isEmpty();
    }

    record RawAnswer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + abbreviate(body);
        }
    }

    /** One HTTP/1.1 request written byte for byte, so that no client library tidies the address first. */
    static RawAnswer raw(String method, String path, String token, String json) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(RestAssured.port).append("\r\n")
                    .append("Accept: application/json\r\nConnection: close\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String contentType = "";
            int end = answer.indexOf("\r\n\r\n");
            for (String line : answer.substring(0, Math.max(0, end)).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    contentType = line.substring(13).trim();
                }
            }
            return new RawAnswer(status, contentType, end < 0 ? "" : answer.substring(end + 4));
        }
    }
}
