package org.factcheck.workbench.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void hashesAsSha256InLowercaseHex() {
        // FIPS 180-2 test vectors, and a secret outside ASCII (hashed as UTF-8)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256("abc"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Secrets.sha256(""));
        assertEquals("1749b1be3264c4a4bd89d1e1427ae31b79f5af9d0a9d9c7410eb19c92d69c2ca", Secrets.sha256("🎉 مرحبا"));
    }

    @Test
    void concurrentHashesDoNotShareState() throws Exception {
        List<String> secrets = IntStream.range(0, 2_000).mapToObj(i -> "secret-" + i + "-" + "x".repeat(i % 97)).toList();
        List<String> expected = secrets.stream().map(Secrets::sha256).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = IntStream.range(0, 8)
                    .mapToObj(t -> pool.submit(() -> secrets.stream().map(Secrets::sha256).toList())).toList();
            for (Future<List<String>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
