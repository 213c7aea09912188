package org.factcheck.workbench.user.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Turns a presented credential into the user's identity, with every role the user's role includes. An unknown,
 * expired or revoked credential yields the anonymous identity, so the endpoint answers 401 with a problem body.
 */
@ApplicationScoped
public class WorkbenchIdentityProvider implements IdentityProvider<CredentialRequest> {

    private final CredentialStore store;

    WorkbenchIdentityProvider(CredentialStore store) {
        this.store = store;
    }

    @Override
    public Class<CredentialRequest> getRequestType() {
        return CredentialRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> store.resolve(request)
                .map(WorkbenchIdentityProvider::identityOf)
                .orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
    }

    static SecurityIdentity identityOf(WorkbenchUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addRoles(user.role().grantedKeys())
                .addAttribute(WorkbenchUser.IDENTITY_ATTRIBUTE, user)
                .build();
    }
}
