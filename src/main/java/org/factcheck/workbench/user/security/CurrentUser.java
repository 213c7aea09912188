package org.factcheck.workbench.user.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.factcheck.workbench.user.WorkbenchUser;

/** The user of the current request, for resources to hand to services. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<WorkbenchUser> find() {
        return Optional.ofNullable(identity.getAttribute(WorkbenchUser.IDENTITY_ATTRIBUTE));
    }

    public WorkbenchUser get() {
        return find().orElseThrow(UnauthorizedException::new);
    }
}
