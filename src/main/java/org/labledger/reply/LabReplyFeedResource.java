package org.labledger.reply;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.claim.Claim;
import org.labledger.common.ApiException;
import org.labledger.common.PublicUrls;
import org.labledger.common.TextRules;
import org.labledger.lab.Lab;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** A lab's Atom feed of the questions put to it and the decisions on its submissions: a root resource, since LabResource owns /api/labs. */
@Path("/api/labs/{slug}/replies.atom")
@Tag(name = "reply")
public class LabReplyFeedResource {

    static final int FEED_SIZE = 50;

    @Inject
    ReplyService replies;

    @GET
    @Produces("application/atom+xml")
    @Operation(operationId = "getLabReplyFeed", summary = "An Atom feed for one lab: the questions put to it and the decisions on its submissions (" + FEED_SIZE + " newest)")
    @APIResponse(responseCode = "200", description = "Atom feed", content = @Content(mediaType = "application/atom+xml", schema = @Schema(type = SchemaType.STRING)))
    public Response feed(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug) {
        List<ReplyService.FeedEntry> entries = replies.feed(slug, FEED_SIZE);
        Lab lab = Lab.findBySlug(slug);
        String id = PublicUrls.base();
        String links = PublicUrls.links();
        String self = "/api/labs/" + lab.slug + "/replies.atom";
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <id>").append(esc(id + self)).append("</id>\n");
        x.append("  <title>").append(esc("LabLedger: questions to " + lab.name + " and its replies")).append("</title>\n");
        x.append("  <updated>").append(entries.isEmpty() ? "1970-01-01T00:00:00Z" : iso(entries.get(0).at())).append("</updated>\n");
        x.append("  <author><name>LabLedger</name></author>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(esc(links + self)).append("\"/>\n");
        x.append("  <generator>LabLedger</generator>\n");
        for (ReplyService.FeedEntry e : entries) {
            x.append("  <entry>\n");
            x.append("    <id>").append(esc(e.id())).append("</id>\n");
            x.append("    <title>").append(esc(e.title())).append("</title>\n");
            x.append("    <updated>").append(iso(e.at())).append("</updated>\n");
            x.append("    <link rel=\"alternate\" type=\"application/json\" href=\"").append(esc(links + e.link())).append("\"/>\n");
            x.append("    <content type=\"text\">").append(esc(e.content())).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return Response.ok(x.toString(), "application/atom+xml; charset=utf-8").build();
    }

    private static String iso(java.time.OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String esc(String s) {
        return s == null ? "" : TextRules.xmlSafe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
