package org.factcheck.workbench.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The zero-setup database: a real PostgreSQL started from the binaries shipped in a jar, with its data in a
 * folder of the project. Any failure to start it, or a sign that the port answers for some other server,
 * is a hard error: the service never falls back to whatever database happens to listen.
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE_NAME = "workbench";
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private static EmbeddedPostgresServer running;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String version;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String version) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.version = version;
    }

    /** Starts the server once per class loader; later calls return the running one. */
    public static synchronized EmbeddedPostgresServer start(Path dataDirectory, int port, boolean clean, boolean durable) {
        if (running != null) {
            return running;
        }
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100");
            if (durable) {
                // The library starts PostgreSQL tuned for throw-away tests (-F, synchronous_commit=off).
                // Where an analyst's work lives, acknowledged commits must survive a power cut.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            String version = verifyOwnServer(postgres, dir);
            createDatabaseIfMissing(postgres);
            running = new EmbeddedPostgresServer(postgres, dir, version);
            return running;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start (data directory " + dir + ", port "
                    + (port == 0 ? "any free" : port) + "): " + rootMessage(e)
                    + ". Fix the cause, or point the service at an existing PostgreSQL with QUARKUS_DATASOURCE_JDBC_URL.", e);
        }
    }

    /** The server this class loader started, or null when the service uses a configured database. */
    public static synchronized EmbeddedPostgresServer current() {
        return running;
    }

    public static synchronized void stopRunning() {
        if (running == null) {
            return;
        }
        try {
            running.postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            running = null;
        }
    }

    public String jdbcUrl() {
        // The user goes in the URL: a config source that lists no property names is asked for the URL only.
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE_NAME + "?user=" + USER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String version() {
        return version;
    }

    /** Refuses to go on when the server that answered is not the one running on our data directory. */
    private static String verifyOwnServer(EmbeddedPostgres postgres, Path dir) throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory'), current_setting('server_version')")) {
            rs.next();
            Path served = Path.of(rs.getString(1)).toRealPath();
            if (!served.equals(dir.toRealPath())) {
                throw new IllegalStateException("port " + postgres.getPort() + " is answered by another PostgreSQL (data directory "
                        + served + "), not the embedded one");
            }
            return rs.getString(2);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE_NAME + " ENCODING 'UTF8' TEMPLATE template0");
        }
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL running on the data directory; that server would make
     * the next start fail. Ask it to shut down (SIGTERM, a "smart" shutdown whose clients are gone) and wait.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<Long> pid = Files.readAllLines(pidFile).stream().findFirst().map(String::trim).flatMap(line -> {
            try {
                return Optional.of(Long.parseLong(line));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        LOG.warnf("Stopping a PostgreSQL (pid %d) left running on %s by an earlier run", process.get().pid(), dir);
        process.get().destroy();
        try {
            process.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the PostgreSQL left running on " + dir + " (pid " + process.get().pid() + ") did not stop", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
