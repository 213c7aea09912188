package org.factcheck.workbench.user.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.factcheck.workbench.shared.Problems;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.Secrets;
import org.factcheck.workbench.user.WorkbenchUser;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery defence for cookie-authenticated changes: a request from another site's page
 * ({@code Origin}) is refused, and the {@code X-XSRF-TOKEN} header must repeat the readable {@code XSRF-TOKEN}
 * cookie, which must be the one issued with the session. Bearer-token calls carry no ambient credential and
 * need neither check.
 */
public class CsrfFilter {

    public static final String COOKIE = "XSRF-TOKEN";
    public static final String HEADER = "X-XSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;

    @Inject
    WorkbenchConfig config;

    @ServerRequestFilter
    public Optional<Response> checkCsrf(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        WorkbenchUser user = identity.getAttribute(WorkbenchUser.IDENTITY_ATTRIBUTE);
        boolean signIn = "POST".equalsIgnoreCase(request.getMethod())
                && "api/session".equals(trimSlashes(request.getUriInfo().getRequestUri().getPath()));
        if (user == null || !user.viaSession()) {
            // Sign-in itself is checked for origin only (it sets the session); bearer and anonymous calls pass.
            return signIn ? checkOrigin(request) : Optional.empty();
        }
        Optional<Response> origin = checkOrigin(request);
        if (origin.isPresent()) {
            return origin;
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        String header = request.getHeaderString(HEADER);
        if (cookie == null || header == null || !Secrets.constantTimeEquals(cookie.getValue(), header)
                || !Secrets.constantTimeEquals(header, user.csrfToken())) {
            return Optional.of(Problems.response(403, "csrf", "Forbidden",
                    "a change made with the session cookie must carry the X-XSRF-TOKEN header equal to the XSRF-TOKEN cookie"));
        }
        return Optional.empty();
    }

    private Optional<Response> checkOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || sameOrigin(origin, request) || allowed(origin)) {
            return Optional.empty();
        }
        return Optional.of(Problems.response(403, "cross-origin", "Forbidden",
                "changes from pages of another site (Origin " + origin + ") are refused"));
    }

    private static boolean sameOrigin(String origin, ContainerRequestContext request) {
        try {
            URI o = URI.create(origin.trim());
            if (o.getScheme() == null || o.getRawAuthority() == null) {
                return false; // includes the opaque origin "null"
            }
            URI self = request.getUriInfo().getRequestUri();
            String host = request.getHeaderString("Host");
            String selfAuthority = host != null ? host : self.getRawAuthority();
            return o.getScheme().equalsIgnoreCase(self.getScheme())
                    && withDefaultPortStripped(o.getRawAuthority(), o.getScheme())
                            .equalsIgnoreCase(withDefaultPortStripped(selfAuthority, self.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withDefaultPortStripped(String authority, String scheme) {
        if (authority == null) {
            return "";
        }
        if ("http".equalsIgnoreCase(scheme) && authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        if ("https".equalsIgnoreCase(scheme) && authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        return authority;
    }

    private boolean allowed(String origin) {
        List<String> allowed = config.allowedOrigins().orElse(List.of());
        return allowed.stream().anyMatch(a -> a.equalsIgnoreCase(origin.trim()));
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
