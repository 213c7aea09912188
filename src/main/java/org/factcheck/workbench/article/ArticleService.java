package org.factcheck.workbench.article;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.factcheck.workbench.article.ArticleViews.ArticlePage;
import org.factcheck.workbench.article.ArticleViews.ArticleSummary;
import org.factcheck.workbench.article.ArticleViews.ArticleView;
import org.factcheck.workbench.article.ArticleViews.CreateArticleRequest;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.Cursors;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.WorkbenchUser;

@ApplicationScoped
@Transactional
public class ArticleService {

    /** One page of articles with their claim figures, in one statement. */
    private static final String LIST_SQL = """
            SELECT a.id, a.title, a.outlet, a.url, a.author, a.published_at, a.language, a.body_length, a.created_at,
                   (SELECT count(*) FROM annotation an WHERE an.article_id = a.id) AS annotation_count,
                   f.claim_count, f.published_count, g.rating_counts
              FROM article a
              CROSS JOIN LATERAL (
                    SELECT count(*) AS claim_count,
                           count(*) FILTER (WHERE c.published_verdict_id IS NOT NULL) AS published_count
                      FROM claim c
                     WHERE c.id IN (SELECT an.claim_id FROM annotation an WHERE an.article_id = a.id)) f
              CROSS JOIN LATERAL (
                    SELECT coalesce(jsonb_object_agg(r.rating, r.n), '{}'::jsonb)::text AS rating_counts
                      FROM (SELECT c.rating, count(*) AS n
                              FROM claim c
                             WHERE c.rating IS NOT NULL
                               AND c.id IN (SELECT an.claim_id FROM annotation an WHERE an.article_id = a.id)
                             GROUP BY c.rating) r) g
             WHERE a.id < :cursor
               AND (CAST(:q AS text) IS NULL OR a.search @@ websearch_to_tsquery('simple', CAST(:q AS text)))
             ORDER BY a.id DESC
             LIMIT :limit""";

    private final EntityManager em;
    private final EventLog events;
    private final WorkbenchConfig config;
    private final ObjectMapper mapper;

    ArticleService(EntityManager em, EventLog events, WorkbenchConfig config, ObjectMapper mapper) {
        this.em = em;
        this.events = events;
        this.config = config;
        this.mapper = mapper;
    }

    /** A validated, normalised article ready to store. */
    public record ArticleDraft(String title, String body, String outlet, String url, String author,
                               Instant publishedAt, String language) {
    }

    /** The outcome of an import: the article and whether it was new (false: the same text was there already). */
    public record Imported(ArticleView article, boolean created) {
    }

    public ArticleDraft validate(CreateArticleRequest request) {
        FieldErrors errors = new FieldErrors();
        String title = TextNormalizer.normalizeLine(request.title());
        errors.required("title", title);
        errors.maxLength("title", title, 1000);
        String body = request.body() == null ? null : TextNormalizer.normalizeBody(request.body());
        errors.required("body", body);
        errors.maxLength("body", body, config.article().maxLength());
        String outlet = errors.maxLength("outlet", TextNormalizer.normalizeLine(request.outlet()), 500);
        String author = errors.maxLength("author", TextNormalizer.normalizeLine(request.author()), 500);
        String url = errors.httpUrl("url", request.url());
        Instant publishedAt = errors.instant("publishedAt", request.publishedAt());
        String language = errors.languageTag("language", request.language());
        errors.throwIfAny();
        return new ArticleDraft(title, body, outlet, url, author, publishedAt, language);
    }

    /** Stores a new article; the same text twice is a 409 naming the existing article. */
    public ArticleView create(CreateArticleRequest request, WorkbenchUser actor) {
        Imported imported = importDraft(validate(request), actor);
        if (!imported.created()) {
            throw duplicate(imported.article());
        }
        return imported.article();
    }

    /** Stores the article unless one with the same normalised text exists, in which case that one is returned. */
    public Imported importDraft(ArticleDraft draft, WorkbenchUser actor) {
        String hash = TextNormalizer.contentHash(draft.body());
        Optional<Long> existing = em.createQuery("SELECT a.id FROM Article a WHERE a.contentHash = :hash", Long.class)
                .setParameter("hash", hash).getResultStream().findFirst();
        if (existing.isPresent()) {
            return new Imported(get(existing.get()), false);
        }
        Article article = new Article();
        article.title = draft.title();
        article.body = draft.body();
        article.bodyLength = draft.body().codePointCount(0, draft.body().length());
        article.contentHash = hash;
        article.outlet = draft.outlet();
        article.url = draft.url();
        article.author = draft.author();
        article.publishedAt = draft.publishedAt();
        article.language = draft.language();
        article.createdBy = actor == null ? null : actor.id();
        article.persist();
        em.flush();
        em.refresh(article);
        events.record(EventType.ARTICLE_CREATED, actor, article.id, null, article.id, null,
                Map.of("title", article.title, "length", article.bodyLength, "contentHash", hash));
        return new Imported(view(article, actor == null ? null : actor.username()), true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ArticleView get(long id) {
        List<Tuple> rows = em.createQuery("""
                        SELECT a AS article, a.body AS body, u.username AS createdBy
                          FROM Article a LEFT JOIN AppUser u ON u.id = a.createdBy
                         WHERE a.id = :id""", Tuple.class)
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("article " + id);
        }
        Tuple row = rows.get(0);
        return view(row.get("article", Article.class), row.get("createdBy", String.class));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ArticlePage list(String q, String limit, String cursor) {
        int pageSize = Cursors.limit(limit);
        long before = Cursors.decode(cursor);
        String query = q == null || q.isBlank() ? null : q.strip();
        FieldErrors errors = new FieldErrors();
        errors.storable("q", query);
        errors.throwIfAny();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(LIST_SQL)
                .setParameter("cursor", before)
                .setParameter("q", query)
                .setParameter("limit", pageSize + 1)
                .getResultList();
        List<ArticleSummary> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), pageSize))) {
            items.add(new ArticleSummary(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], Rows.toInstant(r[5]), (String) r[6], ((Number) r[7]).intValue(), Rows.toInstant(r[8]),
                    ((Number) r[9]).longValue(), ((Number) r[10]).longValue(), ((Number) r[11]).longValue(),
                    ratingCounts((String) r[12])));
        }
        String next = rows.size() > pageSize ? Cursors.encode(items.get(items.size() - 1).id()) : null;
        return new ArticlePage(items, next);
    }

    public void delete(long id, WorkbenchUser actor) {
        Article article = em.find(Article.class, id);
        if (article == null) {
            throw ProblemException.notFound("article " + id);
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("title", article.title);
        before.put("outlet", article.outlet);
        before.put("url", article.url);
        before.put("author", article.author);
        before.put("publishedAt", article.publishedAt);
        before.put("language", article.language);
        before.put("contentHash", article.contentHash);
        before.put("body", article.body); // the audit trail keeps the text, so a deletion loses nothing
        events.record(EventType.ARTICLE_DELETED, actor, id, null, id, before, null);
        article.delete();
    }

    public static ProblemException duplicate(ArticleView existing) {
        return new ProblemException(409, "duplicate-article", "Duplicate article",
                "an article with the same text already exists: " + existing.title(), null,
                Map.of("existingId", existing.id(), "existing", "/api/articles/" + existing.id()));
    }

    private static ArticleView view(Article a, String createdBy) {
        return new ArticleView(a.id, a.title, a.outlet, a.url, a.author, a.publishedAt, a.language, a.body, a.bodyLength,
                a.contentHash, a.createdAt, createdBy);
    }

    private Map<String, Long> ratingCounts(String json) {
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("rating counts are not JSON", e);
        }
    }
}
