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
    public Response changes(@Parameter(description = "only changes after this time (ISO-8601 date or date-time); all when absent", example = "2026-01-01T00:00:00Z") @QueryParam("since") String since, @Parameter(description = "only changes of this entity type", example = "ANSWER") @QueryParam("entity") String entity, @QueryParam("page") String page,
                            @QueryParam("size") String size, @Context UriInfo uri) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        params.check();
        OffsetDateTime t = RevisionService.timestamp("since", since);
        return Paging.ok(revisions.changes(t, Params.text(entity) == null ? null : entity.trim().toUpperCase(), p, s), uri);
    }

    @GET
    @Path("/changes.atom")
    @Produces("application/atom+xml")
    @Operation(operationId = "getChangesFeed", summary = "An Atom feed of the " + FEED_SIZE + " most recent changes, for watchers")
    @APIResponse(responseCode = "200", description = "Atom feed", content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = SchemaType.STRING)))
    public Response feed(@Context UriInfo uri) {
        List<RevisionService.RevisionView> latest = revisions.latest(FEED_SIZE);
        // the configured public base, not the request's Host: the feed is cached publicly
        String base = PublicUrls.base();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <title>LabLedger changes</title>\n");
        x.append("  <id>").append(esc(base)).append("/api/changes.atom</id>\n");
        x.append("  <link rel=\"self\" href=\"").append(esc(base)).append("/api/changes.atom\"/>\n");
        x.append("  <updated>").append(latest.isEmpty() ? "1970-01-01T00:00:00Z" : iso(latest.get(0).at())).append("</updated>\n");
        for (RevisionService.RevisionView r : latest) {
            String title = r.action() + " " + r.entity().toLowerCase() + " " + r.key() + status(r);
            x.append("  <entry>\n");
            x.append("    <id>urn:labledger:revision:").append(r.id()).append("</id>\n");
            x.append("    <title>").append(esc(title)).append("</title>\n");
            x.append("    <updated>").append(iso(r.at())).append("</updated>\n");
            x.append("    <author><name>").append(esc(r.actor())).append("</name></author>\n");
            if (r.entityId() != null && "ANSWER".equals(r.entity())) {
                x.append("    <link href=\"").append(esc(base)).append("/api/answers/").append(r.entityId()).append("/history\"/>\n");
            }
            String summary = (r.reason() == null ? "" : r.reason()) + (r.sourceUrl() == null ? "" : " (source: " + r.sourceUrl() + ")");
            x.append("    <summary>").append(esc(summary.isBlank() ? title : summary.trim())).append("</summary>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return Response.ok(x.toString(), "application/atom+xml; charset=utf-8").build();
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
