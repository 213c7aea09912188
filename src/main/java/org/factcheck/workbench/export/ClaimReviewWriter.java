package org.factcheck.workbench.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import org.factcheck.workbench.shared.WorkbenchConfig;

/**
 * schema.org ClaimReview, as fact-check databases and search engines read it: one object per claim with a
 * verdict, in a JSON array. Follows Google's documented fields: required claimReviewed, reviewRating (with
 * alternateName) and url; recommended author, datePublished, and itemReviewed (a Claim with author,
 * datePublished and appearance).
 */
final class ClaimReviewWriter implements RecordWriter {

    static final int BEST_RATING = 5;
    static final int WORST_RATING = 1;

    private final ObjectMapper mapper;
    private final JsonGenerator json;
    private final WorkbenchConfig.Desk desk;
    private final String base;

    /** @param base the desk's public address; a claim's public URL is this plus /claims/{id} */
    ClaimReviewWriter(ObjectMapper mapper, OutputStream out, WorkbenchConfig.Desk desk, String base) throws IOException {
        this.base = base;
        this.mapper = mapper;
        this.json = mapper.getFactory().createGenerator(out);
        this.json.setCodec(mapper);
        this.desk = desk;
    }

    @Override
    public void start() throws IOException {
        json.writeStartArray();
    }

    @Override
    public void write(ExportRecord r) throws IOException {
        if (r.verdict() != null) {
            json.writeTree(claimReview(r));
        }
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.flush();
    }

    ObjectNode claimReview(ExportRecord r) {
        ExportRecord.Verdict v = r.verdict();
        ObjectNode review = mapper.createObjectNode();
        review.put("@context", "https://schema.org");
        review.put("@type", "ClaimReview");
        review.put("url", base + "/claims/" + r.claimId());
        review.put("claimReviewed", r.statement());
        java.time.Instant when = v.publishedAt() != null ? v.publishedAt() : v.updatedAt();
        if (when != null) {
            review.put("datePublished", when.atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        ObjectNode author = review.putObject("author");
        author.put("@type", "Organization");
        author.put("name", desk.name());
        author.put("url", base);
        ObjectNode rating = review.putObject("reviewRating");
        rating.put("@type", "Rating");
        rating.put("alternateName", v.ratingLabel());
        if (v.ratingValue() != null) {
            rating.put("ratingValue", v.ratingValue());
            rating.put("bestRating", BEST_RATING);
            rating.put("worstRating", WORST_RATING);
        }
        ObjectNode claim = review.putObject("itemReviewed");
        claim.put("@type", "Claim");
        if (r.claimant() != null) {
            ObjectNode claimant = claim.putObject("author");
            claimant.put("@type", "Person");
            claimant.put("name", r.claimant());
        }
        if (r.claimDate() != null) {
            claim.put("datePublished", r.claimDate().toString());
        }
        ArrayNode appearances = claim.putArray("appearance");
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (ExportRecord.Appearance a : r.appearances()) {
            if (!seen.add(a.articleId())) {
                continue;
            }
            ObjectNode work = appearances.addObject();
            work.put("@type", "CreativeWork");
            work.put("url", a.articleUrl() != null ? a.articleUrl() : base + "/articles/" + a.articleId());
            work.put("headline", a.articleTitle());
        }
        return review;
    }
}
