package org.factcheck.workbench.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreferTest {

    private static final String MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
    private static final String IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
    private static final String DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

    @Test
    void noPreferenceMeansDescriptionsEmbedded() {
        Prefer prefer = Prefer.parse(null);
        assertThat(prefer.minimalContainer()).isFalse();
        assertThat(prefer.contained()).isEqualTo(Prefer.Contained.DESCRIPTIONS);
        assertThat(prefer.containerPreferenceGiven()).isFalse();
        assertThat(Prefer.parse(List.of()).representation()).isFalse();
    }

    @Test
    void readsIncludeWithSeveralIrisAndSpacing() {
        Prefer prefer = Prefer.parse(List.of("return=representation ; include=\"" + MINIMAL + "  " + IRIS + "\""));
        assertThat(prefer.minimalContainer()).isTrue();
        assertThat(prefer.contained()).isEqualTo(Prefer.Contained.IRIS);
        assertThat(prefer.containerPreferenceGiven()).isTrue();
    }

    @Test
    void descriptionsWinOverIrisAndOmitIsRead() {
        assertThat(Prefer.parse(List.of("return=representation;include=\"" + IRIS + " " + DESCRIPTIONS + "\"")).contained())
                .isEqualTo(Prefer.Contained.DESCRIPTIONS);
        assertThat(Prefer.parse(List.of("return=representation;omit=\"" + DESCRIPTIONS + "\"")).contained())
                .isEqualTo(Prefer.Contained.IRIS);
        assertThat(Prefer.parse(List.of("return=representation;omit=\"http://www.w3.org/ns/ldp#PreferContainment\""))
                .minimalContainer()).isTrue();
    }

    @Test
    void otherPreferencesAndHeadersAreIgnored() {
        Prefer prefer = Prefer.parse(List.of("respond-async, wait=10", "handling=lenient"));
        assertThat(prefer.representation()).isFalse();
        assertThat(prefer.containerPreferenceGiven()).isFalse();
        // include without return=representation is no container preference
        assertThat(Prefer.parse(List.of("include=\"" + MINIMAL + "\"")).minimalContainer()).isFalse();
        assertThat(Prefer.parse(List.of("respond-async, return=minimal")).minimal()).isTrue();
        assertThat(Prefer.parse(List.of("RETURN=Representation; Include=\"" + MINIMAL + "\"")).minimalContainer()).isTrue();
    }
}
