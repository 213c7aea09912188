package org.factcheck.workbench.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged service (target/quarkus-app/quarkus-run.jar) started as a separate process on a free port. */
final class ServiceInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceInstance start(String name, String jdbcUrl, Map<String, String> env) throws IOException {
        return start(name, jdbcUrl, env, List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=false"));
    }

    /** Starts the jar with these JVM options (heap size, -D settings), and waits until it is ready. */
    static ServiceInstance start(String name, String jdbcUrl, Map<String, String> env, List<String> jvmOptions) throws IOException {
        ServiceInstance instance = launch(name, jdbcUrl, env, jvmOptions, freePort());
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    /** Starts the jar and returns at once (for a service started before its database). */
    static ServiceInstance startWithoutWaiting(String name, String jdbcUrl, Map<String, String> env) throws IOException {
        return launch(name, jdbcUrl, env, List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=false"), freePort());
    }

    /** Starts the jar again on the same port, after a crash. */
    ServiceInstance restart(String jdbcUrl, Map<String, String> env, List<String> jvmOptions) throws IOException {
        ServiceInstance instance = launch(log.getFileName().toString().replace("instance-", "").replace(".log", "") + "-again",
                jdbcUrl, env, jvmOptions, port);
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    /** SIGKILL: no shutdown hooks, no flushing, as a power cut or an OOM killer would do it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private static ServiceInstance launch(String name, String jdbcUrl, Map<String, String> env, List<String> jvmOptions,
                                          int port) throws IOException {
        Path jar = Path.of(System.getProperty("workbench.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Path.of(System.getProperty("workbench.target", "target"), "instance-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        command.addAll(jvmOptions);
        if (jdbcUrl != null) {
            command.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl);
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (jdbcUrl == null) {
            // The service's own embedded database: no datasource settings may leak in from the test's environment.
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE_"));
        }
        builder.environment().putAll(env);
        return new ServiceInstance(builder.start(), port, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the service did not become ready in " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
