package org.factcheck.workbench.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.jboss.logging.Logger;

/**
 * First start: when there is no user at all, an admin is created with WORKBENCH_ADMIN_PASSWORD, or with a random
 * password printed once in the log. Dev mode adds its demo accounts.
 */
@ApplicationScoped
public class AccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);
    /** Serialises the first start of several instances on one database. */
    private static final long LOCK_KEY = 0x5742_0001L;

    /** The demo accounts of dev mode: username, display name, role. Password: "workbench-" + username. */
    public static final List<String[]> DEMO_ACCOUNTS = List.of(
            new String[] {"rita", "Rita Reviewer", "reviewer"},
            new String[] {"ana", "Ana Analyst", "analyst"},
            new String[] {"omar", "Omar Analyst", "analyst"},
            new String[] {"vic", "Vic Viewer", "viewer"});

    private final EntityManager em;
    private final UserService users;
    private final WorkbenchConfig config;

    AccountBootstrap(EntityManager em, UserService users, WorkbenchConfig config) {
        this.em = em;
        this.users = users;
        this.config = config;
    }

    @Transactional
    public void run() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", LOCK_KEY).getSingleResult();
        long count = em.createQuery("SELECT count(u) FROM AppUser u", Long.class).getSingleResult();
        if (count == 0) {
            String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
            boolean generated = password == null;
            if (generated) {
                password = Secrets.random(18);
            } else {
                String problem = PasswordHasher.policyViolation(password, "admin");
                if (problem != null) {
                    throw new IllegalStateException("WORKBENCH_ADMIN_PASSWORD " + problem);
                }
            }
            users.createIfMissing("admin", "Administrator", password, Role.ADMIN);
            if (generated) {
                LOG.warnf("First start: created user 'admin' with the generated password %s (shown once; set "
                        + "WORKBENCH_ADMIN_PASSWORD before the first start to choose it)", password);
            } else {
                LOG.info("First start: created user 'admin' with the password from WORKBENCH_ADMIN_PASSWORD");
            }
        }
        if (config.demoUsers()) {
            for (String[] account : DEMO_ACCOUNTS) {
                if (users.createIfMissing(account[0], account[1], "workbench-" + account[0], Role.fromKey(account[2]).orElseThrow())) {
                    LOG.infof("Demo account %s (%s) created, password workbench-%s", account[0], account[2], account[0]);
                }
            }
        }
    }
}
