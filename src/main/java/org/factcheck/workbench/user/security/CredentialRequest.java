package org.factcheck.workbench.user.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A session cookie or a bearer token presented by a request, to be resolved to a user. */
public final class CredentialRequest extends BaseAuthenticationRequest {

    public enum Kind { SESSION, TOKEN }

    private final Kind kind;
    private final String secret;

    public CredentialRequest(Kind kind, String secret) {
        this.kind = kind;
        this.secret = secret;
    }

    public Kind kind() {
        return kind;
    }

    public String secret() {
        return secret;
    }
}
