import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.factcheck.workbench.export.ExportFormat;
import org.factcheck.workbench.export.ExportQuery;
import org.factcheck.workbench.export.VerdictExporter;

/**
 * The benchmark driver: starts the packaged service, runs every scenario against it and against PostgreSQL directly
 * with the same generator and the same concurrency, and writes the results. Started by bench/run.sh, which builds the
 * service and generates the data first; settings come as -D system properties (see run.sh).
 *
 * Load: closed loop with N connections for throughput; then a fixed-rate phase at 70% of that throughput whose
 * latencies count from each request's scheduled start (as wrk2 does), so a stall is not hidden by the generator
 * waiting for it (no coordinated omission).
 */
public class Bench {

    // ---------------------------------------------------------------- settings

    static final String JAR = prop("bench.jar");
    static final String JDBC = prop("bench.jdbc");
    static final String DB_USER = prop("bench.user");
    static final String DB_PASSWORD = System.getProperty("bench.password", "");
    static final String SCHEMA = prop("bench.schema");
    static final int PORT = Integer.getInteger("bench.port", 18080);
    static final String BASE = "127.0.0.1";
    static final int ARTICLES = Integer.getInteger("bench.articles");
    static final int HOT = Integer.getInteger("bench.hot");
    static final int CLAIMS = Integer.getInteger("bench.claims");
    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    static final String ANALYST = "Bearer " + prop("bench.secret.analyst");
    static final String ADMIN = "Bearer " + prop("bench.secret.admin");
    static final String ADMIN_PASSWORD = prop("bench.admin.password");
    /** The packaged service's JVM options (besides its start-up cache): bench.serviceJvm, separated by spaces or commas. */
    static final String SERVICE_JVM = System.getProperty("bench.serviceJvm", "-Xmx256m").trim();
    /** The cache the service starts from: a class-data archive, or from Java 25 on an ahead-of-time cache (run.sh). */
    static final String START_CACHE = System.getProperty("bench.startCache",
            "-XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa");
    /** The service's java (run.sh: the default java, or BENCH_SERVICE_JAVA). */
    static final String SERVICE_JAVA = System.getProperty("bench.serviceJava",
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    static final String GROWTH = System.getProperty("bench.growth", ""); // schema:claims,schema:claims
    static final Path OUT = Path.of(prop("bench.out"));
    /** Names of the scenarios to run (all when empty). */
    static final List<String> ONLY = System.getProperty("bench.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.only").split(","));
    static final Path LOGS = Path.of(prop("bench.logs"));
    static final Path BROWSER = Path.of(prop("bench.browser"));
    static final int CONNECTIONS = 16;
    /** Every desk of the growth runs has at least these articles with 200 annotations. */
    static final int GROWTH_HOT = 20;
    /** Warm-up before measuring: the service's JIT needs seconds of traffic, PostgreSQL next to none. */
    static final double WARM_SERVICE = Double.parseDouble(System.getProperty("bench.warm", QUICK ? "5" : "20"));
    /**
     * The baselines' warm-up. PostgreSQL needs next to none, but the generator's own JIT does: in one full run the
     * read-article baseline, measured after 5 s, cost the generator 1.43 ms of CPU per request (0.44 in the run
     * before), and the baseline's throughput was that of the generator.
     */
    static final double WARM = QUICK ? 2 : 15;
    /**
     * Past {@link #WARM}, a baseline's warm-up goes on, in one-second slices, until the generator's CPU per request has
     * settled (two slices in a row below PostgreSQL's and less than 10% below the slice before), at most this long.
     */
    static final double WARM_MAX = QUICK ? 15 : 40;
    /**
     * Before the first scenario (and on each growth service) the service serves the read and search mix this long,
     * so that the JIT compiler has compiled the shared request path and is not measured competing for the CPU.
     */
    static final double JIT_WARM = Double.parseDouble(System.getProperty("bench.jitWarm", QUICK ? "20" : "45"));
    /** The write scenarios' own paths (inserts, locks, events) are compiled during a longer warm-up of their own. */
    static final double WARM_WRITES = Double.parseDouble(System.getProperty("bench.warmWrites", QUICK ? "12" : "60"));
    static final double MEASURE = Double.parseDouble(System.getProperty("bench.measure", QUICK ? "5" : "15"));
    static final double FIXED = QUICK ? 3 : 10;

    static String prop(String key) {
        String v = System.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing -D" + key);
        }
        return v;
    }

    // ---------------------------------------------------------------- results

    record Result(String name, String metric, String unit, Double service, Double baseline, Double ratio, String target,
                  boolean pass, Map<String, Object> details) {
    }

    static final List<Result> RESULTS = new ArrayList<>();
    /** The full desk's read-article and search loads, measured before the write scenarios added claims to it. */
    static Load mainRead;
    static Load mainSearch;

    /** When the driver started, for the time stamps of the printed results. */
    static final long STARTED_NANOS = System.nanoTime();

    static void add(Result r) {
        RESULTS.add(r);
        System.out.printf(Locale.ROOT, "  -> %s: %s %s service=%s baseline=%s ratio=%s target %s: %s (at %.0f s)%n", r.name,
                r.metric, r.unit, fmt(r.service), fmt(r.baseline), fmt(r.ratio), r.target, r.pass ? "PASS" : "FAIL",
                (System.nanoTime() - STARTED_NANOS) / 1e9);
    }

    static String fmt(Double d) {
        return d == null ? "-" : d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3g", d);
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(LOGS);
        Instant started = Instant.now();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", started.toString());
        run.put("mode", QUICK ? "quick" : "full");
        run.put("dataSet", Map.of("articles", ARTICLES + 1, "claims", CLAIMS, "annotations", CLAIMS, "evidence", 2L * CLAIMS,
                "articlesWith200Annotations", HOT, "longArticle", "100,000 code points, 2,000 annotations"));
        run.put("machine", machine());
        run.put("serviceJava", SERVICE_JAVA + " (" + javaVersion(SERVICE_JAVA) + ")");
        run.put("serviceJvm", SERVICE_JVM + " " + START_CACHE);
        run.put("warmUpSeconds", Map.of("jitMix", JIT_WARM, "scenario", WARM_SERVICE, "writeScenarios", WARM_WRITES,
                "baseline", WARM, "baselineAtMost", WARM_MAX));
        // other work on the machine skews every figure: the load average says how quiet it was
        run.put("loadAverageAtStart", loadAverage());

        String mainJdbc = jdbcFor(SCHEMA);
        // startup: three cold starts of the packaged service, the median counts; the last stays up for the scenarios.
        List<Double> readies = new ArrayList<>();
        Service service = null;
        for (int i = 0; i < (runs("read-article") ? 3 : 1); i++) {
            if (service != null) {
                service.close();
            }
            service = Service.start(mainJdbc, serviceJvm(), "startup-" + i);
            readies.add(service.readySeconds);
        }
        try {
            if (runs("read-article") || runs("search")) {
                jitWarmUp("", HOT);
            }
            if (runs("read-article")) {
                readArticle(service, mainJdbc);
                Map<String, Double> memory = service.memoryMb();
                double rssAfterRead = memory.get("VmRSS");
                System.out.println("    service memory after read-article (MB): " + memory);
                double ready = median(readies);
                add(new Result("startup", "ready", "s", ready, null, null, "<= 2 s", ready <= 2.0,
                        Map.of("starts", readies)));
                add(new Result("startup-memory", "RSS after read-article", "MB", rssAfterRead, null, null, "<= 350 MB",
                        rssAfterRead <= 350, Map.of("jvm", SERVICE_JVM + " " + START_CACHE, "memoryMb", memory)));
            }
            // search before the write scenarios: their claims would otherwise be the newest of the desk, which a
            // real desk's newest claims are not (see "Findings" in the README)
            if (runs("search")) {
                search(service, mainJdbc);
            }
            if (runs("write-annotation")) {
                writeAnnotation(service, mainJdbc);
            }
            if (runs("set-verdict")) {
                setVerdict(service, mainJdbc);
            }
            if (runs("live-fanout")) {
                fanout(service);
            }
            if (runs("browser-render")) {
                browserRender();
            }
        } finally {
            service.close();
        }
        if (runs("export")) {
            export(mainJdbc);
        }
        if (runs("growth")) {
            growth(mainJdbc);
        }

        run.put("finishedAt", Instant.now().toString());
        run.put("loadAverageAtEnd", loadAverage());
        run.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        writeResults(run);
        printTable();
        if (RESULTS.stream().anyMatch(r -> !r.pass)) {
            System.exit(1);
        }
    }

    static boolean runs(String scenario) {
        return ONLY.isEmpty() || ONLY.contains(scenario);
    }

    static String jdbcFor(String schema) {
        return JDBC + (JDBC.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static Connection db(String jdbc) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", DB_USER);
        p.setProperty("password", DB_PASSWORD);
        p.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection(jdbc, p);
    }

    // ---------------------------------------------------------------- scenarios

    /** The service's JVM options: {@link #SERVICE_JVM} and its start-up cache. */
    static List<String> serviceJvm() {
        List<String> options = new ArrayList<>(List.of(SERVICE_JVM.split("[\\s,]+")));
        options.add(START_CACHE);
        return options;
    }

    /** Serves the read-article and search mix for {@link #JIT_WARM} seconds; nothing is measured. */
    static void jitWarmUp(String label, int hot) throws Exception {
        Http[] clients = https();
        Load.closed("JIT warm-up" + label + ": read-article and search mix", CONNECTIONS, 0, JIT_WARM, t -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            if (rnd.nextBoolean()) {
                expect(clients[t].send("GET", "/api/articles/" + (1 + rnd.nextInt(hot)) + "/annotations", ANALYST, null, null), 200);
            } else {
                String q = QUERIES[rnd.nextInt(QUERIES.length)];
                expect(clients[t].send("GET", "/api/claims?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                        ANALYST, null, null), 200);
            }
        });
        close(clients);
    }

    /** The service's own query for an article's highlights, so the baseline cannot drift from it. */
    static final String READ_SQL = org.factcheck.workbench.annotation.AnnotationService.LIST_SQL;

    static void readArticle(Service service, String jdbc) throws Exception {
        System.out.println("read-article: GET /api/articles/{id}/annotations of articles with 200 annotations");
        Http check = new Http();
        Http.Response r = check.send("GET", "/api/articles/1/annotations", ANALYST, null, null);
        int items = count(new String(r.body(), StandardCharsets.UTF_8), "\"exact\"");
        if (r.status() != 200 || items != 200) {
            throw new IllegalStateException("article 1 should have 200 annotations: " + r.status() + ", " + items);
        }
        check.close();
        Http[] clients = https();
        Load svc = Load.both("read-article service", CONNECTIONS, t -> {
            long id = 1 + ThreadLocalRandom.current().nextInt(HOT);
            expect(clients[t].send("GET", "/api/articles/" + id + "/annotations", ANALYST, null, null), 200);
        });
        close(clients);
        Connection[] cs = connections(jdbc);
        PreparedStatement[] ps = new PreparedStatement[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            ps[i] = cs[i].prepareStatement(READ_SQL);
        }
        Load base = Load.both("read-article baseline", CONNECTIONS, t -> {
            ps[t].setLong(1, 1 + ThreadLocalRandom.current().nextInt(HOT));
            int n = 0;
            try (ResultSet rs = ps[t].executeQuery()) {
                while (rs.next()) { // every column, read as the service reads it
                    rs.getLong(1);
                    rs.getLong(2);
                    rs.getLong(3);
                    rs.getInt(4);
                    rs.getInt(5);
                    rs.getString(6);
                    rs.getString(7);
                    rs.getString(8);
                    rs.getString(9);
                    rs.getObject(10, OffsetDateTime.class);
                    rs.getString(11);
                    rs.getString(12);
                    rs.getString(13);
                    rs.getBoolean(14);
                    n++;
                }
            }
            if (n != 200) {
                throw new IllegalStateException("rows " + n);
            }
        });
        close(cs);
        mainRead = svc;
        ratio("read-article", svc, base, 0.5);
    }

    /** Positions and text of a few hundred articles, to make valid highlight requests from. */
    record Body(long id, int[] codePoints) {
        String text(int start, int end) {
            return new String(codePoints, start, end - start);
        }
    }

    static List<Body> bodies(String jdbc, int n) throws SQLException {
        List<Body> out = new ArrayList<>();
        try (Connection c = db(jdbc); PreparedStatement ps = c.prepareStatement(
                "SELECT id, body FROM article WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, HOT);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Body(rs.getLong(1), rs.getString(2).codePoints().toArray()));
                }
            }
        }
        return out;
    }

    record Span(long article, int start, int end, String exact, String prefix, String suffix) {
    }

    static Span randomSpan(List<Body> bodies) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
            Body b = bodies.get(rnd.nextInt(bodies.size()));
            int len = 8 + rnd.nextInt(40);
            int start = rnd.nextInt(b.codePoints.length - len);
            String exact = b.text(start, start + len);
            if (!exact.isBlank()) {
                return new Span(b.id, start, start + len, exact, b.text(Math.max(0, start - 32), start),
                        b.text(start + len, Math.min(b.codePoints.length, start + len + 32)));
            }
        }
    }

    static String annotationJson(Span s, String statement) {
        return "{\"start\":" + s.start + ",\"end\":" + s.end + ",\"exact\":" + json(s.exact)
                + ",\"claim\":{\"statement\":" + json(statement) + ",\"claimant\":\"Bench Claimant\"}}";
    }

    static void writeAnnotation(Service service, String jdbc) throws Exception {
        System.out.println("write-annotation: POST /api/articles/{id}/annotations, a new claim each");
        List<Body> bodies = bodies(jdbc, 300);
        Http[] clients = https();
        Load svc = Load.both("write-annotation service", CONNECTIONS, WARM_WRITES, t -> {
            Span s = randomSpan(bodies);
            expect(clients[t].send("POST", "/api/articles/" + s.article + "/annotations", ANALYST,
                    annotationJson(s, "Bench claim: " + s.exact), null), 201);
        });
        close(clients);
        long analyst = userId(jdbc, "bench-analyst");
        Connection[] cs = connections(jdbc);
        Load base = Load.both("write-annotation baseline", CONNECTIONS, t -> {
            Connection c = cs[t];
            Span s = randomSpan(bodies);
            c.setAutoCommit(false);
            long claimId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO claim (statement, claimant, created_by) VALUES (?, ?, ?) RETURNING id")) {
                ps.setString(1, "Bench claim: " + s.exact);
                ps.setString(2, "Bench Claimant");
                ps.setLong(3, analyst);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    claimId = rs.getLong(1);
                }
            }
            long annotationId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO annotation (article_id, claim_id, start_pos, end_pos,"
                    + " exact, prefix, suffix, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, s.article);
                ps.setLong(2, claimId);
                ps.setInt(3, s.start);
                ps.setInt(4, s.end);
                ps.setString(5, s.exact);
                ps.setString(6, s.prefix);
                ps.setString(7, s.suffix);
                ps.setLong(8, analyst);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    annotationId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (actor_id, type, article_id, claim_id,"
                    + " subject_id, after) VALUES (?, 'annotation.created', ?, ?, ?, ?::jsonb)")) {
                ps.setLong(1, analyst);
                ps.setLong(2, s.article);
                ps.setLong(3, claimId);
                ps.setLong(4, annotationId);
                ps.setString(5, "{\"start\":" + s.start + ",\"end\":" + s.end + ",\"exact\":" + json(s.exact) + "}");
                ps.executeUpdate();
            }
            c.commit();
        });
        close(cs);
        ratio("write-annotation", svc, base, 0.5);
    }

    static final String[] RATINGS = {"true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unproven"};

    static void setVerdict(Service service, String jdbc) throws Exception {
        System.out.println("set-verdict: PUT /api/claims/{id}/verdict with If-Match");
        // Each connection owns its claims, so If-Match always carries the current ETag (no 412 by construction).
        int perThread = 64;
        long[][] owned = new long[CONNECTIONS][perThread];
        String[][] etags = new String[CONNECTIONS][perThread];
        Http[] clients = https();
        for (int t = 0; t < CONNECTIONS; t++) {
            for (int i = 0; i < perThread; i++) {
                owned[t][i] = HOT * 200L + 1 + (long) t * perThread + i;
                Http.Response r = clients[t].send("GET", "/api/claims/" + owned[t][i], ANALYST, null, null);
                expect(r, 200);
                etags[t][i] = r.header("etag");
            }
        }
        long[] counters = new long[CONNECTIONS];
        Load svc = Load.both("set-verdict service", CONNECTIONS, WARM_WRITES, t -> {
            int i = (int) (counters[t]++ % perThread);
            String body = "{\"rating\":\"" + RATINGS[(int) (counters[t] % RATINGS.length)] + "\",\"explanation\":\"Bench revision "
                    + counters[t] + " ✅\"}";
            Http.Response r = clients[t].send("PUT", "/api/claims/" + owned[t][i] + "/verdict", ANALYST, body, etags[t][i]);
            expect(r, 200);
            etags[t][i] = r.header("etag");
        });
        close(clients);
        long analyst = userId(jdbc, "bench-analyst");
        Connection[] cs = connections(jdbc);
        long baseFirst = HOT * 200L + 1 + (long) CONNECTIONS * perThread;
        long[] baseCounters = new long[CONNECTIONS];
        Load base = Load.both("set-verdict baseline", CONNECTIONS, t -> {
            Connection c = cs[t];
            c.setAutoCommit(false);
            long n = baseCounters[t]++;
            long claim = baseFirst + (long) t * perThread + n % perThread;
            String rating = RATINGS[(int) (n % RATINGS.length)];
            int revision;
            try (PreparedStatement ps = c.prepareStatement("SELECT c.version, coalesce(v.revision, 0) FROM claim c"
                    + " LEFT JOIN verdict v ON v.id = c.current_verdict_id WHERE c.id = ? FOR UPDATE OF c")) {
                ps.setLong(1, claim);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    revision = rs.getInt(2) + 1;
                }
            }
            long verdictId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verdict (claim_id, revision, rating, explanation,"
                    + " author_id) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, claim);
                ps.setInt(2, revision);
                ps.setString(3, rating);
                ps.setString(4, "Bench revision " + n + " ✅");
                ps.setLong(5, analyst);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    verdictId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE claim SET current_verdict_id = ?, rating = ?,"
                    + " status = CASE WHEN status IN ('open', 'published') THEN 'in_progress' ELSE status END,"
                    + " updated_at = now(), version = version + 1 WHERE id = ?")) {
                ps.setLong(1, verdictId);
                ps.setString(2, rating);
                ps.setLong(3, claim);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (actor_id, type, claim_id, subject_id, after)"
                    + " VALUES (?, 'verdict.updated', ?, ?, ?::jsonb)")) {
                ps.setLong(1, analyst);
                ps.setLong(2, claim);
                ps.setLong(3, verdictId);
                ps.setString(4, "{\"rating\":\"" + rating + "\",\"revision\":" + revision + "}");
                ps.executeUpdate();
            }
            c.commit();
        });
        close(cs);
        ratio("set-verdict", svc, base, 0.5);
    }

    /** What analysts type: common words, names, two-word searches, a phrase, Arabic and Russian. */
    static final String[] QUERIES = {"inflation", "minister", "Asapov", "Haddad", "election fraud", "\"budget deficit\"",
            "vaccine hospital", "الحكومة", "выборы", "Okafor", "climate -oil", "tax", "refugees border", "Nakamura",
            "percent", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "solar wind", "Zürich", "court ruling judge", "2023"};

    static final String SEARCH_SQL = "SELECT c.id, c.statement, c.claimant, c.claim_date, c.status, asg.username,"
            + " c.rating, c.created_at, c.updated_at, c.version, cv.revision, cv.rating, cv.explanation, cva.username,"
            + " cv.created_at, cvp.username, cv.published_at,"
            + " (SELECT count(*) FROM annotation an WHERE an.claim_id = c.id),"
            + " (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id),"
            + " (SELECT an.article_id FROM annotation an WHERE an.claim_id = c.id ORDER BY an.id LIMIT 1)"
            + " FROM claim c LEFT JOIN app_user asg ON asg.id = c.assignee_id"
            + " LEFT JOIN verdict cv ON cv.id = c.current_verdict_id LEFT JOIN app_user cva ON cva.id = cv.author_id"
            + " LEFT JOIN app_user cvp ON cvp.id = cv.published_by"
            + " WHERE true AND c.search @@ websearch_to_tsquery('simple', ?) ORDER BY c.id DESC LIMIT 21";

    static Load[] searchLoads(String label, String jdbc, boolean withBaseline) throws Exception {
        Http[] clients = https();
        Load svc = Load.both(label + " service", CONNECTIONS, t -> {
            String q = QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)];
            expect(clients[t].send("GET", "/api/claims?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), ANALYST,
                    null, null), 200);
        });
        close(clients);
        if (!withBaseline) {
            return new Load[] {svc};
        }
        Connection[] cs = connections(jdbc);
        PreparedStatement[] ps = new PreparedStatement[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            ps[i] = cs[i].prepareStatement(SEARCH_SQL);
        }
        Load base = Load.both(label + " baseline", CONNECTIONS, t -> {
            ps[t].setString(1, QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)]);
            try (ResultSet rs = ps[t].executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        });
        close(cs);
        return new Load[] {svc, base};
    }

    static void search(Service service, String jdbc) throws Exception {
        System.out.println("search: GET /api/claims?q=... over " + CLAIMS + " claims, 20 per page");
        Load[] l = searchLoads("search", jdbc, true);
        Load svc = l[0];
        mainSearch = svc;
        Load base = l[1];
        // The latency figure is the fixed-rate run's, timed from each request's scheduled start: the closed loop
        // keeps 16 requests queued by construction, so its latencies measure that queue (coordinated omission).
        double p99 = svc.fixed.p99();
        Map<String, Object> d = details(svc, base);
        add(new Result("search", "p99 latency at 70% of the closed loop's throughput", "ms", p99, base.fixed.p99(),
                null, "p99 <= 50 ms", p99 <= 50, d));
    }


    static void export(String jdbc) throws Exception {
        System.out.println("export: GET /api/export/verdicts?format=csv&state=all, service at -Xmx128m");
        long rows;
        try (Connection c = db(jdbc); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM claim")) {
            rs.next();
            rows = rs.getLong(1);
        }
        double svcSeconds;
        long bytes;
        boolean oom;
        boolean alive;
        try (Service s = Service.start(jdbc, List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError", START_CACHE), "export")) {
            Http h = new Http();
            long t0 = System.nanoTime();
            bytes = h.download("/api/export/verdicts?format=csv&state=all", ANALYST);
            svcSeconds = (System.nanoTime() - t0) / 1e9;
            h.close();
            alive = s.process.isAlive();
            oom = Files.readString(s.log).contains("OutOfMemoryError");
        }
        // The same join, straight from PostgreSQL to /dev/null through psql's client-side \copy.
        // the service's own export query (state=all has no parameters), so the baseline cannot drift from it
        String exportSql = VerdictExporter.sql(new ExportQuery(ExportFormat.CSV, false, null, null, null, null)).text();
        String copy = "\\copy (" + exportSql.replace('\n', ' ') + ") TO '/dev/null' WITH (FORMAT csv)";
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET search_path TO " + SCHEMA,
                "-c", copy).redirectErrorStream(true).redirectOutput(LOGS.resolve("export-psql.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql \\copy failed: " + Files.readString(LOGS.resolve("export-psql.log")));
        }
        double baseSeconds = (System.nanoTime() - t0) / 1e9;
        double svcRate = rows / svcSeconds;
        double baseRate = rows / baseSeconds;
        double ratio = svcRate / baseRate;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rows", rows);
        d.put("bytes", bytes);
        d.put("serviceSeconds", round(svcSeconds));
        d.put("baselineSeconds", round(baseSeconds));
        d.put("outOfMemoryError", oom);
        d.put("serviceAliveAfter", alive);
        add(new Result("export", "rows/s", "rows/s", svcRate, baseRate, ratio, "ratio >= 0.5; no OutOfMemoryError",
                ratio >= 0.5 && !oom && alive, d));
    }

    static void fanout(Service service) throws Exception {
        System.out.println("live-fanout: 200 /api/events listeners, writes at full speed and at 100/s");
        List<Body> bodies = bodies(jdbcFor(SCHEMA), 300);
        Http[] clients = https();
        Load.Op write = t -> {
            Span s = randomSpan(bodies);
            expect(clients[t].send("POST", "/api/articles/" + s.article + "/annotations", ANALYST,
                    annotationJson(s, "Fan-out claim"), null), 201);
        };
        // Throughput in the order without, with, with, without: the service still gets faster while the JIT compiler
        // works (most on the quick run), and in this order both sides have the same mean time, so a steady drift cancels.
        Load.Stats none = Load.closed("writes, no listeners", CONNECTIONS, WARM_SERVICE, MEASURE, write);
        Load.Stats with;
        Load.Stats with2;
        int droppedAtFullSpeed;
        try (Listeners listeners = new Listeners(200)) {
            listeners.awaitReady();
            // the same warm-up as the phase without listeners: the streams' write path is compiled in it, not measured
            with = Load.closed("writes, 200 listeners", CONNECTIONS, WARM_SERVICE, MEASURE, write);
            with2 = Load.closed("writes, 200 listeners, again", CONNECTIONS, 1, MEASURE, write);
            Thread.sleep(1000);
            droppedAtFullSpeed = listeners.dropped();
        }
        Load.Stats none2 = Load.closed("writes, no listeners, again", CONNECTIONS, 1, MEASURE, write);
        double withRate = (with.throughput() + with2.throughput()) / 2;
        double noneRate = (none.throughput() + none2.throughput()) / 2;
        double tputRatio = withRate / noneRate;
        System.out.printf("    with 200 listeners / without: %.3f, then %.3f; %.3f of the four phases%n",
                with.throughput() / none.throughput(), with2.throughput() / none2.throughput(), tputRatio);
        try (Listeners listeners = new Listeners(200)) {
            listeners.awaitReady();
            // Delivery: 100 writes/s from 4 connections; latency from each request's scheduled start to the moment
            // each listener reads the event (an upper bound of commit-to-delivery).
            listeners.track.set(true);
            Map<Long, Long> sentAt = new ConcurrentHashMap<>();
            AtomicLong writes = new AtomicLong();
            Load.fixedRate("writes at 100/s, 200 listeners", 4, 100, MEASURE, (t, scheduled) -> {
                Span s = randomSpan(bodies);
                Http.Response r = clients[t].send("POST", "/api/articles/" + s.article + "/annotations", ANALYST,
                        annotationJson(s, "Fan-out claim"), null);
                expect(r, 201);
                Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(new String(r.body(), StandardCharsets.UTF_8));
                m.find();
                sentAt.put(Long.parseLong(m.group(1)), scheduled);
                writes.incrementAndGet();
            });
            Thread.sleep(2000);
            listeners.track.set(false);
            long[] lat = listeners.latencies(sentAt);
            long expected = (long) sentAt.size() * 200;
            Arrays.sort(lat);
            double p50 = pct(lat, 0.50) / 1e6;
            double p99 = pct(lat, 0.99) / 1e6;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("writes", sentAt.size());
            d.put("deliveriesExpected", expected);
            d.put("deliveries", lat.length);
            d.put("p50ms", round(p50));
            d.put("p99ms", round(p99));
            d.put("maxMs", round(lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6));
            d.put("listenersDropped", listeners.dropped());
            add(new Result("live-fanout-delivery", "p99 request-to-delivery at 100 writes/s", "ms", p99, null, null,
                    "p99 <= 100 ms, every event delivered", p99 <= 100 && lat.length == expected, d));
            Map<String, Object> d2 = new LinkedHashMap<>();
            d2.put("phases", "without, with, with, without; the ratio is of the sums");
            d2.put("writesPerSecondNoListeners", List.of(round(none.throughput()), round(none2.throughput())));
            d2.put("writesPerSecondWith200", List.of(round(with.throughput()), round(with2.throughput())));
            d2.put("p99msNoListeners", List.of(round(none.p99()), round(none2.p99())));
            d2.put("p99msWith200", List.of(round(with.p99()), round(with2.p99())));
            d2.put("listenersDroppedAsSlow", droppedAtFullSpeed);
            add(new Result("live-fanout-throughput", "write throughput with 200 listeners / without", "ratio",
                    withRate, noneRate, tputRatio, "ratio >= 0.9", tputRatio >= 0.9, d2));
        }
        close(clients);
    }

    static void browserRender() throws Exception {
        System.out.println("browser-render: Chromium opens the article with 2,000 annotations from the article list");
        Path out = LOGS.resolve("browser.json");
        Process p = new ProcessBuilder("node", BROWSER.resolve("render.mjs").toString(), "http://" + BASE + ":" + PORT,
                String.valueOf(ARTICLES + 1), "admin", ADMIN_PASSWORD, String.valueOf(QUICK ? 5 : 10), out.toString())
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("browser.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("browser run failed: " + Files.readString(LOGS.resolve("browser.log")));
        }
        String json = Files.readString(out);
        List<Double> samples = numbers(json, "samples");
        List<Double> busy = numbers(json, "busy");
        List<Double> reloads = numbers(json, "reloads");
        Matcher h = Pattern.compile("\"highlights\":(\\d+)").matcher(json);
        int highlights = h.find() ? Integer.parseInt(h.group(1)) : -1;
        double med = median(samples);
        double worst = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("loadsMs", samples);
        d.put("worstMs", worst);
        d.put("highlightsDrawn", highlights);
        d.put("navigationToLastLongTaskEndMs", busy); // per load: until the page's work after drawing was done
        d.put("reloadsOfTheArticleMs", reloads); // the article opened from itself (its previous copy torn down inside)
        add(new Result("browser-render", "navigation start to highlights drawn (median of loads)", "ms", med, null, null,
                "<= 300 ms, 2,000 highlights drawn", med <= 300 && highlights == 2000, d));
    }

    /** The numbers of a flat JSON array named {@code key} (empty when there is none). */
    static List<Double> numbers(String json, String key) {
        List<Double> found = new ArrayList<>();
        Matcher list = Pattern.compile("\"" + key + "\":\\[([^\\]]*)]").matcher(json);
        if (list.find()) {
            Matcher n = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(list.group(1));
            while (n.find()) {
                found.add(Double.parseDouble(n.group()));
            }
        }
        return found;
    }

    static void growth(String mainJdbc) throws Exception {
        if (GROWTH.isBlank()) {
            return;
        }
        System.out.println("growth: read-article and search at each size of desk");
        List<String[]> sizes = new ArrayList<>();
        for (String s : GROWTH.split(",")) {
            sizes.add(s.split(":"));
        }
        // the full desk's figures are the read-article and search scenarios' own (the write scenarios have since
        // added thousands of synthetic claims to it, which would no longer be the generated desk)
        sizes.add(new String[] {SCHEMA, String.valueOf(CLAIMS)});
        Map<String, Object> readBySize = new LinkedHashMap<>();
        Map<String, Object> searchBySize = new LinkedHashMap<>();
        List<Double> readCost = new ArrayList<>();
        List<Double> searchCost = new ArrayList<>();
        for (String[] size : sizes) {
            String jdbc = jdbcFor(size[0]);
            Load read;
            Load search;
            if (size[0].equals(SCHEMA) && mainRead != null && mainSearch != null) {
                read = mainRead;
                search = mainSearch;
            } else {
                try (Service s = Service.start(jdbc, serviceJvm(), "growth-" + size[0])) {
                    jitWarmUp(" at " + size[1] + " claims", GROWTH_HOT);
                    Http[] clients = https();
                    read = Load.both("read-article at " + size[1] + " claims", CONNECTIONS, t -> {
                        long id = 1 + ThreadLocalRandom.current().nextInt(GROWTH_HOT);
                        expect(clients[t].send("GET", "/api/articles/" + id + "/annotations", ANALYST, null, null), 200);
                    });
                    close(clients);
                    search = searchLoads("search at " + size[1] + " claims", jdbc, false)[0];
                }
            }
            readBySize.put(size[1], Map.of("requestsPerSecond", round(read.closed.throughput()), "p50ms",
                    round(read.fixed.p50()), "p99ms", round(read.fixed.p99())));
            searchBySize.put(size[1], Map.of("requestsPerSecond", round(search.closed.throughput()), "p50ms",
                    round(search.fixed.p50()), "p99ms", round(search.fixed.p99())));
            readCost.add(1000.0 / read.closed.throughput());
            searchCost.add(1000.0 / search.closed.throughput());
        }
        // Cost per request (ms of the service's capacity) at the largest desk against the smallest.
        double readGrowth = readCost.get(readCost.size() - 1) / readCost.get(0);
        double searchGrowth = searchCost.get(searchCost.size() - 1) / searchCost.get(0);
        add(new Result("growth-read-article", "cost per request, largest desk / smallest", "ratio", readGrowth, null, null,
                "<= 1.5 (flat)", readGrowth <= 1.5, readBySize));
        add(new Result("growth-search", "cost per request, largest desk / smallest", "ratio", searchGrowth, null, null,
                "<= 1.5 (flat)", searchGrowth <= 1.5, searchBySize));
    }

    // ---------------------------------------------------------------- load generation

    static final class Load {
        final Stats closed;
        final Stats fixed;

        Load(Stats closed, Stats fixed) {
            this.closed = closed;
            this.fixed = fixed;
        }

        interface Op {
            void run(int thread) throws Exception;
        }

        interface TimedOp {
            void run(int thread, long scheduledNanos) throws Exception;
        }

        record Stats(String label, long requests, double seconds, long[] latencies, long errors, Cpu.Use cpu) {
            double throughput() {
                return requests / seconds;
            }

            double p50() {
                return pct(latencies, 0.50) / 1e6;
            }

            double p99() {
                return pct(latencies, 0.99) / 1e6;
            }
        }

        /**
         * Closed loop for throughput, then a fixed rate at 70% of it for latency. A baseline warms up until the
         * generator's own CPU per request has settled ({@link #WARM}, {@link #WARM_MAX}).
         */
        static Load both(String label, int threads, Op op) throws Exception {
            boolean baseline = label.contains("baseline");
            return both(label, threads, baseline ? WARM : WARM_SERVICE, baseline ? WARM_MAX : WARM_SERVICE, op);
        }

        static Load both(String label, int threads, double warm, Op op) throws Exception {
            return both(label, threads, warm, warm, op);
        }

        static Load both(String label, int threads, double warm, double warmMax, Op op) throws Exception {
            Stats closed = closed(label, threads, warm, warmMax, MEASURE, op);
            Stats fixed = fixedRate(label, threads, closed.throughput() * 0.7, FIXED, (t, s) -> op.run(t));
            return new Load(closed, fixed);
        }

        static Stats closed(String label, int threads, double warm, double measure, Op op) throws Exception {
            return closed(label, threads, warm, warm, measure, op);
        }

        /**
         * Closed loop: requests started after the warm-up and before its end are measured. The warm-up lasts
         * {@code warm} seconds, or, when {@code warmMax} is longer, until the generator's CPU per request settles.
         */
        static Stats closed(String label, int threads, double warm, double warmMax, double measure, Op op)
                throws Exception {
            AtomicLong requests = new AtomicLong();
            Cpu.Window cpu = Cpu.window(warm, warmMax, measure, requests::get);
            return run(label + " (closed loop, " + threads + " connections)", threads, (long) (measure * 1e9), cpu, t -> {
                LongList lat = new LongList();
                long errors = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= cpu.end()) {
                        break;
                    }
                    try {
                        op.run(t);
                    } catch (Exception e) {
                        errors++;
                        noteError(label, e);
                    }
                    requests.incrementAndGet();
                    if (t0 >= cpu.from()) {
                        lat.add(System.nanoTime() - t0);
                    }
                }
                return new long[][] {lat.toArray(), {errors}};
            });
        }

        static Stats fixedRate(String label, int threads, double rate, double seconds, TimedOp op) throws Exception {
            long start = System.nanoTime() + 50_000_000L;
            long end = start + (long) (seconds * 1e9);
            double interval = threads * 1e9 / rate;
            return run(label + String.format(Locale.ROOT, " (fixed rate %.0f/s)", rate), threads, end - start, null, t -> {
                LongList lat = new LongList();
                long errors = 0;
                for (long k = 0; ; k++) {
                    long scheduled = start + (long) ((k + (double) t / threads) * interval);
                    if (scheduled >= end) {
                        break;
                    }
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        op.run(t, scheduled);
                    } catch (Exception e) {
                        errors++;
                        noteError(label, e);
                    }
                    lat.add(System.nanoTime() - scheduled);
                }
                return new long[][] {lat.toArray(), {errors}};
            });
        }

        interface Worker {
            long[][] run(int thread) throws Exception;
        }

        static Stats run(String label, int threads, long windowNanos, Cpu.Window cpu, Worker worker) throws Exception {
            long[][][] out = new long[threads][][];
            Thread[] ts = new Thread[threads];
            Exception[] failure = new Exception[1];
            for (int i = 0; i < threads; i++) {
                int t = i;
                ts[i] = new Thread(() -> {
                    try {
                        out[t] = worker.run(t);
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                });
                ts[i].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            LongList all = new LongList();
            long errors = 0;
            for (long[][] o : out) {
                for (long l : o[0]) {
                    all.add(l);
                }
                errors += o[1][0];
            }
            long[] lat = all.toArray();
            Arrays.sort(lat);
            Stats s = new Stats(label, lat.length, windowNanos / 1e9, lat, errors, cpu == null ? null : cpu.use());
            System.out.printf(Locale.ROOT, "    %-70s %9.1f/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%s%n", label,
                    s.throughput(), s.p50(), s.p99(), errors, s.cpu == null ? "" : "  " + s.cpu.perRequest(lat.length));
            if (errors > 0) {
                throw new IllegalStateException(label + ": " + errors + " failed requests (first: " + FIRST_ERROR.get(label) + ")");
            }
            return s;
        }
    }

    static final Map<String, String> FIRST_ERROR = new ConcurrentHashMap<>();

    static void noteError(String label, Exception e) {
        FIRST_ERROR.putIfAbsent(label, e.toString());
    }

    /**
     * A throughput ratio. A baseline whose generator used more CPU per request than PostgreSQL measured the generator
     * (its JIT still compiling, on the cores PostgreSQL needs): its ratio is reported and does not pass.
     */
    static void ratio(String name, Load svc, Load base, double target) {
        double ratio = svc.closed.throughput() / base.closed.throughput();
        Map<String, Object> details = details(svc, base);
        boolean generatorBound = base.closed.cpu() != null && base.closed.cpu().generatorBound();
        if (generatorBound) {
            details.put("notValid", "the baseline's generator used more CPU per request than PostgreSQL");
        }
        add(new Result(name, "throughput", "requests/s", svc.closed.throughput(), base.closed.throughput(), ratio,
                "ratio >= " + target, ratio >= target && !generatorBound, details));
    }

    static Map<String, Object> details(Load svc, Load base) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("connections", CONNECTIONS);
        d.put("service", latencyMap(svc));
        d.put("baseline", latencyMap(base));
        return d;
    }

    static Map<String, Object> latencyMap(Load l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", round(l.closed.throughput()));
        m.put("closedLoopP50ms", round(l.closed.p50()));
        m.put("closedLoopP99ms", round(l.closed.p99()));
        if (l.closed.cpu() != null) {
            m.put("cpuMsPerRequest", l.closed.cpu().perRequestMap(l.closed.requests()));
            m.put("warmUpSeconds", Math.round(l.closed.cpu().warmedSeconds() * 10) / 10.0);
        }
        m.put("fixedRatePerSecond", round(l.fixed.throughput()));
        m.put("fixedRateP50ms", round(l.fixed.p50()));
        m.put("fixedRateP99ms", round(l.fixed.p99()));
        return m;
    }

    static final class LongList {
        long[] a = new long[1024];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }


    // ---------------------------------------------------------------- CPU accounting

    /**
     * CPU time used by the service process, by PostgreSQL (the postmaster and its children) and by this generator
     * during a measurement window, from /proc: what each request costs each of them, whatever else the machine does.
     */
    static final class Cpu {
        static volatile long servicePid = -1;
        static final long POSTMASTER = postmasterPid();
        static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

        /** CPU used in a measurement window, and how long the warm-up before it lasted. */
        record Use(double serviceMs, double postgresMs, double generatorMs, double warmedSeconds) {
            String perRequest(long n) {
                return String.format(Locale.ROOT,
                        "cpu/request: service %.2f ms, postgres %.2f ms, generator %.2f ms (after %.0f s warm-up)",
                        serviceMs / n, postgresMs / n, generatorMs / n, warmedSeconds);
            }

            /** The generator used more CPU per request than PostgreSQL: a baseline measured the generator. */
            boolean generatorBound() {
                return generatorMs > postgresMs;
            }

            Map<String, Object> perRequestMap(long n) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", Math.round(serviceMs / n * 1000) / 1000.0);
                m.put("postgres", Math.round(postgresMs / n * 1000) / 1000.0);
                m.put("generator", Math.round(generatorMs / n * 1000) / 1000.0);
                return m;
            }
        }

        /**
         * The measurement window of a closed loop and the CPU used in it. It opens after {@code warm} seconds or, when
         * {@code warmMax} is longer, once the generator's CPU per request (from {@code requests}, the loop's count of
         * finished requests) has settled below PostgreSQL's, and stays open {@code measure} seconds.
         */
        static final class Window {
            private volatile long fromNanos = Long.MAX_VALUE;
            private volatile long endNanos = Long.MAX_VALUE;
            private volatile double warmedSeconds;
            private volatile long[] from;
            private volatile long[] to;
            private final Thread thread;

            Window(double warm, double warmMax, double measure, LongSupplier requests) {
                long start = System.nanoTime();
                thread = new Thread(() -> {
                    LockSupport.parkNanos(start + (long) (warm * 1e9) - System.nanoTime());
                    long[] cpu = snapshot();
                    long done = requests.getAsLong();
                    double previous = Double.NaN;
                    int settled = 0;
                    while (settled < 2 && System.nanoTime() - start < (long) (warmMax * 1e9)) {
                        LockSupport.parkNanos(1_000_000_000L);
                        long[] now = snapshot();
                        long d = requests.getAsLong();
                        double generator = d > done ? (double) (now[2] - cpu[2]) / (d - done) : Double.NaN;
                        double postgres = d > done ? (double) (now[1] - cpu[1]) / (d - done) : Double.NaN;
                        settled = generator < postgres && generator >= previous * 0.9 ? settled + 1 : 0;
                        previous = generator;
                        cpu = now;
                        done = d;
                    }
                    from = snapshot();
                    long now = System.nanoTime();
                    warmedSeconds = (now - start) / 1e9;
                    endNanos = now + (long) (measure * 1e9);
                    fromNanos = now;
                    LockSupport.parkNanos(endNanos - System.nanoTime());
                    to = snapshot();
                });
                thread.setDaemon(true);
                thread.start();
            }

            long from() {
                return fromNanos;
            }

            long end() {
                return endNanos;
            }

            Use use() throws InterruptedException {
                thread.join();
                return new Use((to[0] - from[0]) * TICK_MS, (to[1] - from[1]) * TICK_MS, (to[2] - from[2]) * TICK_MS,
                        warmedSeconds);
            }
        }

        static Window window(double warm, double warmMax, double measure, LongSupplier requests) {
            return new Window(warm, warmMax, measure, requests);
        }

        static long[] snapshot() {
            long service = servicePid > 0 ? ticks(servicePid) : 0;
            long self = ticks(ProcessHandle.current().pid());
            long pg = 0;
            if (POSTMASTER > 0) {
                pg += ticks(POSTMASTER);
                try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                    for (Path d : dirs) {
                        long[] st = stat(Long.parseLong(d.getFileName().toString()));
                        if (st != null && st[0] == POSTMASTER) {
                            pg += st[1];
                        }
                    }
                } catch (IOException e) {
                    // unreadable /proc: no figure
                }
            }
            return new long[] {service, pg, self};
        }

        static long ticks(long pid) {
            long[] st = stat(pid);
            return st == null ? 0 : st[1];
        }

        /** {parent pid, utime + stime} of a process, or null when it is gone. */
        static long[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** The PostgreSQL server's main process, from the data directory's postmaster.pid (readable when local). */
        static long postmasterPid() {
            try (Connection c = db(JDBC); ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
                rs.next();
                String first = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim();
                return Long.parseLong(first);
            } catch (SQLException | IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    // ---------------------------------------------------------------- HTTP/1.1 over one kept-alive socket

    /**
     * A minimal blocking HTTP/1.1 client, one connection per load thread: the generator has to cost the two shared
     * cores as little as possible, which the JDK's asynchronous client does not.
     */
    static final class Http implements AutoCloseable {
        Socket socket;
        InputStream in;
        OutputStream out;

        record Response(int status, Map<String, String> headers, byte[] body) {
            String header(String name) {
                return headers.get(name);
            }
        }

        void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(BASE, PORT), 5000);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        Response send(String method, String path, String auth, String body, String ifMatch) throws IOException {
            if (socket == null) {
                connect();
            }
            byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(BASE).append(':').append(PORT).append("\r\nAuthorization: ").append(auth)
                    .append("\r\nAccept: application/json\r\n");
            if (ifMatch != null) {
                req.append("If-Match: ").append(ifMatch).append("\r\n");
            }
            if (b != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
            }
            req.append("\r\n");
            try {
                out.write(req.toString().getBytes(StandardCharsets.UTF_8));
                if (b != null) {
                    out.write(b);
                }
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** Streams a GET response to nowhere; returns the body's length. */
        long download(String path, String auth) throws IOException {
            connect();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + BASE + "\r\nAuthorization: " + auth + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("export answered " + status);
            }
            while (!line().isEmpty()) {
                // headers
            }
            // chunked or until close: count the raw bytes (chunk framing is a few bytes per 8 kB)
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            byte[] tail = new byte[5];
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (n >= 5) {
                    System.arraycopy(buf, n - 5, tail, 0, 5);
                }
            }
            if (!new String(tail, StandardCharsets.US_ASCII).equals("0\r\n\r\n")) {
                throw new IOException("export ended without its last chunk (cut off)");
            }
            return total;
        }

        private Response read() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            String l;
            while (!(l = line()).isEmpty()) {
                int c = l.indexOf(':');
                headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
            }
            byte[] body;
            if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                while (true) {
                    int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    if (size == 0) {
                        line();
                        break;
                    }
                    buf.write(in.readNBytes(size));
                    line();
                }
                body = buf.toByteArray();
            } else {
                body = in.readAllBytes();
                close();
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }
            return new Response(code, headers, body);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            if (c == -1 && sb.length() == 0) {
                throw new IOException("connection closed");
            }
            return sb.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
                socket = null;
            }
        }
    }

    static void expect(Http.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.status() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8).substring(0, Math.min(300, r.body().length)));
        }
    }

    static Http[] https() {
        Http[] h = new Http[CONNECTIONS];
        for (int i = 0; i < h.length; i++) {
            h[i] = new Http();
        }
        return h;
    }

    static void close(Http[] hs) {
        for (Http h : hs) {
            h.close();
        }
    }

    static Connection[] connections(String jdbc) throws SQLException {
        Connection[] cs = new Connection[CONNECTIONS];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = db(jdbc);
        }
        return cs;
    }

    static void close(Connection[] cs) throws SQLException {
        for (Connection c : cs) {
            c.close();
        }
    }

    static long userId(String jdbc, String username) throws SQLException {
        try (Connection c = db(jdbc); PreparedStatement ps = c.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---------------------------------------------------------------- event stream listeners

    /**
     * Many /api/events streams read by one selector thread (one thread per stream would cost the machine more than the
     * service does). Decodes chunked transfer encoding and server-sent events; records when each annotation.created
     * event reached each stream.
     */
    static final class Listeners implements AutoCloseable {
        final Selector selector = Selector.open();
        final Thread reader;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicBoolean track = new AtomicBoolean();
        final List<Stream> streams = new ArrayList<>();
        final List<long[]> received = new ArrayList<>(); // {annotationId, nanos}

        Listeners(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                open();
            }
            reader = new Thread(this::loop, "sse-listeners");
            reader.start();
        }

        private void open() throws IOException {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(BASE, PORT));
            ch.socket().setTcpNoDelay(true);
            ch.write(ByteBuffer.wrap(("GET /api/events HTTP/1.1\r\nHost: " + BASE + "\r\nAuthorization: " + ANALYST
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
            ch.configureBlocking(false);
            Stream s = new Stream();
            synchronized (streams) {
                streams.add(s);
            }
            selector.wakeup();
            synchronized (registering) {
                registering.add(new Object[] {ch, s});
            }
            selector.wakeup();
        }

        private final List<Object[]> registering = new ArrayList<>();

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                long waiting;
                synchronized (streams) {
                    waiting = streams.stream().filter(s -> !s.ready).count();
                }
                if (waiting == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("event streams not ready: " + waiting);
                }
                Thread.sleep(50);
            }
        }

        int dropped() {
            synchronized (streams) {
                return (int) streams.stream().filter(s -> s.closed).count();
            }
        }

        long[] latencies(Map<Long, Long> sentAt) {
            synchronized (received) {
                LongList out = new LongList();
                for (long[] r : received) {
                    Long sent = sentAt.get(r[0]);
                    if (sent != null) {
                        out.add(r[1] - sent);
                    }
                }
                return out.toArray();
            }
        }

        void loop() {
            ByteBuffer buf = ByteBuffer.allocate(1 << 18);
            try {
                while (running.get()) {
                    synchronized (registering) {
                        for (Object[] r : registering) {
                            ((SocketChannel) r[0]).register(selector, SelectionKey.OP_READ, r[1]);
                        }
                        registering.clear();
                    }
                    selector.select(200);
                    long now = System.nanoTime();
                    for (SelectionKey key : selector.selectedKeys()) {
                        Stream s = (Stream) key.attachment();
                        SocketChannel ch = (SocketChannel) key.channel();
                        buf.clear();
                        int n = ch.read(buf);
                        if (n < 0) {
                            s.closed = true;
                            key.cancel();
                            continue;
                        }
                        s.feed(buf.array(), n, now, this);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                e.printStackTrace();
            }
        }

        void event(String name, String data, long now) {
            if (track.get() && "annotation.created".equals(name)) {
                Matcher m = SUBJECT.matcher(data);
                if (m.find()) {
                    synchronized (received) {
                        received.add(new long[] {Long.parseLong(m.group(1)), now});
                    }
                }
            }
        }

        static final Pattern SUBJECT = Pattern.compile("\"subjectId\":(\\d+)");

        @Override
        public void close() throws IOException {
            running.set(false);
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
        }

        /** One stream's decoder: HTTP head, then chunks, then SSE lines. */
        static final class Stream {
            boolean headDone;
            boolean ready;
            boolean closed;
            int chunkLeft = -1; // -1: expecting a size line
            final StringBuilder line = new StringBuilder();
            final ByteArrayOutputStream sse = new ByteArrayOutputStream();
            String eventName;
            StringBuilder data = new StringBuilder();
            boolean skipLine; // the start of the current line went by undecoded

            void feed(byte[] b, int n, long now, Listeners owner) {
                int i = 0;
                while (i < n) {
                    if (!headDone) {
                        char c = (char) b[i++];
                        if (c == '\n') {
                            if (line.length() == 0) {
                                headDone = true;
                            }
                            line.setLength(0);
                        } else if (c != '\r') {
                            line.append(c);
                        }
                    } else if (chunkLeft < 0) {
                        char c = (char) b[i++];
                        if (c == '\n') {
                            String size = line.toString().trim();
                            line.setLength(0);
                            if (!size.isEmpty()) {
                                chunkLeft = Integer.parseInt(size.split(";")[0], 16);
                                if (chunkLeft == 0) {
                                    closed = true; // the last chunk: the service ended this stream
                                    return;
                                }
                            }
                        } else if (c != '\r') {
                            line.append(c);
                        }
                    } else {
                        int take = Math.min(chunkLeft, n - i);
                        // Lines are only decoded while they matter (before "ready" and while tracking); otherwise the
                        // bytes are skipped unread, so the reader keeps up with 200 busy streams. A line cut by the
                        // switch to decoding is dropped, with the event it belongs to (no tracked write is in flight).
                        boolean decode = !ready || owner.track.get();
                        if (!decode) {
                            if (take > 0) {
                                sse.reset();
                                eventName = null;
                                data.setLength(0);
                                skipLine = b[i + take - 1] != '\n';
                            }
                        } else {
                            for (int k = 0; k < take; k++) {
                                byte x = b[i + k];
                                if (x == '\n') {
                                    if (skipLine) {
                                        skipLine = false;
                                    } else if (sse.size() == 0) {
                                        sseLine("", now, owner);
                                    } else {
                                        sseLine(new String(sse.toByteArray(), StandardCharsets.UTF_8), now, owner);
                                    }
                                    sse.reset();
                                } else if (x != '\r') {
                                    sse.write(x);
                                }
                            }
                        }
                        i += take;
                        chunkLeft -= take;
                        if (chunkLeft == 0) {
                            chunkLeft = -1; // the CRLF after the chunk is read as an empty size line
                        }
                    }
                }
            }

            void sseLine(String l, long now, Listeners owner) {
                if (l.isEmpty()) {
                    if (eventName != null) {
                        if (eventName.equals("ready")) {
                            ready = true;
                        }
                        owner.event(eventName, data.toString(), now);
                    }
                    eventName = null;
                    data.setLength(0);
                } else if (l.startsWith("event:")) {
                    eventName = l.substring(6).trim();
                } else if (l.startsWith("data:")) {
                    data.append(l.substring(5).trim());
                }
            }
        }
    }

    // ---------------------------------------------------------------- the service process

    static final class Service implements AutoCloseable {
        final Process process;
        final Path log;
        final double readySeconds;

        private Service(Process process, Path log, double readySeconds) {
            this.process = process;
            this.log = log;
            this.readySeconds = readySeconds;
        }

        static Service start(String jdbc, List<String> jvm, String name) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(SERVICE_JAVA);
            cmd.addAll(jvm);
            if (Boolean.getBoolean("bench.jfr")) { // profile the service: target/bench-logs/service-<name>.jfr
                cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + LOGS.resolve("service-" + name + ".jfr"));
            }
            cmd.add("-jar");
            cmd.add(JAR);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Path log = LOGS.resolve("service-" + name + ".log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
            env.put("QUARKUS_DATASOURCE_USERNAME", DB_USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
            env.put("QUARKUS_HTTP_HOST", BASE);
            env.put("WORKBENCH_SEEDS_IMPORT_ON_START", "false");
            env.put("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("service exited during start; see " + log);
                }
                if (ready()) {
                    break;
                }
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    p.destroyForcibly();
                    throw new IllegalStateException("service not ready after 120 s; see " + log);
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Cpu.servicePid = p.pid();
            System.out.printf(Locale.ROOT, "    service %s ready in %.2f s%n", name, seconds);
            return new Service(p, log, seconds);
        }

        static boolean ready() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(BASE, PORT), 200);
                s.getOutputStream().write(("GET /q/health/ready HTTP/1.1\r\nHost: " + BASE + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(12);
                return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
            } catch (IOException e) {
                return false;
            }
        }

        /** The process's resident memory in MB: all of it, and its anonymous, file-backed and shared parts. */
        Map<String, Double> memoryMb() throws IOException {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                for (String key : List.of("VmRSS", "RssAnon", "RssFile", "RssShmem")) {
                    if (l.startsWith(key + ":")) {
                        m.put(key, Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 102.4) / 10.0);
                    }
                }
            }
            if (!m.containsKey("VmRSS")) {
                throw new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status");
            }
            return m;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // ---------------------------------------------------------------- output

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    m.put("cpu", l.substring(l.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal")) {
                    m.put("memoryMb", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024);
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        try (Connection c = db(jdbcFor(SCHEMA)); ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            m.put("postgresql", rs.getString(1));
        } catch (SQLException e) {
            m.put("postgresql", "unknown");
        }
        return m;
    }

    /** The first line of {@code java -version}, e.g. {@code openjdk version "25.0.3" 2026-04-21 LTS}. */
    static String javaVersion(String java) {
        try {
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            p.waitFor();
            return first;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void writeResults(Map<String, Object> run) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"run\": ").append(toJson(run)).append(",\n  \"scenarios\": [\n");
        for (int i = 0; i < RESULTS.size(); i++) {
            Result r = RESULTS.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name);
            m.put("metric", r.metric);
            m.put("unit", r.unit);
            m.put("service", r.service == null ? null : round(r.service));
            m.put("baseline", r.baseline == null ? null : round(r.baseline));
            m.put("ratio", r.ratio == null ? null : Math.round(r.ratio * 1000) / 1000.0);
            m.put("target", r.target);
            m.put("pass", r.pass);
            m.put("details", r.details);
            sb.append("    ").append(toJson(m)).append(i + 1 < RESULTS.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, sb.toString());
        System.out.println("\nwrote " + OUT);
    }

    static void printTable() {
        System.out.printf(Locale.ROOT, "%n%-24s %-46s %12s %12s %8s  %-36s %s%n", "scenario", "metric", "service", "baseline",
                "ratio", "target", "");
        for (Result r : RESULTS) {
            System.out.printf(Locale.ROOT, "%-24s %-46s %12s %12s %8s  %-36s %s%n", r.name,
                    r.metric.length() > 46 ? r.metric.substring(0, 46) : r.metric, fmt(r.service) + " " + shortUnit(r.unit),
                    r.baseline == null ? "-" : fmt(r.baseline), r.ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio),
                    r.target, r.pass ? "PASS" : "FAIL");
        }
    }

    static String shortUnit(String u) {
        return switch (u) {
            case "requests/s" -> "/s";
            case "rows/s" -> "rows/s";
            default -> u;
        };
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @SuppressWarnings("unchecked")
    static String toJson(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return json(s);
        }
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : BigDecimalText.of(d);
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(json(String.valueOf(e.getKey()))).append(": ").append(toJson(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(toJson(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return json(o.toString());
    }

    static final class BigDecimalText {
        static String of(double d) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
