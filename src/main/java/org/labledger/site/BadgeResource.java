package org.labledger.site;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.labledger.answer.ScorecardService;
import org.labledger.common.ApiException;
import org.labledger.common.Params;
import org.labledger.lab.Lab;
import org.labledger.lab.LabService;
import org.labledger.questionnaire.Questionnaire;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An embeddable SVG badge per lab ({@code /badge/{lab}.svg}): its response rate and the date of the latest change to
 * its answers, with a title and an aria-label saying the same in words. Optionally for one questionnaire.
 */
@Path("/badge")
public class BadgeResource {

    static final String SVG = "image/svg+xml";

    @Inject
    ScorecardService scorecards;
    @Inject
    LabService labs;
    @Inject
    @Location("site/badge.xml")
    Template badge;

    /** The lab's badge as SVG. */
    @GET
    @Path("/{file}")
    @Operation(hidden = true)
    public Response badge(@PathParam("file") String file, @QueryParam("questionnaire") String questionnaire) {
        if (!file.endsWith(".svg") || file.length() == 4) {
            throw ApiException.notFound("badge", file);
        }
        String slug = file.substring(0, file.length() - 4);
        Long id = Lab.idBySlug(slug);
        if (id == null) {
            labs.require(slug); // the lab 404
        }
        String q = Params.text(questionnaire);
        if (q != null) {
            Questionnaire.forParameter("questionnaire", q);
        }
        ScorecardService.Scorecard card = scorecards.scorecards(List.of(id), null, q).get(0);
        OffsetDateTime latest = Lab.getEntityManager()
                .createQuery("select max(a.updatedAt) from Answer a where a.lab.id = ?1", OffsetDateTime.class)
                .setParameter(1, id).getSingleResult();
        String date = latest == null ? "" : latest.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        String rate = card.counts().responseRate() == null ? "n/a" : SiteData.percent(card.counts().responseRate());
        String value = rate + (date.isEmpty() ? "" : " · " + date);
        String label = "LabLedger: " + card.name() + " response rate " + rate + " (" + (card.counts().partial() + card.counts().answered())
                + " of " + card.counts().total() + " questions answered in full or in part)" + (date.isEmpty() ? "" : ", as of " + date);
        String name = card.name();
        // widths from an average glyph width of 6.5 px at 11 px Verdana-like text: a badge, not typesetting
        int left = 10 + (int) Math.ceil(6.5 * name.length());
        int right = 10 + (int) Math.ceil(6.5 * value.length());
        String band = card.counts().responseRate() == null ? "none" : String.valueOf(SiteData.band(card.counts().responseRate().doubleValue()));
        String svg = badge.data("name", name).data("value", value).data("label", label).data("left", left).data("right", right)
                .data("width", left + right).data("valueX", left + 5).data("fill", fill(band)).data("ink", band.equals("3") || band.equals("4") ? "#fff" : "#000").render();
        return Response.ok(svg, SVG + ";charset=UTF-8").header("Cache-Control", "public, max-age=300").build();
    }

    /** The matrix's colour for a band (ColorBrewer YlGnBu, 5 classes, colour-blind safe); grey when nothing was asked. */
    static String fill(String band) {
        return switch (band) {
            case "0" -> "#ffffcc";
            case "1" -> "#a1dab4";
            case "2" -> "#41b6c4";
            case "3" -> "#225ea8";
            case "4" -> "#253494";
            default -> "#d9d9d9";
        };
    }
}
