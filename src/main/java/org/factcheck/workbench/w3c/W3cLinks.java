package org.factcheck.workbench.w3c;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.factcheck.workbench.shared.WorkbenchConfig;

/**
 * Absolute addresses of the resources that W3C documents name. They start at {@code workbench.public.base-url}
 * when it is set (a service behind a proxy), else at the address the request came to.
 */
@ApplicationScoped
public class W3cLinks {

    static final int MAX_PAGE_SIZE = 1000;

    private final WorkbenchConfig config;

    W3cLinks(WorkbenchConfig config) {
        this.config = config;
    }

    /**
     * Refuses, at start rather than at the first export, a configured base URL that could not make absolute http(s)
     * links and a page size outside 1..1000.
     */
    void validate(@Observes StartupEvent start) {
        config.publicSite().baseUrl().ifPresent(W3cLinks::configuredRoot);
        checkPageSize(config.w3c().pageSize());
    }

    static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalStateException("workbench.w3c.page-size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
    }

    /** The links of one request. */
    public Links of(UriInfo uriInfo) {
        String root = config.publicSite().baseUrl().map(W3cLinks::configuredRoot).orElseGet(() -> requestRoot(uriInfo));
        return new Links(root + "/api");
    }

    static String configuredRoot(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return stripSlashes(uri.toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("workbench.public.base-url must be an absolute http or https URL such as "
                    + "https://desk.example.org (no query, fragment or user info), not: " + value);
        }
    }

    /** The request's address up to, not including, the REST root {@code /api}. */
    private static String requestRoot(UriInfo uriInfo) {
        String base = stripSlashes(uriInfo.getBaseUri().toString());
        return base.endsWith("/api") ? base.substring(0, base.length() - 4) : base;
    }

    private static String stripSlashes(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** Addresses under one API root such as {@code https://desk.example.org/api}. */
    public record Links(String api) {

        private static final Pattern CLAIM_PATH = Pattern.compile("/claims/([1-9][0-9]{0,17})/?");

        /** The service's own address, without the REST root. */
        public String root() {
            return api.substring(0, api.length() - "/api".length());
        }

        public String container(long articleId) {
            return api + "/w3c/articles/" + articleId + "/annotations/";
        }

        public String page(long articleId, int page, boolean iris) {
            return container(articleId) + "?page=" + page + (iris ? "&iris=1" : "");
        }

        public String annotation(long id) {
            return api + "/w3c/annotations/" + id;
        }

        public String article(long articleId) {
            return api + "/articles/" + articleId;
        }

        public String claim(long claimId) {
            return api + "/claims/" + claimId;
        }

        public String verdict(long claimId, int revision) {
            return claim(claimId) + "/verdicts/" + revision;
        }

        public String rating(String key) {
            return api + "/ratings#" + key;
        }

        /** The service itself, as the generator of the annotations. */
        public String service() {
            return api.substring(0, api.length() - 4) + "/";
        }

        /** The claim id in an address of this service's form {@code .../api/claims/{id}}; empty for any other address. */
        public OptionalLong claimId(String iri) {
            String rest = under(iri);
            if (rest == null) {
                return OptionalLong.empty();
            }
            Matcher m = CLAIM_PATH.matcher(rest);
            return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        }

        /** Whether an address names this article of this service. */
        public boolean isArticle(String iri, long articleId) {
            String rest = under(iri);
            return rest != null && (rest.equals("/articles/" + articleId) || rest.equals("/articles/" + articleId + "/"));
        }

        /** Whether an address names this annotation of this service. */
        public boolean isAnnotation(String iri, long id) {
            String rest = under(iri);
            return rest != null && rest.equals("/w3c/annotations/" + id);
        }

        /** The path after the API root when the address is under it (scheme and host compared case-insensitively), else null. */
        private String under(String iri) {
            if (iri == null) {
                return null;
            }
            try {
                URI uri = new URI(iri.strip());
                URI root = new URI(api);
                if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getScheme() == null
                        || !uri.getScheme().equalsIgnoreCase(root.getScheme())
                        || uri.getRawAuthority() == null || !uri.getRawAuthority().equalsIgnoreCase(root.getRawAuthority())) {
                    return null;
                }
                String path = uri.getRawPath();
                return path != null && path.startsWith(root.getRawPath() + "/") ? path.substring(root.getRawPath().length()) : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
