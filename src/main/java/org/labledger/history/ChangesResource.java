package org.labledger.history;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;
import org.labledger.common.Cursor;
import org.labledger.common.KeysetPage;
import org.labledger.common.Params;
import org.labledger.common.TextRules;
import org.labledger.common.PublicUrls;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

@Path("/api")
@Tag(name = "history")
public class ChangesResource {

    static final int FEED_SIZE = 50;

    @Inject
    RevisionService revisions;

    @GET
    @Path("/changes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listChanges", summary = "Recorded changes after `since` (ISO-8601; all when absent), oldest first, paged; optionally of one entity type (ANSWER, LAB, …)")
    @APIResponse(responseCode = "200", description = "one page of revisions, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RevisionService.RevisionView.class)))
    public Response changes(@Parameter(description = "only changes after this time (ISO-8601 date or date-time); all when absent", example = "2026-01-01T00:00:00Z") @QueryParam("since") String since, @Parameter(description = "only changes of this entity type", example = "ANSWER") @QueryParam("entity") String entity, @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page,
                            @QueryParam("size") String size, @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        Cursor.exclusive(params, cursor, page);
        params.check();
        OffsetDateTime t = RevisionService.timestamp("since", since);
        String e = Params.text(entity) == null ? null : entity.trim().toUpperCase();
        return Paging.ok(cursor, p, c -> {
            KeysetPage<RevisionService.RevisionView> k = revisions.changesAfter(t, e, c, s);
            return k.rest(k.items());
        }, n -> revisions.changes(t, e, n, s), uri);
    }

    @GET
    @Path("/changes.atom")
    @Produces("application/atom+xml")
    @Operation(operationId = "getChangesFeed", summary = "An Atom feed of the " + FEED_SIZE + " most recent changes, for watchers")
    @APIResponse(responseCode = "200", description = "Atom feed", content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = SchemaType.STRING)))
    public Response feed(@Context UriInfo uri) {
        List<RevisionService.RevisionView> latest = revisions.latest(FEED_SIZE);
        // ids from the configured public base only (never the request's Host or a proxy's X-Forwarded-Host): a feed
        // reader keys entries by id, and the feed is cached publicly; links may follow a trusted proxy (PublicUrls)
        String id = PublicUrls.base();
        String links = PublicUrls.links();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <id>").append(esc(id)).append("/api/changes.atom</id>\n");
        x.append("  <title>LabLedger changes</title>\n");
        x.append("  <subtitle>The ").append(FEED_SIZE).append(" most recent changes to LabLedger's data</subtitle>\n");
        x.append("  <updated>").append(latest.isEmpty() ? "1970-01-01T00:00:00Z" : iso(latest.get(0).at())).append("</updated>\n");
        // RFC 4287 §4.1.1: a feed needs an author unless every entry has one; each entry names its actor
        x.append("  <author><name>LabLedger</name></author>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(esc(links)).append("/api/changes.atom\"/>\n");
        x.append("  <link rel=\"alternate\" type=\"application/json\" href=\"").append(esc(links)).append("/api/changes\"/>\n");
        x.append("  <generator>LabLedger</generator>\n");
        for (RevisionService.RevisionView r : latest) {
            String title = r.action() + " " + r.entity().toLowerCase() + " " + r.key() + status(r);
            x.append("  <entry>\n");
            // stable per revision and independent of Host (unchanged since the first feed, so readers keep their state)
            x.append("    <id>urn:labledger:revision:").append(r.id()).append("</id>\n");
            x.append("    <title>").append(esc(title)).append("</title>\n");
            x.append("    <updated>").append(iso(r.at())).append("</updated>\n");
            x.append("    <author><name>").append(esc(r.actor() == null || r.actor().isBlank() ? "unknown" : r.actor())).append("</name></author>\n");
            x.append("    <link rel=\"alternate\" type=\"application/json\" href=\"").append(esc(links)).append(esc(alternate(r))).append("\"/>\n");
            String summary = (r.reason() == null ? "" : r.reason()) + (r.sourceUrl() == null ? "" : " (source: " + r.sourceUrl() + ")");
            x.append("    <summary>").append(esc(summary.isBlank() ? title : summary.trim())).append("</summary>\n");
            x.append("    <content type=\"text\">").append(esc(content(r))).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return Response.ok(x.toString(), "application/atom+xml; charset=utf-8").build();
    }

    /** The REST URL of the changed record (its history for answers), or the JSON list of changes of its type. */
    static String alternate(RevisionService.RevisionView r) {
        String key = r.key() == null ? null : java.net.URLEncoder.encode(r.key(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        boolean deleted = "DELETE".equals(r.action());
        String path = switch (r.entity()) {
            case "ANSWER" -> r.entityId() == null ? null : "/api/answers/" + r.entityId() + "/history";
            case "LAB" -> deleted || key == null ? null : "/api/labs/" + key;
            case "QUESTION" -> deleted || key == null ? null : "/api/questions/" + key;
            case "QUESTIONNAIRE" -> deleted || key == null ? null : "/api/questionnaires/" + key;
            case "SOURCE" -> deleted || key == null ? null : "/api/sources/" + key;
            case "AGREEMENT" -> deleted || key == null ? null : "/api/agreements/" + key;
            case "TOPIC" -> deleted || key == null ? null : "/api/topics/" + key;
            default -> null;
        };
        return path != null ? path : "/api/changes?entity=" + r.entity();
    }

    /** The change as plain text: entity and key, action, actor, reason, source, and each changed field before → after. */
    static String content(RevisionService.RevisionView r) {
        StringBuilder c = new StringBuilder();
        c.append(r.entity()).append(' ').append(r.key()).append(": ").append(r.action()).append(" by ")
                .append(r.actor() == null ? "unknown" : r.actor()).append(" at ").append(iso(r.at()));
        if (r.reason() != null && !r.reason().isBlank()) {
            c.append("\nreason: ").append(r.reason());
        }
        if (r.sourceUrl() != null) {
            c.append("\nsource: ").append(r.sourceUrl());
        }
        java.util.Map<String, Object> before = r.before() == null ? java.util.Map.of() : r.before();
        java.util.Map<String, Object> after = r.after() == null ? java.util.Map.of() : r.after();
        java.util.TreeSet<String> fields = new java.util.TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        for (String f : fields) {
            Object b = before.get(f);
            Object a = after.get(f);
            if (java.util.Objects.equals(a, b)) {
                continue;
            }
            c.append('\n').append(f).append(": ").append(b == null ? "–" : b).append(" → ").append(a == null ? "–" : a);
        }
        return c.toString();
    }

    private static String status(RevisionService.RevisionView r) {
        Object b = r.before() == null ? null : r.before().get("status");
        Object a = r.after() == null ? null : r.after().get("status");
        return b != null && a != null && !b.equals(a) ? ": " + b + " → " + a : a != null && b == null ? ": " + a : "";
    }

    private static String iso(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * Text as XML character data: escaped, and with every character XML 1.0 refuses replaced by U+FFFD
     * ({@link TextRules#xmlSafe}). Input is checked since then, but text stored earlier or written by SQL may still
     * hold such characters, and one of them would make the whole feed unreadable.
     */
    static String esc(String s) {
        return s == null ? "" : TextRules.xmlSafe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
