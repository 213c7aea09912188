package org.factcheck.workbench.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.factcheck.workbench.article.ArticleViews.ArticleView;
import org.factcheck.workbench.article.ArticleViews.CreateArticleRequest;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Imports article files (.txt, .md, .html) one by one, each in its own transaction: one bad file never stops the
 * others, and each gets its own outcome.
 */
@ApplicationScoped
public class ArticleImportService {

    /** What became of one file: created (201), duplicate (409, with the existing article) or refused (4xx). */
    public record FileResult(String file, int status, String outcome, ArticleView article, Long existingId,
                             String detail, List<String> warnings) {
    }

    public record ImportReport(List<FileResult> items, int created, int duplicates, int refused) {
    }

    /** A file as received: its name, declared type and the path of its bytes. */
    public record Upload(String fileName, String contentType, Path path, long size) {
    }

    private final ArticleService articles;
    private final WorkbenchConfig config;

    ArticleImportService(ArticleService articles, WorkbenchConfig config) {
        this.articles = articles;
        this.config = config;
    }

    public ImportReport importAll(List<Upload> uploads, WorkbenchUser actor) {
        if (uploads.isEmpty()) {
            throw ProblemException.invalidField("file", "send one or more files as multipart/form-data parts");
        }
        if (uploads.size() > config.importing().maxFiles()) {
            throw ProblemException.invalidField("file", "at most " + config.importing().maxFiles() + " files per request");
        }
        List<FileResult> results = new ArrayList<>();
        for (Upload upload : uploads) {
            results.add(importOne(upload, actor));
        }
        int created = (int) results.stream().filter(r -> r.status() == 201).count();
        int duplicates = (int) results.stream().filter(r -> r.status() == 409).count();
        return new ImportReport(results, created, duplicates, results.size() - created - duplicates);
    }

    FileResult importOne(Upload upload, WorkbenchUser actor) {
        String name = upload.fileName() == null || upload.fileName().isBlank() ? "(unnamed)" : upload.fileName();
        List<String> warnings = new ArrayList<>();
        try {
            if (upload.size() > config.importing().maxFileBytes()) {
                return refused(name, 413, "the file is larger than " + config.importing().maxFileBytes() + " bytes", warnings);
            }
            String kind = kindOf(name, upload.contentType());
            if (kind == null) {
                return refused(name, 415, "only .txt, .md and .html files can be imported", warnings);
            }
            String text = decode(Files.readAllBytes(upload.path()));
            if (text == null) {
                return refused(name, 400, "the file is not UTF-8 (or UTF-16 with a byte-order mark) text", warnings);
            }
            CreateArticleRequest request = kind.equals("html") ? fromHtml(text, name, warnings) : fromText(text, name, kind);
            ArticleService.Imported imported = articles.importDraft(articles.validate(request), actor);
            if (!imported.created()) {
                ArticleView existing = imported.article();
                return new FileResult(name, 409, "duplicate", existing, existing.id(),
                        "the same text is already the article “" + existing.title() + "” (/api/articles/" + existing.id() + ")", warnings);
            }
            return new FileResult(name, 201, "created", imported.article(), null, null, warnings);
        } catch (ProblemException e) {
            return refused(name, e.status(), e.getMessage(), warnings);
        } catch (IOException e) {
            return refused(name, 400, "the file could not be read", warnings);
        }
    }

    private static FileResult refused(String name, int status, String detail, List<String> warnings) {
        return new FileResult(name, status, "refused", null, null, detail, warnings);
    }

    static String kindOf(String name, String contentType) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".xhtml")) {
            return "html";
        }
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return "md";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".text")) {
            return "txt";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            return "html";
        }
        if (type.startsWith("text/markdown")) {
            return "md";
        }
        if (type.startsWith("text/plain")) {
            return "txt";
        }
        return null;
    }

    /** Strict UTF-8 (a BOM is dropped later by normalisation), or UTF-16 when a BOM says so; null otherwise. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Plain text and Markdown: the first heading or line is the title; the whole text is the body. */
    static CreateArticleRequest fromText(String text, String fileName, String kind) {
        String title = null;
        for (String line : TextNormalizer.normalizeBody(text).split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (kind.equals("md")) {
                l = l.replaceFirst("^#{1,6}\\s+", "");
            }
            title = l.length() > 300 ? l.substring(0, l.offsetByCodePoints(0, 299)) + "…" : l;
            break;
        }
        return new CreateArticleRequest(title != null ? title : stripExtension(fileName), text, null, null, null, null, null);
    }

    /** HTML: text by jsoup; metadata kept only when valid, with a warning for each value dropped. */
    static CreateArticleRequest fromHtml(String html, String fileName, List<String> warnings) {
        HtmlArticleExtractor.Extracted page = HtmlArticleExtractor.extract(html, stripExtension(fileName));
        String url = keepIfValid(page.url(), "the page's canonical URL", warnings, (e, v) -> e.httpUrl("url", v));
        String date = keepIfValid(page.publishedAt(), "the page's publication date", warnings, (e, v) -> e.instant("publishedAt", v));
        String language = keepIfValid(page.language(), "the page's language", warnings, (e, v) -> e.languageTag("language", v));
        return new CreateArticleRequest(page.title(), page.body(), page.outlet(), url, page.author(), date, language);
    }

    private static String keepIfValid(String value, String what, List<String> warnings,
                                      java.util.function.BiConsumer<FieldErrors, String> check) {
        if (value == null) {
            return null;
        }
        FieldErrors errors = new FieldErrors();
        check.accept(errors, value);
        if (errors.isEmpty()) {
            return value;
        }
        warnings.add("ignored " + what + " (" + value + "): not valid");
        return null;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
