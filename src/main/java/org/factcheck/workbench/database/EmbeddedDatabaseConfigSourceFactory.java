package org.factcheck.workbench.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource URL of the embedded PostgreSQL when none is configured. An explicit
 * {@code QUARKUS_DATASOURCE_JDBC_URL} (or {@code quarkus.datasource.jdbc.url}) wins and no embedded server starts.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250), environment (300) and system properties (400). */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue("quarkus.datasource.jdbc.url"))
                || !Boolean.parseBoolean(valueOr(context, "workbench.embedded-db.enabled", "true"))) {
            return List.of();
        }
        Path dataDir = Path.of(valueOr(context, "workbench.embedded-db.data-dir", ".workbench/pgdata"));
        int port = Integer.parseInt(valueOr(context, "workbench.embedded-db.port", "0"));
        boolean clean = Boolean.parseBoolean(valueOr(context, "workbench.embedded-db.clean", "false"));
        boolean durable = Boolean.parseBoolean(valueOr(context, "workbench.embedded-db.durable", "true"));
        return List.of(new EmbeddedDatabaseConfigSource(() -> EmbeddedPostgresServer.start(dataDir, port, clean, durable)));
    }

    /**
     * Starts the server when the URL is first read, which happens when the datasource is set up at run time;
     * building the application reads the property names only and starts nothing.
     */
    static final class EmbeddedDatabaseConfigSource implements ConfigSource {
        private final Supplier<EmbeddedPostgresServer> starter;

        EmbeddedDatabaseConfigSource(Supplier<EmbeddedPostgresServer> starter) {
            this.starter = starter;
        }

        /**
         * Empty on purpose: the build reads every listed property, which would start the server while
         * packaging. Look-ups by name still reach {@link #getValue}.
         */
        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String name) {
            switch (name) {
                case "quarkus.datasource.jdbc.url":
                    return starter.get().jdbcUrl();
                case "workbench.database.embedded-data-dir":
                    return starter.get().dataDirectory().toString();
                case "workbench.database.embedded-version":
                    return starter.get().version();
                default:
                    return null;
            }
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }

        @Override
        public String getName() {
            return "embedded PostgreSQL";
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? value.getValue().trim() : fallback;
    }
}
