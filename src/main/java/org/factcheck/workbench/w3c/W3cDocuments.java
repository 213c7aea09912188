package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.factcheck.workbench.claim.RatingScale;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.w3c.W3cLinks.Links;

/**
 * Highlights as W3C Web Annotations, and an article's highlights as an {@code AnnotationCollection} in pages of
 * {@code workbench.w3c.page-size}, in reading order (start position, then id).
 *
 * <p>Each annotation's body restates the claim ({@code TextualBody}, purpose {@code describing}) and names it
 * ({@code SpecificResource} whose source is the claim's address, purpose {@code identifying}). Once the claim has
 * a published verdict, the motivation is {@code assessing} and two more bodies carry the verdict in force: its
 * rating's label (purpose {@code classifying}) and its explanation (purpose {@code assessing}). Unpublished drafts
 * never appear. The target is the article on this service with a {@code TextQuoteSelector} and a
 * {@code TextPositionSelector} in code points.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class W3cDocuments {

    private static final String SELECT = """
            SELECT an.id, an.article_id, an.claim_id, an.start_pos, an.end_pos, an.exact, an.prefix, an.suffix,
                   an.created_at, an.updated_at, an.version, u.username, u.display_name, c.statement,
                   v.rating, v.explanation, v.created_at, vu.username, vu.display_name
              FROM annotation an
              JOIN claim c ON c.id = an.claim_id
              LEFT JOIN verdict v ON v.id = c.published_verdict_id
              LEFT JOIN app_user u ON u.id = an.created_by
              LEFT JOIN app_user vu ON vu.id = v.author_id""";
    private static final String PAGE_SQL = SELECT + "\n" + """
             WHERE an.article_id = :articleId
             ORDER BY an.start_pos, an.id
             LIMIT :limit OFFSET :offset""";
    private static final String PAGE_IDS_SQL = """
            SELECT an.id FROM annotation an
             WHERE an.article_id = :articleId
             ORDER BY an.start_pos, an.id
             LIMIT :limit OFFSET :offset""";
    private static final String ONE_SQL = SELECT + " WHERE an.id = :id";

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final RatingScale ratings;
    private final WorkbenchConfig config;

    W3cDocuments(EntityManager em, ObjectMapper mapper, RatingScale ratings, WorkbenchConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.ratings = ratings;
        this.config = config;
    }

    /** One highlight as read for a W3C document. */
    public record Row(long id, long articleId, long claimId, int start, int end, String exact, String prefix, String suffix,
                     Instant created, Instant modified, int version, String creatorNickname, String creatorName,
                     String statement, String rating, String explanation, Instant verdictCreated,
                     String verdictAuthorNickname, String verdictAuthorName) {

        static Row of(Object[] r) {
            return new Row(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), Rows.toLongValue(r[2]), Rows.toInt(r[3]),
                    Rows.toInt(r[4]), (String) r[5], (String) r[6], (String) r[7], Rows.toInstant(r[8]), Rows.toInstant(r[9]),
                    Rows.toInt(r[10]), (String) r[11], (String) r[12], (String) r[13], (String) r[14], (String) r[15],
                    Rows.toInstant(r[16]), (String) r[17], (String) r[18]);
        }
    }

    public int pageSize() {
        return config.w3c().pageSize();
    }

    /** One annotation with its version (the ETag), or 404. */
    public Row row(long id) {
        List<?> rows = em.createNativeQuery(ONE_SQL).setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("annotation " + id);
        }
        return Row.of((Object[]) rows.get(0));
    }

    public ObjectNode annotation(Row row, Links links) {
        ObjectNode a = mapper.createObjectNode();
        fill(a, row, links);
        return a;
    }

    /**
     * The members of an annotation. Annotations embedded in a page carry their {@code @context} too, so that each
     * one taken out of a page is a complete document.
     */
    private void fill(ObjectNode a, Row row, Links links) {
        a.put("@context", W3c.ANNO_CONTEXT);
        a.put("id", links.annotation(row.id()));
        a.put("type", "Annotation");
        a.put("motivation", row.rating() != null ? "assessing" : "describing");
        if (row.creatorNickname() != null) {
            a.set("creator", agent(row.creatorNickname(), row.creatorName()));
        }
        a.put("created", row.created().toString());
        a.put("modified", (row.modified() != null ? row.modified() : row.created()).toString());
        ObjectNode generator = a.putObject("generator");
        generator.put("id", links.service());
        generator.put("type", "Software");
        generator.put("name", "Fact-check workbench");

        ArrayNode body = a.putArray("body");
        ObjectNode statement = body.addObject();
        statement.put("type", "TextualBody");
        statement.put("purpose", "describing");
        statement.put("value", row.statement());
        statement.put("format", "text/plain");
        ObjectNode claim = body.addObject();
        claim.put("type", "SpecificResource");
        claim.put("purpose", "identifying");
        claim.put("source", links.claim(row.claimId()));
        if (row.rating() != null) {
            ObjectNode rating = body.addObject();
            rating.put("type", "TextualBody");
            rating.put("purpose", "classifying");
            rating.put("value", ratings.label(row.rating()));
            rating.put("format", "text/plain");
            if (row.explanation() != null && !row.explanation().isEmpty()) {
                ObjectNode explanation = body.addObject();
                explanation.put("type", "TextualBody");
                explanation.put("purpose", "assessing");
                explanation.put("value", row.explanation());
                explanation.put("format", "text/plain");
                if (row.verdictAuthorNickname() != null) {
                    explanation.set("creator", agent(row.verdictAuthorNickname(), row.verdictAuthorName()));
                }
                if (row.verdictCreated() != null) {
                    explanation.put("created", row.verdictCreated().toString());
                }
            }
        }

        ObjectNode target = a.putObject("target");
        target.put("type", "SpecificResource");
        target.put("source", links.article(row.articleId()));
        ArrayNode selectors = target.putArray("selector");
        ObjectNode quote = selectors.addObject();
        quote.put("type", "TextQuoteSelector");
        quote.put("exact", row.exact());
        quote.put("prefix", row.prefix());
        quote.put("suffix", row.suffix());
        ObjectNode position = selectors.addObject();
        position.put("type", "TextPositionSelector");
        position.put("start", row.start());
        position.put("end", row.end());
    }

    private ObjectNode agent(String nickname, String name) {
        ObjectNode agent = mapper.createObjectNode();
        agent.put("type", "Person");
        agent.put("nickname", nickname);
        if (name != null) {
            agent.put("name", name);
        }
        return agent;
    }

    /** What a container holds: its article's title and the number of highlights; 404 for an unknown article. */
    public record Totals(long articleId, String title, int total) {
    }

    public Totals totals(long articleId) {
        List<String> titles = em.createQuery("SELECT a.title FROM Article a WHERE a.id = :id", String.class)
                .setParameter("id", articleId).getResultList();
        if (titles.isEmpty()) {
            throw ProblemException.notFound("article " + articleId);
        }
        long total = em.createQuery("SELECT count(a) FROM Annotation a WHERE a.articleId = :id", Long.class)
                .setParameter("id", articleId).getSingleResult();
        return new Totals(articleId, titles.get(0), (int) total);
    }

    /** The index of the last page (0 for an empty container). */
    public int lastPage(Totals totals) {
        return totals.total() == 0 ? 0 : (totals.total() - 1) / pageSize();
    }

    /**
     * The annotation collection of an article. {@code container} adds the LDP container type and context, which the
     * protocol's container carries; {@code embedFirst} embeds the first page (else it is linked, as
     * {@code PreferMinimalContainer} asks).
     */
    public ObjectNode collection(Totals totals, Links links, boolean container, boolean embedFirst, Prefer.Contained contained) {
        ObjectNode c = mapper.createObjectNode();
        if (container) {
            c.putArray("@context").add(W3c.ANNO_CONTEXT).add(W3c.LDP_CONTEXT);
        } else {
            c.put("@context", W3c.ANNO_CONTEXT);
        }
        c.put("id", links.container(totals.articleId()));
        if (container) {
            c.putArray("type").add("BasicContainer").add("AnnotationCollection");
        } else {
            c.put("type", "AnnotationCollection");
        }
        c.put("label", totals.title());
        c.put("total", totals.total());
        if (totals.total() > 0) {
            boolean iris = contained == Prefer.Contained.IRIS;
            if (embedFirst) {
                c.set("first", page(totals, 0, contained, links, false));
            } else {
                c.put("first", links.page(totals.articleId(), 0, iris));
            }
            c.put("last", links.page(totals.articleId(), lastPage(totals), iris));
        }
        return c;
    }

    /**
     * One page of an article's annotations. A page on its own ({@code standalone}) has its {@code @context} and names
     * the collection it is part of. Pages beyond the last are 404 (page 0 of an empty container is empty).
     */
    public ObjectNode page(Totals totals, int page, Prefer.Contained contained, Links links, boolean standalone) {
        int last = lastPage(totals);
        if (page < 0 || page > last) {
            throw ProblemException.notFound("page " + page + " of this container (pages run from 0 to " + last + ")");
        }
        boolean iris = contained == Prefer.Contained.IRIS;
        int size = pageSize();
        ObjectNode p = mapper.createObjectNode();
        if (standalone) {
            p.put("@context", W3c.ANNO_CONTEXT);
        }
        p.put("id", links.page(totals.articleId(), page, iris));
        p.put("type", "AnnotationPage");
        if (standalone) {
            ObjectNode partOf = p.putObject("partOf");
            partOf.put("id", links.container(totals.articleId()));
            partOf.put("label", totals.title());
            partOf.put("total", totals.total());
        }
        p.put("startIndex", page * size);
        if (page < last) {
            p.put("next", links.page(totals.articleId(), page + 1, iris));
        }
        if (page > 0) {
            p.put("prev", links.page(totals.articleId(), page - 1, iris));
        }
        ArrayNode items = p.putArray("items");
        if (iris) {
            for (Object id : em.createNativeQuery(PAGE_IDS_SQL).setParameter("articleId", totals.articleId())
                    .setParameter("limit", size).setParameter("offset", page * size).getResultList()) {
                items.add(links.annotation(Rows.toLongValue(id)));
            }
        } else {
            List<Row> rows = new ArrayList<>();
            for (Object r : em.createNativeQuery(PAGE_SQL).setParameter("articleId", totals.articleId())
                    .setParameter("limit", size).setParameter("offset", page * size).getResultList()) {
                rows.add(Row.of((Object[]) r));
            }
            for (Row row : rows) {
                fill(items.addObject(), row, links);
            }
        }
        return p;
    }
}
