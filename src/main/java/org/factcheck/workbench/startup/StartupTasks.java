package org.factcheck.workbench.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.factcheck.workbench.article.SeedImporter;
import org.factcheck.workbench.database.EmbeddedPostgresServer;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.AccountBootstrap;
import org.jboss.logging.Logger;

/** What runs once the schema is migrated: say which database is in use, create the first accounts, load seeds. */
@Singleton
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class);

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                 WorkbenchConfig config, AccountBootstrap accounts, SeedImporter seeds) {
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.current();
        if (embedded != null) {
            LOG.infof("Database: embedded PostgreSQL %s on port %d, data in %s", embedded.version(), embedded.port(),
                    embedded.dataDirectory());
        } else {
            LOG.infof("Database: %s (configured; no embedded server started)", redact(url));
        }
        accounts.run();
        if (config.seeds().importOnStart()) {
            seeds.importIfEmpty();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        EmbeddedPostgresServer.stopRunning();
    }

    /** The URL without a password, should one be written in it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
