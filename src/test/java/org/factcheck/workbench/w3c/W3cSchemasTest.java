package org.factcheck.workbench.w3c;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The schema check itself: it loads every listed assertion, passes a conforming document and catches broken ones. */
class W3cSchemasTest {

    private static final String VALID = """
            {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno1", "type": "Annotation",
             "created": "2017-09-27T10:00:00Z", "motivation": "describing",
             "body": [{"type": "TextualBody", "purpose": "describing", "value": "28 SDF members died", "format": "text/plain"},
                      {"type": "SpecificResource", "purpose": "identifying", "source": "http://example.org/claims/1"}],
             "target": {"type": "SpecificResource", "source": "http://example.org/articles/1",
                        "selector": [{"type": "TextQuoteSelector", "exact": "28 SDF", "prefix": "killed ", "suffix": " members"},
                                     {"type": "TextPositionSelector", "start": 7, "end": 13}]}}""";

    @Test
    void loadsEveryAssertionOfBothMustLists() {
        assertThat(W3cSchemas.annotationAssertions()).hasSize(54);
        assertThat(W3cSchemas.collectionAssertions()).hasSize(10);
        assertThat(W3cSchemas.annotationAssertions()).allMatch(W3cSchemas.Assertion::expectValid);
    }

    @Test
    void passesAConformingAnnotationAndCollection() {
        assertThat(W3cSchemas.annotationFailures(W3cSchemas.parse(VALID))).isEmpty();
        JsonNode collection = W3cSchemas.parse("""
                {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/c/", "type": "AnnotationCollection",
                 "label": "An article", "total": 1, "first": {"id": "http://example.org/c/?page=0", "type": "AnnotationPage",
                 "items": [%s]}, "last": "http://example.org/c/?page=0"}""".formatted(VALID));
        assertThat(W3cSchemas.collectionFailures(collection)).isEmpty();
    }

    @Test
    void catchesAnnotationsThatBreakAMust() {
        ObjectNode noTarget = (ObjectNode) W3cSchemas.parse(VALID);
        noTarget.remove("target");
        assertThat(W3cSchemas.annotationFailures(noTarget)).anyMatch(f -> f.startsWith("annotations/3.1-targetKeyFound.json"));

        ObjectNode wrongContext = (ObjectNode) W3cSchemas.parse(VALID);
        wrongContext.put("@context", "http://example.org/context.jsonld");
        assertThat(W3cSchemas.annotationFailures(wrongContext)).anyMatch(f -> f.startsWith("annotations/3.1-annotationContextValidated.json"));

        ObjectNode badCreated = (ObjectNode) W3cSchemas.parse(VALID);
        badCreated.put("created", "yesterday");
        assertThat(W3cSchemas.annotationFailures(badCreated)).anyMatch(f -> f.startsWith("annotations/3.3.1-annotationCreatedValidated.json"));

        // A body with an id is an External Web Resource, which may not have a purpose.
        ObjectNode purposeOnResource = (ObjectNode) W3cSchemas.parse(VALID);
        ((ObjectNode) purposeOnResource.get("body").get(0)).put("id", "http://example.org/statement");
        assertThat(W3cSchemas.annotationFailures(purposeOnResource)).anyMatch(f -> f.contains("3.3.5-bodyEWRNoPurpose.json"));

        ObjectNode negativeStart = (ObjectNode) W3cSchemas.parse(VALID);
        ((ObjectNode) negativeStart.get("target").get("selector").get(1)).put("start", -1);
        assertThat(W3cSchemas.annotationFailures(negativeStart)).isNotEmpty();
    }

    @Test
    void catchesACollectionWithoutItsFirstPage() {
        ObjectNode collection = (ObjectNode) W3cSchemas.parse("""
                {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/c/", "type": "AnnotationCollection",
                 "label": "An article", "total": 3}""");
        assertThat(W3cSchemas.collectionFailures(collection)).anyMatch(f -> f.startsWith("collections/5.1-collectionFirstValidated.json"));
        collection.put("type", "Collection");
        assertThat(W3cSchemas.collectionFailures(collection)).anyMatch(f -> f.startsWith("collections/5.1-collectionTypeValidated.json"));
        ArrayNode labels = collection.putArray("label");
        assertThat(W3cSchemas.collectionFailures(collection)).anyMatch(f -> f.startsWith("collections/5.1-collectionLabelValidated.json"));
    }
}
