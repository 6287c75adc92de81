package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.common.ApiException;
import org.labledger.common.Problem;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.history.RevisionService;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Curators' writes to sources and citations (deletes: admins), REST and GraphQL alike, each in one transaction with
 * its read-back: validate (fields named under {@code field}: "" over REST, "input." over GraphQL) → check the version
 * → apply → revision → the caller's {@code view} of the written source (a citation is read back as its CitationDetail).
 */
@ApplicationScoped
public class SourceWriteService {

    public static final String ENTITY = "SOURCE";
    public static final String CITATION = "CITATION";

    @Inject
    EntityManager em;
    @Inject
    RevisionService revisions;
    @Inject
    Validator validator;
    @Inject
    CuratedWrites writes;
    @Inject
    SubjectKeys subjectKeys;

    /** A stored citation, with its id (for DELETE /api/citations/{id}). */
    @Name("CitationRecord")
    @RegisterForReflection
    @Description("A stored citation, with its id (for deleteCitation)")
    public record CitationDetail(@Description("The citation's id") long id,
                                 @NonNull @Description("The kind of record it evidences") SubjectType subjectType,
                                 @NonNull @Description("The record it evidences (slug or key; answers: questionKey/labSlug)") String subject,
                                 @Description("Its position among the record's citations (from 1)") int ordinal,
                                 @NonNull @Description("The source's key") String source,
                                 @Description("The quote (null when a locator is given instead)") String quote,
                                 @Description("The locator (null when a quote is given instead)") String locator) {
    }

    static final Curated<Source> SOURCES = new Curated<>(ENTITY, "source", "key", Source::findByKey, s -> s.key, s -> s.version,
            SourceWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("citations", "select count(c) from Citation c where c.source = ?1"),
            new Curated.Reference("questionnaires", "select count(q) from Questionnaire q where q.source = ?1"),
            new Curated.Reference("sources (as citedIn)", "select count(x) from Source x where x.citedIn = ?1"));

    public Source require(String key) {
        return writes.require(SOURCES, key);
    }

    @Transactional
    public <T> T create(SourceInput in, String field, Function<Source, T> view) {
        writes.validate(in, field);
        Source s = new Source();
        s.key = in.key();
        return view.apply(writes.create(SOURCES, s, x -> apply(x, in), in.reason(), Writes.text(in.url()), in.key()));
    }

    /**
     * The source with this URL, or a new one when there is none: kind OTHER, key "url-" and the first 12 hex digits
     * of the URL's SHA-256, titled by host and path, noted as recorded by the current actor {@code purpose}. How a
     * write that cites a bare URL as evidence records it; no revision of its own (the citing write records the URL).
     * A URL that does not parse is a 422 on {@code field}, the input it came from. Runs in the caller's transaction.
     */
    public Source findOrCreateByUrl(String field, String url, String purpose) {
        Source s = Source.find("url", url).firstResult();
        if (s != null) {
            return s;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Unprocessable("'" + url + "' is not a URL", List.of(new Problem.Violation(field, "is not a URL")));
        }
        s = new Source();
        s.key = "url-" + shortHash(url);
        s.title = (uri.getHost() == null ? url : uri.getHost() + (uri.getPath() == null ? "" : uri.getPath()));
        s.title = s.title.length() > 500 ? s.title.substring(0, 500) : s.title;
        s.url = url;
        s.kind = SourceKind.OTHER;
        s.notes = "recorded by " + revisions.actor() + " " + purpose;
        s.persist();
        return s;
    }

    /** The first 12 hex digits of the text's SHA-256 (UTF-8): a short stable key for a record made from a URL. */
    static String shortHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public <T> T update(String key, SourceInput in, String field, String ifMatch, Integer expectedVersion, Function<Source, T> view) {
        writes.validate(in, field);
        Source s = require(key);
        writes.checkVersion(SOURCES, s, ifMatch, expectedVersion, false);
        Writes.sameKey("key", key, in.key());
        return view.apply(writes.update(SOURCES, s, x -> apply(x, in), in.reason(), Writes.text(in.url()), s.key));
    }

    @Transactional
    public void delete(String key, String ifMatch, Integer expectedVersion, String reason) {
        Source s = require(key);
        writes.checkVersion(SOURCES, s, ifMatch, expectedVersion, true);
        writes.delete(SOURCES, s, REFERENCES, null, reason, null);
    }

    @Transactional
    public CitationDetail cite(CitationInput in, String field) {
        Writes.validate(validator, in, field);
        Source source = Source.findByKey(in.source());
        if (source == null) {
            throw Writes.unknown("source", "source", in.source());
        }
        String quote = Writes.text(in.quote());
        String locator = Writes.text(in.locator());
        if (quote == null && locator == null) {
            throw Writes.unprocessable("quote", "a citation needs a quote or a locator");
        }
        String subject = in.subject().trim();
        long subjectId = subjectId(in.subjectType(), subject);
        Integer max = em.createQuery("select max(c.ordinal) from Citation c where c.subjectType = ?1 and c.subjectId = ?2", Integer.class)
                .setParameter(1, in.subjectType()).setParameter(2, subjectId).getSingleResult();
        Citation c = new Citation();
        c.subjectType = in.subjectType();
        c.subjectId = subjectId;
        c.ordinal = max == null ? 1 : max + 1;
        c.source = source;
        c.quote = quote;
        c.locator = locator;
        c.persist();
        em.flush();
        revisions.record(CITATION, key(c, subject), c.id, "CREATE", null, snapshot(c, subject), in.reason(), source.url, source.key);
        return new CitationDetail(c.id, c.subjectType, subject, c.ordinal, source.key, c.quote, c.locator);
    }

    @Transactional
    public void uncite(long id, String reason) {
        Citation c = Citation.findById(id);
        if (c == null) {
            throw ApiException.notFound("citation", String.valueOf(id));
        }
        String subject = c.subjectType + ":" + c.subjectId;
        Map<String, Object> before = snapshot(c, subject);
        c.delete();
        revisions.record(CITATION, key(c, subject), c.id, "DELETE", before, null, reason, null, c.source.key);
    }

    /** The id of the cited record, by its slug or key; unknown → 422 on {@code subject}. */
    long subjectId(SubjectType type, String subject) {
        return subjectKeys.id(type, subject).orElseThrow(() -> Writes.unprocessable("subject", "no " + type + " '" + subject + "'"
                + (type == SubjectType.ANSWER ? " (give the answer's id or questionKey/labSlug)" : "")));
    }

    private void apply(Source s, SourceInput in) {
        Source citedIn = null;
        if (in.citedIn() != null) {
            citedIn = Source.findByKey(in.citedIn());
            if (citedIn == null) {
                throw Writes.unknown("citedIn", "source", in.citedIn());
            }
            for (Source p = citedIn; p != null; p = p.citedIn) {
                if (p == s) {
                    throw Writes.unprocessable("citedIn", "'" + in.citedIn() + "' would make the source cite itself");
                }
            }
        }
        s.title = in.title().trim();
        s.publisher = Writes.text(in.publisher());
        s.author = Writes.text(in.author());
        s.url = Writes.text(in.url());
        s.publishedOn = Writes.text(in.publishedOn());
        s.kind = in.kind();
        s.document = Writes.text(in.document());
        s.citedIn = citedIn;
        s.notes = Writes.text(in.notes());
    }

    private static String key(Citation c, String subject) {
        return c.subjectType + "/" + subject + "#" + c.ordinal;
    }

    static Map<String, Object> snapshot(Citation c, String subject) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subjectType", c.subjectType.name());
        m.put("subject", subject);
        m.put("ordinal", c.ordinal);
        m.put("source", c.source.key);
        m.put("quote", c.quote);
        m.put("locator", c.locator);
        return m;
    }

    public static Map<String, Object> snapshot(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key);
        m.put("title", s.title);
        m.put("publisher", s.publisher);
        m.put("author", s.author);
        m.put("url", s.url);
        m.put("publishedOn", s.publishedOn);
        m.put("kind", s.kind.name());
        m.put("document", s.document);
        m.put("citedIn", s.citedIn == null ? null : s.citedIn.key);
        m.put("notes", s.notes);
        return m;
    }
}
