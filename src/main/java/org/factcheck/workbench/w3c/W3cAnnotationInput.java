package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.claim.ClaimService;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.TextRules;
import org.factcheck.workbench.w3c.W3cLinks.Links;

/**
 * Reads a W3C annotation sent to the service: the span of the article it targets and the claim it belongs to.
 *
 * <ul>
 * <li>{@code target}: one {@code SpecificResource} whose {@code source} is the article on this service, with a
 * {@code TextPositionSelector} (code points) and/or a {@code TextQuoteSelector}. Other selector types are passed
 * over when one of these two is there.</li>
 * <li>{@code body}: a reference to an existing claim (its address as a string, as {@code id}, or as the
 * {@code source} of a {@code SpecificResource}) attaches the annotation to that claim; otherwise the value of a
 * {@code TextualBody} (purpose {@code describing} or none), or {@code bodyValue}, is the statement of a new claim.
 * Bodies with purpose {@code classifying} or {@code assessing} are the published verdict the service writes out;
 * they are passed over (a verdict is set through the claims API).</li>
 * <li>{@code id}, {@code created}, {@code modified}, {@code creator}, {@code generator} and {@code motivation} are
 * the service's to set and are passed over, except that an {@code id} sent with PUT must be the annotation's.</li>
 * </ul>
 * Errors name the members as JSON paths ({@code target.selector[1].start}).
 */
final class W3cAnnotationInput {

    /** A TextPositionSelector: code points, start inclusive, end exclusive. */
    record Position(int start, int end, String path) {
    }

    record Quote(String exact, String prefix, String suffix, String path) {
    }

    /**
     * What the document asks for. {@code claimId} names an existing claim; else {@code statement}, when not null, is the
     * statement of a new claim.
     */
    record Input(Position position, Quote quote, Long claimId, String claimPath, String statement) {
    }

    private W3cAnnotationInput() {
    }

    static Input read(JsonNode doc, Links links, long articleId, Long annotationId) {
        if (doc == null || !doc.isObject()) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                    "the request body must be a JSON object: a W3C Web Annotation", null);
        }
        FieldErrors errors = new FieldErrors();
        JsonNode context = doc.get("@context");
        if (context != null && !containsString(context, W3c.ANNO_CONTEXT)) {
            errors.add("@context", "must be or include " + W3c.ANNO_CONTEXT);
        }
        JsonNode type = doc.get("type");
        if (type != null && !containsString(type, "Annotation")) {
            errors.add("type", "must be Annotation");
        }
        JsonNode id = doc.get("id");
        if (annotationId != null && id != null && !(id.isTextual() && links.isAnnotation(id.asText(), annotationId))) {
            errors.add("id", "must be this annotation's address, " + links.annotation(annotationId) + " (or be left out)");
        }

        Position position = null;
        Quote quote = null;
        JsonNode target = doc.get("target");
        String targetPath = "target";
        if (target == null || target.isNull()) {
            errors.add("target", "is required: the article's address as source and a TextPositionSelector and/or TextQuoteSelector");
            target = null;
        } else if (target.isArray()) {
            if (target.size() != 1) {
                errors.add("target", "must be one target: an annotation marks one span of one article");
                target = null;
            } else {
                target = target.get(0);
                targetPath = "target[0]";
            }
        }
        if (target != null && !target.isObject()) {
            errors.add(targetPath, "must be an object with source and selector (an annotation marks a span of the text, not the whole article)");
        } else if (target != null) {
            JsonNode source = target.get("source");
            if (source == null || !source.isTextual()) {
                errors.add(targetPath + ".source", "is required: the address of the article, " + links.article(articleId));
            } else if (!links.isArticle(source.asText(), articleId)) {
                errors.add(targetPath + ".source", "must be the address of article " + articleId + " on this service, "
                        + links.article(articleId));
            }
            JsonNode selector = target.get("selector");
            String selectorPath = targetPath + ".selector";
            List<JsonNode> selectors = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            if (selector != null && selector.isArray()) {
                for (int i = 0; i < selector.size(); i++) {
                    selectors.add(selector.get(i));
                    paths.add(selectorPath + "[" + i + "]");
                }
            } else if (selector != null && !selector.isNull()) {
                selectors.add(selector);
                paths.add(selectorPath);
            }
            for (int i = 0; i < selectors.size(); i++) {
                JsonNode s = selectors.get(i);
                String path = paths.get(i);
                if (!s.isObject()) {
                    errors.add(path, "must be a selector object");
                    continue;
                }
                if (containsString(s.get("type"), "TextPositionSelector")) {
                    if (position != null) {
                        errors.add(path, "a second TextPositionSelector; give one");
                        continue;
                    }
                    Integer start = integer(errors, path + ".start", s.get("start"));
                    Integer end = integer(errors, path + ".end", s.get("end"));
                    if (start != null && end != null) {
                        position = new Position(start, end, path);
                    }
                } else if (containsString(s.get("type"), "TextQuoteSelector")) {
                    if (quote != null) {
                        errors.add(path, "a second TextQuoteSelector; give one");
                        continue;
                    }
                    String exact = text(errors, path + ".exact", s.get("exact"), true);
                    String prefix = text(errors, path + ".prefix", s.get("prefix"), false);
                    String suffix = text(errors, path + ".suffix", s.get("suffix"), false);
                    if (exact != null && exact.isEmpty()) {
                        errors.add(path + ".exact", "must not be empty");
                    } else if (exact != null) {
                        quote = new Quote(exact, prefix == null ? "" : prefix, suffix == null ? "" : suffix, path);
                    }
                }
            }
            if (position == null && quote == null && errors.isEmpty()) {
                errors.add(selectorPath, "needs a TextPositionSelector (start and end in Unicode code points) "
                        + "and/or a TextQuoteSelector (exact, with prefix and suffix to tell repeated passages apart)");
            }
        }

        Long claimId = null;
        String claimPath = "body";
        String statement = null;
        String statementPath = null;
        JsonNode body = doc.get("body");
        JsonNode bodyValue = doc.get("bodyValue");
        if (bodyValue != null && body != null) {
            errors.add("bodyValue", "give body or bodyValue, not both");
        } else if (bodyValue != null) {
            statement = text(errors, "bodyValue", bodyValue, true);
            statementPath = "bodyValue";
        }
        List<JsonNode> bodies = new ArrayList<>();
        List<String> bodyPaths = new ArrayList<>();
        if (body != null && body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                bodies.add(body.get(i));
                bodyPaths.add("body[" + i + "]");
            }
        } else if (body != null && !body.isNull()) {
            bodies.add(body);
            bodyPaths.add("body");
        }
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode b = bodies.get(i);
            String path = bodyPaths.get(i);
            String reference = null;
            String referencePath = path;
            if (b.isTextual()) {
                reference = b.asText();
            } else if (!b.isObject()) {
                errors.add(path, "must be an object (a TextualBody, or a reference to a claim) or a claim's address");
                continue;
            } else if (b.has("value") || containsString(b.get("type"), "TextualBody")) {
                Set<String> purposes = strings(b.get("purpose"));
                if (purposes.contains("classifying") || purposes.contains("assessing")) {
                    continue; // the published verdict as the service writes it out; verdicts are set through the claims API
                }
                if (!purposes.isEmpty() && !purposes.equals(Set.of("describing"))) {
                    errors.add(path + ".purpose", "a TextualBody here restates the claim (purpose describing, or none); "
                            + "other purposes are not kept");
                    continue;
                }
                String value = text(errors, path + ".value", b.get("value"), true);
                if (statement != null) {
                    errors.add(path, "a second text for the claim's statement; give one");
                } else if (value != null) {
                    statement = value;
                    statementPath = path + ".value";
                }
                continue;
            } else {
                JsonNode source = b.get("source");
                if (source != null && source.isTextual()) {
                    reference = source.asText();
                    referencePath = path + ".source";
                } else if (source != null && source.isObject() && source.path("id").isTextual()) {
                    reference = source.get("id").asText();
                    referencePath = path + ".source.id";
                } else if (b.path("id").isTextual()) {
                    reference = b.get("id").asText();
                    referencePath = path + ".id";
                }
                if (reference == null) {
                    errors.add(path, "is neither a TextualBody nor a reference to a claim");
                    continue;
                }
            }
            OptionalLong named = links.claimId(reference);
            if (named.isEmpty()) {
                errors.add(referencePath, "names no claim of this service; a claim is named by its address, such as "
                        + links.claim(1));
            } else if (claimId != null && claimId != named.getAsLong()) {
                errors.add(referencePath, "names a second claim; an annotation belongs to one claim");
            } else {
                claimId = named.getAsLong();
                claimPath = referencePath;
            }
        }
        if (claimId != null) {
            statement = null; // the claim named keeps its statement; it is changed through the claims API
        } else if (statement != null) {
            String line = TextNormalizer.normalizeLine(statement);
            if (line == null) {
                errors.add(statementPath, "must not be blank: it is the statement of the new claim");
            } else {
                errors.maxLength(statementPath, line, ClaimService.MAX_STATEMENT);
            }
            statement = line;
        }
        errors.throwIfAny();
        return new Input(position, quote, claimId, claimPath, statement);
    }

    private static Integer integer(FieldErrors errors, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            errors.add(field, "is required (a Unicode code-point offset, 0 or more)");
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(field, "must be a whole number (a Unicode code-point offset)");
            return null;
        }
        return node.intValue();
    }

    private static String text(FieldErrors errors, String field, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string");
            return null;
        }
        String value = node.asText();
        String reason = TextRules.unstorableReason(value);
        if (reason != null) {
            errors.add(field, reason);
            return null;
        }
        return value;
    }

    /** Whether a JSON-LD value (a string, or an array of strings) is or contains the string. */
    static boolean containsString(JsonNode node, String value) {
        return strings(node).contains(value);
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    values.add(n.asText());
                }
            });
        }
        return values;
    }
}
