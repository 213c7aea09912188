package org.factcheck.workbench.shared;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the workbench, under the prefix {@code workbench}; the README lists them. */
@ConfigMapping(prefix = "workbench")
public interface WorkbenchConfig {

    /** Password of the first admin, used only when there is no user at all (env WORKBENCH_ADMIN_PASSWORD). */
    Optional<String> adminPassword();

    /** Creates the demo accounts of dev mode when they are missing. */
    @WithDefault("false")
    boolean demoUsers();

    /** bcrypt work factor for new password hashes (each +1 doubles the time of a sign-in). */
    @WithDefault("12")
    int bcryptCost();

    Seeds seeds();

    Session session();

    Article article();

    Review review();

    EmbeddedDb embeddedDb();

    Events events();

    Desk desk();

    @io.smallrye.config.WithName("import")
    Import importing();

    /** How the service is reached from outside. */
    @WithName("public")
    PublicSite publicSite();

    W3c w3c();

    /** Origins besides the service's own that may send cookie-authenticated changes (e.g. a separate UI host). */
    Optional<List<String>> allowedOrigins();

    interface Seeds {
        /** Imports the seed articles at start-up when there are no articles yet. */
        @WithDefault("true")
        boolean importOnStart();
    }

    interface Session {
        /** A session ends after this long without a request. */
        @WithDefault("PT12H")
        Duration idleTimeout();

        /** A session ends this long after sign-in, however active. */
        @WithDefault("PT168H")
        Duration absoluteTimeout();
    }

    interface Article {
        /** Longest article body accepted, in code points. */
        @WithDefault("2000000")
        int maxLength();
    }

    interface Review {
        /** Four-eyes rule: a reviewer may not publish a verdict they wrote. Turn off for one-person desks. */
        @WithDefault("true")
        boolean fourEyes();
    }

    /** How the desk presents itself in exports. */
    interface Desk {
        /** The desk's public name: the author of its ClaimReview objects. */
        @WithDefault("Fact-check desk")
        String name();
    }

    interface Import {
        /** Largest single file accepted by the article import, in bytes. */
        @WithDefault("5242880")
        long maxFileBytes();

        /** Most files in one import request. */
        @WithDefault("100")
        int maxFiles();
    }

    interface Events {
        /** How often each instance looks for events written through other instances. */
        @WithDefault("PT0.05S")
        Duration pollInterval();
    }

    interface PublicSite {
        /**
         * The service's address as clients reach it, such as {@code https://desk.example.org}, for the absolute links
         * of W3C Web Annotation documents. Unset: the address of each request.
         */
        Optional<String> baseUrl();
    }

    interface W3c {
        /**
         * Annotations on one page of a W3C annotation container, 1 to 1000 (checked at start by W3cLinks: a constraint
         * annotation here would make Quarkus build a second Hibernate Validator for the configuration alone: 0.2 s of
         * every start with the class-data archive, 0.9 s without).
         */
        @WithDefault("100")
        int pageSize();
    }

    interface EmbeddedDb {
        /** Starts an embedded PostgreSQL when no datasource URL is configured. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault(".workbench/pgdata")
        String dataDir();

        /** 0 picks a free port. */
        @WithDefault("0")
        int port();

        /** Wipes the data directory at start (tests). */
        @WithDefault("false")
        boolean clean();

        /** fsync and synchronous commit on, so acknowledged work survives a crash. */
        @WithDefault("true")
        boolean durable();
    }
}
