package org.factcheck.workbench.article;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns a saved news page into an article: its text as blank-line-separated paragraphs, without scripts, styles,
 * navigation or page furniture, and its title, outlet, author, date and canonical URL from the page's metadata
 * (Open Graph, article:*, schema-like meta names, link rel=canonical) where present.
 */
public final class HtmlArticleExtractor {

    public record Extracted(String title, String body, String outlet, String author, String publishedAt, String url,
                            String language) {
    }

    /** Elements that are never article text. */
    private static final String DROP = "script, style, noscript, template, iframe, object, embed, svg, canvas, nav, header,"
            + " footer, aside, form, button, select, input, textarea, dialog, menu, [hidden], [aria-hidden=true],"
            + " [role=navigation], [role=banner], [role=contentinfo], [role=complementary]";

    private static final List<String> BLOCKS = List.of("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
            "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "figure", "figcaption", "table", "tr", "dl", "dt", "dd",
            "address", "hr", "body");

    private HtmlArticleExtractor() {
    }

    public static Extracted extract(String html, String fallbackTitle) {
        Document doc = Jsoup.parse(html);
        String title = first(meta(doc, "og:title"), meta(doc, "twitter:title"), doc.title(), text(doc.selectFirst("h1")), fallbackTitle);
        String outlet = first(meta(doc, "og:site_name"), meta(doc, "application-name"));
        String author = first(meta(doc, "author"), meta(doc, "article:author"), meta(doc, "byl"),
                text(doc.selectFirst("[rel=author]")), text(doc.selectFirst("[itemprop=author]")));
        if (author != null && author.regionMatches(true, 0, "by ", 0, 3)) {
            author = author.substring(3).strip();
        }
        if (author != null && (author.startsWith("http://") || author.startsWith("https://"))) {
            author = null; // article:author is often a profile URL, not a name
        }
        String published = first(meta(doc, "article:published_time"), meta(doc, "og:published_time"), meta(doc, "date"),
                meta(doc, "pubdate"), meta(doc, "dc.date"), attr(doc.selectFirst("time[datetime]"), "datetime"));
        String url = first(attr(doc.selectFirst("link[rel=canonical]"), "href"), meta(doc, "og:url"));
        String language = first(attr(doc.selectFirst("html[lang]"), "lang"), meta(doc, "og:locale"));
        if (language != null) {
            language = language.replace('_', '-');
        }

        doc.select(DROP).remove();
        Element root = contentRoot(doc);
        return new Extracted(title, paragraphs(root), outlet, author, published, url, language);
    }

    /** The one <article> if there is exactly one, else <main>, else the body. */
    private static Element contentRoot(Document doc) {
        Elements articles = doc.select("article");
        if (articles.size() == 1) {
            return articles.first();
        }
        Element main = doc.selectFirst("main, [role=main]");
        return main != null ? main : doc.body();
    }

    /** The text of the root, block by block: each block its own paragraph, white space collapsed, <br> kept. */
    static String paragraphs(Element root) {
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    Element parent = text.parentElement();
                    boolean pre = parent != null && parent.closest("pre") != null;
                    paragraph.append(pre ? text.getWholeText() : text.text());
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("br")) {
                        paragraph.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        flush(out, paragraph);
                    }
                    if (tag.equals("li")) {
                        paragraph.append("• ");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    flush(out, paragraph);
                }
            }
        }, root);
        flush(out, paragraph);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder paragraph) {
        String text = paragraph.toString().replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ")
                .replaceAll(" *\n *", "\n").strip();
        paragraph.setLength(0);
        if (text.isEmpty() || text.equals("•")) {
            return;
        }
        if (out.length() > 0) {
            out.append("\n\n");
        }
        out.append(text);
    }

    private static String meta(Document doc, String name) {
        Element e = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "], meta[itemprop=" + name + "]");
        if (e == null) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Element m : doc.select("meta[name], meta[property]")) {
                if (m.attr("name").toLowerCase(Locale.ROOT).equals(lower) || m.attr("property").toLowerCase(Locale.ROOT).equals(lower)) {
                    e = m;
                    break;
                }
            }
        }
        return e == null ? null : blankToNull(e.attr("content"));
    }

    private static String attr(Element e, String name) {
        return e == null ? null : blankToNull(e.attr(name));
    }

    private static String text(Element e) {
        return e == null ? null : blankToNull(e.text());
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
