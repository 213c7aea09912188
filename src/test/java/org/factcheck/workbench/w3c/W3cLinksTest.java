package org.factcheck.workbench.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.factcheck.workbench.w3c.W3cLinks.Links;
import org.junit.jupiter.api.Test;

class W3cLinksTest {

    private final Links links = new Links("https://desk.example.org/workbench/api");

    @Test
    void buildsAbsoluteAddresses() {
        assertThat(links.annotation(7)).isEqualTo("https://desk.example.org/workbench/api/w3c/annotations/7");
        assertThat(links.container(3)).isEqualTo("https://desk.example.org/workbench/api/w3c/articles/3/annotations/");
        assertThat(links.page(3, 2, true)).isEqualTo("https://desk.example.org/workbench/api/w3c/articles/3/annotations/?page=2&iris=1");
        assertThat(links.page(3, 0, false)).isEqualTo("https://desk.example.org/workbench/api/w3c/articles/3/annotations/?page=0");
        assertThat(links.article(3)).isEqualTo("https://desk.example.org/workbench/api/articles/3");
        assertThat(links.service()).isEqualTo("https://desk.example.org/workbench/");
    }

    @Test
    void readsClaimAddressesOfThisServiceOnly() {
        assertThat(links.claimId("https://desk.example.org/workbench/api/claims/42")).isEqualTo(OptionalLong.of(42));
        assertThat(links.claimId("HTTPS://Desk.Example.org/workbench/api/claims/42/")).isEqualTo(OptionalLong.of(42));
        for (String other : List.of("https://other.example.org/workbench/api/claims/42", "http://desk.example.org/workbench/api/claims/42",
                "https://desk.example.org/api/claims/42", "https://desk.example.org/workbench/api/claims/42?x=1",
                "https://desk.example.org/workbench/api/claims/42/verdicts/1", "https://desk.example.org/workbench/api/claims/0",
                "https://desk.example.org/workbench/api/claims/abc", "/workbench/api/claims/42", "not a url", "")) {
            assertThat(links.claimId(other)).as(other).isEmpty();
        }
        assertThat(links.claimId(null)).isEmpty();
    }

    @Test
    void recognisesTheArticleAndTheAnnotation() {
        assertThat(links.isArticle("https://desk.example.org/workbench/api/articles/5", 5)).isTrue();
        assertThat(links.isArticle("https://desk.example.org/workbench/api/articles/5", 6)).isFalse();
        assertThat(links.isArticle("https://desk.example.org/workbench/api/articles/55", 5)).isFalse();
        assertThat(links.isArticle("https://example.org/news/5", 5)).isFalse();
        assertThat(links.isAnnotation("https://desk.example.org/workbench/api/w3c/annotations/9", 9)).isTrue();
        assertThat(links.isAnnotation("https://desk.example.org/workbench/api/annotations/9", 9)).isFalse();
    }

    @Test
    void aConfiguredBaseUrlMustBeAnAbsoluteHttpUrl() {
        assertThat(W3cLinks.configuredRoot("https://desk.example.org/")).isEqualTo("https://desk.example.org");
        assertThat(W3cLinks.configuredRoot(" http://localhost:8080/workbench ")).isEqualTo("http://localhost:8080/workbench");
        for (String bad : List.of("desk.example.org", "ftp://desk.example.org", "https://desk.example.org/?x=1",
                "https://user@desk.example.org", "https://desk.example.org/#top", "http://")) {
            assertThatThrownBy(() -> W3cLinks.configuredRoot(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("workbench.public.base-url");
        }
    }

    @Test
    void aConfiguredPageSizeMustBeBetweenOneAndAThousand() {
        W3cLinks.checkPageSize(1);
        W3cLinks.checkPageSize(1000);
        for (int bad : new int[] {0, -1, 1001, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> W3cLinks.checkPageSize(bad)).as("%d", bad).isInstanceOf(IllegalStateException.class)
                    .hasMessage("workbench.w3c.page-size must be between 1 and 1000, not " + bad);
        }
    }
}
