package org.factcheck.workbench.article;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.factcheck.workbench.article.ArticleViews.CreateArticleRequest;
import org.jboss.logging.Logger;

/**
 * Imports the seed articles listed in seeds/manifest.json (packaged in the jar) when the desk has no article yet.
 * Idempotent: an article whose normalised text is already stored is skipped.
 */
@ApplicationScoped
public class SeedImporter {

    private static final Logger LOG = Logger.getLogger(SeedImporter.class);
    private static final long LOCK_KEY = 0x5742_0002L;

    private final EntityManager em;
    private final ArticleService articles;
    private final ObjectMapper mapper;

    SeedImporter(EntityManager em, ArticleService articles, ObjectMapper mapper) {
        this.em = em;
        this.articles = articles;
        this.mapper = mapper;
    }

    @Transactional
    public int importIfEmpty() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:key)").setParameter("key", LOCK_KEY).getSingleResult();
        if (em.createQuery("SELECT count(a) FROM Article a", Long.class).getSingleResult() > 0) {
            return 0;
        }
        JsonNode manifest = readManifest();
        int created = 0;
        for (JsonNode entry : manifest.path("articles")) {
            String file = entry.path("file").asText();
            String body = readSeed(file);
            String title = text(entry, "title");
            if (title == null) {
                title = fallbackTitle(body, file);
            }
            ArticleService.ArticleDraft draft = articles.validate(new CreateArticleRequest(title, body, text(entry, "outlet"),
                    text(entry, "url"), text(entry, "author"), text(entry, "publishedAt"), text(entry, "language")));
            if (articles.importDraft(draft, null).created()) {
                created++;
            }
        }
        LOG.infof("Imported %d seed articles", created);
        return created;
    }

    /** A title for a seed whose text states none: its first sentence of some length, else the file name. */
    static String fallbackTitle(String body, String file) {
        for (String line : TextNormalizer.normalizeBody(body).split("\n")) {
            String l = line.strip();
            if (l.length() >= 40) {
                int stop = l.indexOf(". ");
                String sentence = stop > 20 ? l.substring(0, stop) : l;
                if (sentence.length() <= 120) {
                    return sentence;
                }
                int cut = sentence.lastIndexOf(' ', 118);
                return sentence.substring(0, cut > 40 ? cut : 118) + "…";
            }
        }
        return file;
    }

    private JsonNode readManifest() {
        try (InputStream in = resource("seeds/manifest.json")) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("seeds/manifest.json cannot be read", e);
        }
    }

    private static String readSeed(String file) {
        if (!file.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalStateException("seed file name not allowed: " + file);
        }
        try (InputStream in = resource("seeds/" + file)) {
            byte[] bytes = in.readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("seed " + file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new IllegalStateException("seed " + file + " cannot be read", e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing resource " + path);
        }
        return in;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
