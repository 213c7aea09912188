package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.factcheck.workbench.annotation.Annotation;
import org.factcheck.workbench.annotation.AnnotationService;
import org.factcheck.workbench.annotation.AnnotationService.ClaimChoice;
import org.factcheck.workbench.annotation.AnnotationService.Fields;
import org.factcheck.workbench.annotation.AnnotationService.Span;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.Problem;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.WorkbenchUser;
import org.factcheck.workbench.w3c.W3cAnnotationInput.Input;
import org.factcheck.workbench.w3c.W3cAnnotationInput.Quote;
import org.factcheck.workbench.w3c.W3cLinks.Links;

/**
 * Writes through the Web Annotation Protocol. The rules are the highlight rules of {@link AnnotationService}
 * (positions in code points inside the body, the quote equal to the text there, no blank span, no duplicate span for
 * one claim); what is added is anchoring by quote when no position is given.
 */
@ApplicationScoped
@Transactional
public class W3cAnnotationService {

    private final EntityManager em;
    private final AnnotationService annotations;
    private final W3cDocuments documents;

    W3cAnnotationService(EntityManager em, AnnotationService annotations, W3cDocuments documents) {
        this.em = em;
        this.annotations = annotations;
        this.documents = documents;
    }

    /** A new annotation on the article; returns it as stored. */
    public W3cDocuments.Row create(long articleId, JsonNode doc, Links links, WorkbenchUser actor) {
        annotations.articleLength(articleId); // 404 for an unknown article before anything else
        Input input = W3cAnnotationInput.read(doc, links, articleId, null);
        Fields fields = fields(input);
        Span span = anchor(articleId, input, fields);
        ClaimChoice choice = input.claimId() != null ? ClaimChoice.existing(input.claimId())
                : ClaimChoice.newClaim(input.statement(), null, null);
        Annotation created = annotations.attach(articleId, span, choice, actor, fields).annotation();
        return documents.row(created.id);
    }

    /**
     * Replaces the target and the claim of an annotation (PUT). Without a claim named in the body and without a
     * statement, the annotation keeps its claim.
     */
    public W3cDocuments.Row replace(long id, String ifMatch, JsonNode doc, Links links, WorkbenchUser actor) {
        Annotation annotation = annotations.lockForChange(id, ifMatch);
        Input input = W3cAnnotationInput.read(doc, links, annotation.articleId, id);
        Fields fields = fields(input);
        Span span = anchor(annotation.articleId, input, fields);
        ClaimChoice choice = input.claimId() != null ? ClaimChoice.existing(input.claimId())
                : input.statement() != null ? ClaimChoice.newClaim(input.statement(), null, null) : null;
        annotations.update(annotation, span, choice, actor, fields);
        return documents.row(id);
    }

    /** Deletes an annotation; {@code If-Match}, when sent, must name its current version (412 otherwise). */
    public void delete(long id, String ifMatch, WorkbenchUser actor) {
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : ETags.requiredVersion(ifMatch, "annotation " + id);
        annotations.delete(id, expected, actor);
    }

    private static Fields fields(Input input) {
        String position = input.position() == null ? null : input.position().path();
        String quote = input.quote() == null ? null : input.quote().path() + ".exact";
        return new Fields(position == null ? quote : position + ".start", position == null ? quote : position + ".end",
                quote == null ? position : quote, input.claimPath());
    }

    /**
     * The span the selectors name. With a position, the text there (and the quote, when given, must be it: 422
     * otherwise). With only a quote, the one place in the body where it stands between its prefix and suffix.
     */
    private Span anchor(long articleId, Input input, Fields fields) {
        if (input.position() != null) {
            Span span = annotations.cut(articleId, input.position().start(), input.position().end(), fields);
            return input.quote() == null ? span : AnnotationService.checkQuote(span, input.quote().exact(), fields);
        }
        Quote quote = input.quote();
        String body = em.createQuery("SELECT a.body FROM Article a WHERE a.id = :id", String.class)
                .setParameter("id", articleId).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("article " + articleId));
        int occurrences = 0;
        int matches = 0;
        int found = -1;
        String exact = quote.exact();
        for (int i = body.indexOf(exact); i >= 0; i = body.indexOf(exact, i + 1)) {
            occurrences++;
            int after = i + exact.length();
            if (i >= quote.prefix().length() && body.startsWith(quote.prefix(), i - quote.prefix().length())
                    && body.startsWith(quote.suffix(), after)) {
                matches++;
                if (found < 0) {
                    found = i;
                }
            }
        }
        String field = quote.path() + ".exact";
        if (matches == 0) {
            String detail = occurrences == 0 ? "the quote is not in the article's text"
                    : "the quote is in the article's text " + occurrences + " time(s), but never between this prefix and suffix";
            throw ProblemException.unprocessable("quote-mismatch", detail,
                    List.of(new Problem.FieldError(field, occurrences == 0 ? "is not in the article" : "does not stand between prefix and suffix")));
        }
        if (matches > 1) {
            throw ProblemException.unprocessable("ambiguous-quote",
                    "the quote stands " + matches + " times in the article between this prefix and suffix; give a longer "
                            + "prefix or suffix, or a TextPositionSelector",
                    List.of(new Problem.FieldError(field, "matches " + matches + " places in the article")));
        }
        int start = body.codePointCount(0, found);
        int end = start + exact.codePointCount(0, exact.length());
        return AnnotationService.checkQuote(annotations.cut(articleId, start, end, fields), exact, fields);
    }
}
