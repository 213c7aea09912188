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

    /** Set on the anonymous identity of a request whose credential could not be checked (database down). */
    public static final String UNCHECKED = "workbench.credential-unchecked";

    @Override
    public Uni<SecurityIdentity> authenticate(CredentialRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            try {
                return store.resolve(request)
                        .map(WorkbenchIdentityProvider::identityOf)
                        .orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build());
            } catch (CredentialStore.CredentialCheckUnavailable e) {
                // Not "unauthenticated": the service cannot tell. The request is answered 503 (see ProblemMappers).
                return QuarkusSecurityIdentity.builder().setAnonymous(true).addAttribute(UNCHECKED, Boolean.TRUE).build();
            }
        });
    }

    static SecurityIdentity identityOf(WorkbenchUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addRoles(user.role().grantedKeys())
                .addAttribute(WorkbenchUser.IDENTITY_ATTRIBUTE, user)
                .build();
    }
}
