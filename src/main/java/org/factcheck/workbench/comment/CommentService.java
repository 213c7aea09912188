package org.factcheck.workbench.comment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.factcheck.workbench.claim.Claim;
import org.factcheck.workbench.claim.ClaimService;
import org.factcheck.workbench.comment.CommentViews.CommentList;
import org.factcheck.workbench.comment.CommentViews.CommentView;
import org.factcheck.workbench.comment.CommentViews.MentionList;
import org.factcheck.workbench.comment.CommentViews.MentionView;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;
import org.factcheck.workbench.user.AppUser;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * The discussion on a claim. Each comment is in the claim's history; {@code @username} reaches that user as an
 * event meant for them alone, and as an unread mention until they read it.
 */
@ApplicationScoped
@Transactional
public class CommentService {

    public static final int MAX_BODY = 10_000;
    /** An @username not glued to a word or an e-mail address before it. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._@-])@([a-z0-9][a-z0-9._-]{0,63})",
            Pattern.CASE_INSENSITIVE);

    private static final String LIST_SQL = """
            SELECT c.id, c.claim_id, u.username, u.display_name, c.body, c.created_at, c.updated_at, c.deleted_at,
                   c.version,
                   (SELECT string_agg(mu.username, ' ' ORDER BY mu.username)
                      FROM mention m JOIN app_user mu ON mu.id = m.user_id WHERE m.comment_id = c.id)
              FROM comment c JOIN app_user u ON u.id = c.author_id""";

    private static final String MENTIONS_SQL = """
            SELECT m.id, m.claim_id, m.comment_id, cl.statement, u.username, co.body, m.created_at, m.read_at IS NOT NULL
              FROM mention m
              JOIN comment co ON co.id = m.comment_id
              JOIN claim cl ON cl.id = m.claim_id
              JOIN app_user u ON u.id = co.author_id
             WHERE m.user_id = :user AND co.deleted_at IS NULL
             ORDER BY m.id DESC
             LIMIT 50""";

    private final EntityManager em;
    private final EventLog events;
    private final ClaimService claims;

    CommentService(EntityManager em, EventLog events, ClaimService claims) {
        this.em = em;
        this.events = events;
        this.claims = claims;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CommentList list(long claimId) {
        requireClaim(claimId);
        List<?> rows = em.createNativeQuery(LIST_SQL + " WHERE c.claim_id = :claim ORDER BY c.id")
                .setParameter("claim", claimId).getResultList();
        List<CommentView> items = new ArrayList<>(rows.size());
        for (Object row : rows) {
            items.add(view((Object[]) row));
        }
        return new CommentList(items);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CommentView get(long id) {
        List<?> rows = em.createNativeQuery(LIST_SQL + " WHERE c.id = :id").setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("comment " + id);
        }
        return view((Object[]) rows.get(0));
    }

    public CommentView add(long claimId, String rawBody, WorkbenchUser author) {
        String body = validBody(rawBody);
        requireClaim(claimId);
        Comment comment = new Comment();
        comment.claimId = claimId;
        comment.authorId = author.id();
        comment.body = body;
        comment.persist();
        em.flush();
        events.record(EventType.COMMENT_ADDED, author, null, claimId, comment.id, null, Map.of("body", body));
        notifyMentions(comment, Set.of(), author);
        claims.touch(claimId);
        return get(comment.id);
    }

    public CommentView edit(long id, String ifMatch, String rawBody, WorkbenchUser actor) {
        String body = validBody(rawBody);
        Comment comment = lockOwn(id, ifMatch, actor, "edit");
        if (!comment.body.equals(body)) {
            Set<Long> alreadyMentioned = new LinkedHashSet<>(em.createQuery(
                    "SELECT m.userId FROM Mention m WHERE m.commentId = :c", Long.class).setParameter("c", id).getResultList());
            String before = comment.body;
            comment.body = body;
            comment.updatedAt = Instant.now();
            em.flush();
            events.record(EventType.COMMENT_EDITED, actor, null, comment.claimId, id, Map.of("body", before), Map.of("body", body));
            notifyMentions(comment, alreadyMentioned, actor);
            // Names taken out of the comment no longer mention their users.
            List<String> named = mentionedUsernames(body);
            em.createQuery("DELETE FROM Mention m WHERE m.commentId = :c AND m.userId NOT IN "
                            + "(SELECT u.id FROM AppUser u WHERE u.username IN :names)")
                    .setParameter("c", id).setParameter("names", named.isEmpty() ? List.of("") : named).executeUpdate();
            claims.touch(comment.claimId);
        }
        return get(id);
    }

    public void delete(long id, String ifMatch, WorkbenchUser actor) {
        Comment comment = lockOwn(id, ifMatch, actor, "delete");
        comment.deletedAt = Instant.now();
        comment.updatedAt = comment.deletedAt;
        em.flush();
        events.record(EventType.COMMENT_DELETED, actor, null, comment.claimId, id, Map.of("body", comment.body), null);
        claims.touch(comment.claimId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MentionList mentions(WorkbenchUser user) {
        List<?> rows = em.createNativeQuery(MENTIONS_SQL).setParameter("user", user.id()).getResultList();
        List<MentionView> items = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            String body = (String) r[5];
            items.add(new MentionView(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), Rows.toLongValue(r[2]), (String) r[3],
                    (String) r[4], body.codePointCount(0, body.length()) > 160 ? body.substring(0, body.offsetByCodePoints(0, 159)) + "…" : body,
                    Rows.toInstant(r[6]), Boolean.TRUE.equals(r[7])));
        }
        long unread = em.createQuery("""
                        SELECT count(m) FROM Mention m, Comment c
                         WHERE c.id = m.commentId AND m.userId = :u AND m.readAt IS NULL AND c.deletedAt IS NULL""", Long.class)
                .setParameter("u", user.id()).getSingleResult();
        return new MentionList(items, unread);
    }

    /** Marks the user's mentions read: all of them, or those of one claim. */
    public void markRead(WorkbenchUser user, Long claimId) {
        jakarta.persistence.Query update = em.createQuery("UPDATE Mention m SET m.readAt = :now WHERE m.userId = :u AND m.readAt IS NULL"
                        + (claimId == null ? "" : " AND m.claimId = :claim"))
                .setParameter("now", Instant.now()).setParameter("u", user.id());
        if (claimId != null) {
            update.setParameter("claim", claimId);
        }
        update.executeUpdate();
    }

    private Comment lockOwn(long id, String ifMatch, WorkbenchUser actor, String action) {
        Long expected = ETags.requiredVersion(ifMatch, "comment " + id);
        Comment comment = em.find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null || comment.deletedAt != null) {
            throw ProblemException.notFound("comment " + id);
        }
        boolean own = comment.authorId.equals(actor.id());
        if (!own && !("delete".equals(action) && actor.role() == Role.ADMIN)) {
            throw ProblemException.forbidden("only its author can " + action + " a comment");
        }
        ETags.check(expected, comment.version, "comment " + id);
        return comment;
    }

    private void notifyMentions(Comment comment, Set<Long> alreadyMentioned, WorkbenchUser author) {
        for (String username : mentionedUsernames(comment.body)) {
            AppUser user = AppUser.findByUsername(username).orElse(null);
            if (user == null || user.disabled || user.id.equals(author.id()) || alreadyMentioned.contains(user.id)) {
                continue;
            }
            Mention mention = new Mention();
            mention.commentId = comment.id;
            mention.claimId = comment.claimId;
            mention.userId = user.id;
            mention.persist();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("mentioned", user.username);
            after.put("commentId", comment.id);
            events.recordFor(EventType.MENTION_CREATED, author, user.id, comment.claimId, comment.id, after);
        }
    }

    /** The lower-cased usernames after an @ in a text, each once, in order. */
    static List<String> mentionedUsernames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
            while (name.endsWith(".") || name.endsWith("-") || name.endsWith("_")) {
                name = name.substring(0, name.length() - 1); // sentence punctuation after the name
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private static String validBody(String raw) {
        return validBody(raw, "body");
    }

    /**
     * The text of a comment as it is stored (line breaks as LF, NFC, trimmed), or a 400 naming {@code field} when it
     * is blank or longer than {@link #MAX_BODY}: a comment may come in a request field of another name.
     */
    public static String validBody(String raw, String field) {
        FieldErrors errors = new FieldErrors();
        String body = raw == null ? null : java.text.Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'),
                java.text.Normalizer.Form.NFC).strip();
        errors.required(field, body);
        errors.maxLength(field, body, MAX_BODY);
        errors.throwIfAny();
        return body;
    }

    private void requireClaim(long claimId) {
        if (em.find(Claim.class, claimId) == null) {
            throw ProblemException.notFound("claim " + claimId);
        }
    }

    private static CommentView view(Object[] r) {
        Instant deletedAt = Rows.toInstant(r[7]);
        Instant created = Rows.toInstant(r[5]);
        Instant updated = Rows.toInstant(r[6]);
        String mentions = (String) r[9];
        return new CommentView(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), (String) r[2], (String) r[3],
                deletedAt == null ? (String) r[4] : null,
                mentions == null ? List.of() : List.of(mentions.split(" ")), created, updated,
                deletedAt == null && updated != null && created != null && updated.isAfter(created),
                deletedAt != null, Rows.toInt(r[8]));
    }
}
