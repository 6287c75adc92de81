package org.labledger.release;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.labledger.common.ApiException;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageResult;
import org.labledger.common.PublicUrls;
import org.labledger.history.RevisionService;
import org.labledger.seed.DatasetExporter;
import org.labledger.seed.PastDatasets;
import org.labledger.seed.SeedDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dataset releases: creating one (a consistent snapshot of the whole ledger, its notes, citation and package, all
 * stored as bytes once) and reading them back, byte for byte as stored. Also answers {@link PastDatasets}: the
 * dataset as it stood at a time, when that state is recorded exactly (now, or a release's snapshot).
 */
@ApplicationScoped
public class ReleaseService implements PastDatasets {

    /** Release notes list at most this many records per kind of change (the counts are always complete). */
    static final int NOTES_MAX_ITEMS = 1000;
    static final int NOTES_MAX_IMPORTS = 100;
    /** Claims whose stance disputes what they are about. */
    static final Set<String> DISPUTING = Set.of("DISPUTES", "DENIES");

    @Inject
    EntityManager em;
    @Inject
    DatasetExporter exporter;
    @Inject
    RevisionService revisions;
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "labledger.release.authors", defaultValue = "LabLedger contributors")
    String authors;
    /** An SPDX licence identifier for the dataset; none when unset (the documents quoted stay their authors' work). */
    @ConfigProperty(name = "labledger.release.license")
    Optional<String> license;

    @Schema(description = "A dataset release in a list (without its notes and dataset)")
    @RegisterForReflection
    public record ReleaseSummary(int number, String title, OffsetDateTime createdAt, String createdBy, Long lastRevision,
                                 String description, String sha256, long size, String zipSha256,
                                 int added, int changed, int deleted, int disputed) {
    }

    @Schema(description = "How to cite a release: a reference in text and the CITATION.cff file of its zip")
    @RegisterForReflection
    public record ReleaseCitation(String text, String cff) {
    }

    @Schema(description = "One recorded change (a revision) in the release notes")
    @RegisterForReflection
    public record NoteEntry(long revision, String entity, String key, String action, OffsetDateTime at, String actor, String reason) {
    }

    @Schema(description = "One kind of change in the release notes: how many, and the first " + NOTES_MAX_ITEMS)
    @RegisterForReflection
    public record NoteSection(int count, boolean truncated, List<NoteEntry> items) {
    }

    @Schema(description = "A claim that denies or disputes what it is about, new in this release")
    @RegisterForReflection
    public record DisputedClaim(String claim, String stance, String claimant, String summary) {
    }

    @Schema(description = "A dataset import (seed file) since the previous release: it writes records without revisions")
    @RegisterForReflection
    public record ImportNote(OffsetDateTime at, String file, String datasetVersion, String checksum) {
    }

    @Schema(description = "What changed since the previous release: the revisions after its last one (added = CREATE, changed = UPDATE, deleted = DELETE), claims new in this release that deny or dispute, and dataset imports")
    @RegisterForReflection
    public record ReleaseNotes(Integer previousRelease, OffsetDateTime since, Long afterRevision, Long upToRevision,
                               NoteSection added, NoteSection changed, NoteSection deleted, List<DisputedClaim> disputed,
                               List<ImportNote> imports) {
    }

    @Schema(description = "A dataset release: an immutable numbered snapshot of the whole ledger, served byte for byte the same forever")
    @RegisterForReflection
    public record ReleaseView(int number, String title, OffsetDateTime createdAt, String createdBy,
                              @Schema(description = "the newest revision the snapshot includes (null: none yet)") Long lastRevision,
                              String description,
                              @Schema(description = "SHA-256 (hex) of the dataset document, labledger.json in the zip") String sha256,
                              @Schema(description = "size of the dataset document in bytes") long size,
                              @Schema(description = "SHA-256 (hex) of the zip (GET /api/releases/{number}.zip)") String zipSha256,
                              @Schema(description = "SPDX identifier of the dataset's licence; null when none is declared") String license,
                              ReleaseCitation citation, ReleaseNotes notes,
                              @JsonRawValue @Schema(implementation = SeedDocument.class, description = "the dataset document, exactly the bytes sha256 names") String dataset) {
    }

    /**
     * Creates the next release (its JSON, the bytes stored, in {@code releaseJson}). The caller serialises creations in this process
     * ({@link ReleaseResource}); across replicas the primary key refuses a second release of one number.
     */
    @Transactional
    public DatasetRelease create(String description) {
        // one consistent snapshot for everything read below (the export's queries, the revisions, the previous release)
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        Object[] now = (Object[]) em.createNativeQuery("select clock_timestamp(), (select max(id) from revision)").getSingleResult();
        OffsetDateTime at = toTime(now[0]).truncatedTo(ChronoUnit.MICROS);
        Long last = now[1] == null ? null : ((Number) now[1]).longValue();
        DatasetRelease previous = DatasetRelease.<DatasetRelease>find("order by number desc").firstResult();
        int number = previous == null ? 1 : previous.number + 1;

        SeedDocument doc = exporter.export();
        byte[] document = json(doc);
        String sha = sha256(document);
        String title = "LabLedger dataset, release " + number;
        String url = PublicUrls.base() + "/api/releases/" + number;
        String licence = license.filter(l -> !l.isBlank()).map(String::trim).orElse(null);
        ReleaseNotes notes = notes(previous, last, at, doc);

        List<ReleasePackage.Table> tables = ReleasePackage.tables(doc, mapper);
        String cff = ReleasePackage.citationCff(number, at, title, authors, licence, url, sha);
        Map<String, byte[]> files = ReleasePackage.entries();
        files.put("labledger.json", document);
        files.put("datapackage.json", ReleasePackage.datapackage(number, at, title, licence, sha, tables, mapper));
        files.put("CITATION.cff", cff.getBytes(StandardCharsets.UTF_8));
        files.put("RELEASE-NOTES.md", markdown(number, title, at, sha, notes).getBytes(StandardCharsets.UTF_8));
        for (ReleasePackage.Table t : tables) {
            files.put("data/" + t.name() + ".csv", t.csv());
        }
        byte[] zip = ReleasePackage.zip(at, files);

        String text = authors + " (" + at.getYear() + "). " + title + " [Data set]. " + url + " (SHA-256 " + sha + ")";
        ReleaseView view = new ReleaseView(number, title, at, revisions.actor(), last, description, sha, document.length, sha256(zip),
                licence, new ReleaseCitation(text, cff), notes, new String(document, StandardCharsets.UTF_8));
        byte[] body = json(view);

        DatasetRelease r = new DatasetRelease();
        r.number = number;
        r.createdAt = at;
        r.createdBy = view.createdBy();
        r.lastRevision = last;
        r.description = description;
        r.sha256 = sha;
        r.sizeBytes = document.length;
        r.zipSha256 = view.zipSha256();
        r.added = notes.added().count();
        r.changed = notes.changed().count();
        r.deleted = notes.deleted().count();
        r.disputed = notes.disputed().size();
        r.releaseJson = body;
        r.document = document;
        r.zip = zip;
        r.persist();
        em.flush();
        return r;
    }

    private ReleaseNotes notes(DatasetRelease previous, Long last, OffsetDateTime at, SeedDocument doc) {
        long after = previous == null || previous.lastRevision == null ? 0 : previous.lastRevision;
        long upTo = last == null ? 0 : last;
        List<List<NoteEntry>> byAction = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] counts = new int[3];
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, entity, entity_key, action, changed_at, actor, reason from revision"
                + " where id > :after and id <= :upTo order by id").setParameter("after", after).setParameter("upTo", upTo).getResultList();
        for (Object[] r : rows) {
            int i = switch ((String) r[3]) {
                case "CREATE" -> 0;
                case "UPDATE" -> 1;
                default -> 2;
            };
            counts[i]++;
            if (byAction.get(i).size() < NOTES_MAX_ITEMS) {
                byAction.get(i).add(new NoteEntry(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], toTime(r[4]),
                        (String) r[5], (String) r[6]));
            }
        }
        // disputing claims in this snapshot that the previous one did not hold (claims are written by the dataset import)
        Set<String> before = new HashSet<>();
        if (previous != null) {
            try {
                for (JsonNode c : mapper.readTree(previous.document).path("claims")) {
                    before.add(c.path("key").asText() + "|" + c.path("stance").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<DisputedClaim> disputed = new ArrayList<>();
        for (SeedDocument.ClaimRec c : doc.claims() == null ? List.<SeedDocument.ClaimRec>of() : doc.claims()) {
            if (c.stance() != null && DISPUTING.contains(c.stance().name()) && !before.contains(c.key() + "|" + c.stance().name())) {
                disputed.add(new DisputedClaim(c.key(), c.stance().name(), c.claimant(), c.summary()));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> imports = em.createNativeQuery("select imported_at, file, dataset_version, checksum from seed_import"
                        + " where imported_at > :since order by id")
                .setParameter("since", previous == null ? OffsetDateTime.parse("0001-01-01T00:00:00Z") : previous.createdAt)
                .setMaxResults(NOTES_MAX_IMPORTS).getResultList();
        return new ReleaseNotes(previous == null ? null : previous.number, previous == null ? null : previous.createdAt,
                previous == null ? null : previous.lastRevision, last,
                section(counts[0], byAction.get(0)), section(counts[1], byAction.get(1)), section(counts[2], byAction.get(2)),
                disputed, imports.stream().map(r -> new ImportNote(toTime(r[0]), (String) r[1], (String) r[2], (String) r[3])).toList());
    }

    private static NoteSection section(int count, List<NoteEntry> items) {
        return new NoteSection(count, count > items.size(), items);
    }

    private static String markdown(int number, String title, OffsetDateTime at, String sha, ReleaseNotes n) {
        StringBuilder m = new StringBuilder("# ").append(title).append("\n\n");
        m.append("Released ").append(at).append("; SHA-256 of labledger.json: `").append(sha).append("`.\n\n");
        m.append(n.previousRelease() == null ? "The first release: every change recorded so far.\n\n"
                : "Changes since release " + n.previousRelease() + " (" + n.since() + "):\n\n");
        for (var s : List.of(Map.entry("Added", n.added()), Map.entry("Changed", n.changed()), Map.entry("Deleted", n.deleted()))) {
            m.append("## ").append(s.getKey()).append(" (").append(s.getValue().count()).append(")\n\n");
            for (NoteEntry e : s.getValue().items()) {
                m.append("- ").append(e.entity().toLowerCase()).append(" `").append(e.key()).append("` by ").append(e.actor())
                        .append(" at ").append(e.at()).append(e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason().strip()).append('\n');
            }
            if (s.getValue().truncated()) {
                m.append("- … (").append(s.getValue().count() - s.getValue().items().size()).append(" more: GET /api/changes)\n");
            }
            m.append('\n');
        }
        m.append("## Disputed (").append(n.disputed().size()).append(")\n\n");
        n.disputed().forEach(d -> m.append("- claim `").append(d.claim()).append("` (").append(d.stance().toLowerCase()).append(") by ")
                .append(d.claimant()).append('\n'));
        if (!n.imports().isEmpty()) {
            m.append("\n## Dataset imports\n\n");
            n.imports().forEach(i -> m.append("- ").append(i.file()).append(" (").append(i.datasetVersion()).append(") at ").append(i.at()).append('\n'));
        }
        return m.toString();
    }

    /** The columns of a release summary, in {@link #summary}'s order. */
    private static final String SUMMARY = "select r.number, r.createdAt, r.createdBy, r.lastRevision, r.description, r.sha256, r.sizeBytes, r.zipSha256,"
            + " r.added, r.changed, r.deleted, r.disputed from DatasetRelease r";

    /** One page of releases, newest first, by offset. */
    public PageResult<ReleaseSummary> list(int page, int size) {
        long total = DatasetRelease.count();
        long offset = (long) page * size;
        List<ReleaseSummary> items = total <= offset ? List.of() : em.createQuery(SUMMARY + " order by r.number desc", Object[].class)
                .setFirstResult((int) offset).setMaxResults(size).getResultList().stream().map(ReleaseService::summary).toList();
        return PageResult.of(items, page, size, total);
    }

    /** The list name in release cursors. */
    static final String CURSOR_LIST = "releases";

    /**
     * The releases after a cursor (from the newest when null), newest first, by keyset on the primary key (number,
     * unique): no OFFSET. A cursor of another list is a 400.
     */
    public CursorPage<ReleaseSummary> listAfter(String cursor, int size) {
        Integer after = Cursor.key(cursor, CURSOR_LIST, "", 1, k -> Integer.valueOf(k.get(0)));
        var rows = em.createQuery(SUMMARY + (after != null ? " where r.number < :after" : "") + " order by r.number desc");
        if (after != null) {
            rows.setParameter("after", after);
        }
        return KeysetPage.<Object[]>read(em.createQuery("select count(r) from DatasetRelease r"), rows, java.util.Map.of(), size,
                r -> Cursor.encode(CURSOR_LIST, "", List.of(r[0]))).map(ReleaseService::summary).rest();
    }

    private static ReleaseSummary summary(Object[] r) {
        return new ReleaseSummary((Integer) r[0], "LabLedger dataset, release " + r[0], (OffsetDateTime) r[1], (String) r[2],
                (Long) r[3], (String) r[4], (String) r[5], (Long) r[6], (String) r[7], (Integer) r[8], (Integer) r[9],
                (Integer) r[10], (Integer) r[11]);
    }

    /** The release JSON, as stored. */
    public byte[] json(int number) {
        return bytes(number, "releaseJson");
    }

    /** The release zip, as stored. */
    public byte[] zip(int number) {
        return bytes(number, "zip");
    }

    private byte[] bytes(int number, String column) {
        List<byte[]> found = em.createQuery("select r." + column + " from DatasetRelease r where r.number = :n", byte[].class)
                .setParameter("n", number).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("release", String.valueOf(number));
        }
        return found.get(0);
    }

    /**
     * The dataset at {@code t}, before the row history starts (after, seed/DatasetHistory rebuilds any state): empty
     * when nothing has changed since (the current export is that state); a release's document when the release was
     * made at or before {@code t} and nothing changed between; otherwise 422, since the revisions do not record every
     * field of every record (citations, claims and seed imports have none), so an older state cannot be rebuilt.
     */
    @Override
    public Optional<byte[]> at(OffsetDateTime t, OffsetDateTime historyStart) {
        if (!changedBetween(null, null, t)) {
            return Optional.empty();
        }
        DatasetRelease r = DatasetRelease.<DatasetRelease>find("createdAt <= ?1 order by number desc", t).firstResult();
        if (r != null && !changedBetween(r.createdAt, r.lastRevision, t)) {
            return Optional.of(r.document);
        }
        DatasetRelease next = DatasetRelease.<DatasetRelease>find("createdAt > ?1 order by number", t).firstResult();
        throw new ApiException.Unprocessable("the dataset as it stood at " + t + " is not recorded exactly: "
                + (historyStart == null ? "LabLedger has no row history yet" : "the row history, which rebuilds any later state, starts at " + historyStart)
                + "; before it LabLedger keeps each release's snapshot, and the ledger changed between " + (r == null ? "its beginning" : "release " + r.number + " (" + r.createdAt + ")")
                + " and then" + (next == null ? "" : "; the nearest later snapshot is release " + next.number + " (" + next.createdAt + ")")
                + ". GET /api/releases lists the snapshots.", List.of(new org.labledger.common.Problem.Violation("asOf", "no exact snapshot of that time")));
    }

    /** Whether a revision or a dataset import happened after {@code from} (its revisions after {@code fromRevision}), up to null or {@code to} exclusive of later. */
    private boolean changedBetween(OffsetDateTime from, Long fromRevision, OffsetDateTime to) {
        String rev = "select count(*) from revision where " + (fromRevision != null ? "id > :rev" : from != null ? "changed_at > :from" : "1 = 1")
                + (from == null ? " and changed_at > :to" : " and changed_at <= :to");
        var q = em.createNativeQuery(rev).setParameter("to", to);
        if (fromRevision != null) {
            q.setParameter("rev", fromRevision);
        } else if (from != null) {
            q.setParameter("from", from);
        }
        String imp = "select count(*) from seed_import where " + (from != null ? "imported_at > :from and imported_at <= :to" : "imported_at > :to");
        var qi = em.createNativeQuery(imp).setParameter("to", to);
        if (from != null) {
            qi.setParameter("from", from);
        }
        return ((Number) q.getSingleResult()).longValue() > 0 || ((Number) qi.getSingleResult()).longValue() > 0;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime toTime(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + o);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
