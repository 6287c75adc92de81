package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.labledger.common.Writes;
import org.labledger.source.FigureQualifier;
import org.labledger.source.QuoteInput;

import java.math.BigDecimal;
import java.util.List;

/** One term of an agreement; {@code value} in base units of {@code unit} (USD, PERCENT, YEAR), both or neither. */
@Input("ProvisionInput")
@Description("One term of an agreement; value in base units of unit (USD, PERCENT, YEAR), both or neither")
@RegisterForReflection
public record ProvisionInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Description("Position (from 1; the next free one when absent)") @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000") Integer ordinal,
        @Description("What the term is about") @NotNull(message = "is required") ProvisionCategory category,
        @Description("The term, in short") @NotBlank(message = "is required") @Size(max = 20_000) String summary,
        @Description("The slug of the party the term favours") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String beneficiary,
        @Description("The figure in base units of unit (at most 20 integer and 4 fraction digits)") @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal value,
        @Description("USD, PERCENT or YEAR (with value, or neither)") @Pattern(regexp = "^(USD|PERCENT|YEAR)$", message = "must be USD, PERCENT or YEAR") String unit,
        @Description("Valid from: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validFrom,
        @Description("Valid until: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validUntil,
        @Description("The condition that ends the term") @Size(max = 500) String validUntilCondition,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason,
        @Schema(description = "TERM (a term of the agreement) or REMOVAL (a record that this version ends an earlier term; needs a lineage with change REMOVES); unchanged when absent (TERM on create)")
        @Description("TERM (a term of the agreement) or REMOVAL (a record that this version ends an earlier term; needs a lineage with change REMOVES); unchanged when absent (TERM on create)") @Pattern(regexp = "^(TERM|REMOVAL)$", message = "must be TERM or REMOVAL") String kind,
        @Schema(description = "How the provision relates to a provision of an earlier version of the same agreement chain; unchanged when absent")
        @Description("How the provision relates to a provision of an earlier version of the same agreement chain; unchanged when absent") @Valid LineageInput lineage,
        @Schema(description = "The slug of the named entity (LEGAL_ENTITY or ORGANISATION) a stake is held in, only as the document states it; unchanged when absent")
        @Description("The slug of the named entity (LEGAL_ENTITY or ORGANISATION) a stake is held in, only as the document states it; unchanged when absent") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String heldEntity,
        @Schema(description = "The provision's figures as the documents write them (at most 20; replaces them all; an empty list removes them; unchanged when absent)")
        @Description("The provision's figures as the documents write them (at most 20; replaces them all; an empty list removes them; unchanged when absent)") @Size(max = 20, message = "at most 20 figures") List<@Valid FigureInput> figures) {

    /** How a provision relates to an earlier one, with the one verbatim quote that says so (as the seed's lineage). */
    @Input("ProvisionLineageInput")
    @Description("How a provision relates to an earlier provision, with the verbatim quote that says so")
    @RegisterForReflection
    public record LineageInput(
            @Schema(description = "ADDS, MODIFIES, CONTINUES, REPLACES or REMOVES (REMOVES only for kind REMOVAL)") @Description("ADDS, MODIFIES, CONTINUES, REPLACES or REMOVES (REMOVES only for kind REMOVAL)") @NotNull(message = "is required") ProvisionChange change,
            @Schema(description = "The key of the earlier provision: one of a strictly earlier version of the same supersedes chain (none with ADDS; may be absent when the documents imply a term no provision records)") @Description("The key of the earlier provision: one of a strictly earlier version of the same supersedes chain (none with ADDS; may be absent when the documents imply a term no provision records)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String of,
            @Schema(description = "The verbatim quote that says how the provision relates to the earlier one") @Description("The verbatim quote that says how the provision relates to the earlier one") @NotBlank(message = "is required (verbatim)") @Size(max = Writes.MAX_QUOTE) String quote,
            @Schema(description = "The key of the source the quote is from") @Description("The key of the source the quote is from") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
            @Schema(description = "Where in the source (page, section)") @Description("Where in the source (page, section)") @Size(max = 500) String locator,
            @Schema(description = "True when the link is the curator's reading, not stated by the document (then with a rationale)") @Description("True when the link is the curator's reading, not stated by the document (then with a rationale)") Boolean inference,
            @Schema(description = "Why the curator reads the link so (required when inference is true)") @Description("Why the curator reads the link so (required when inference is true)") @Size(max = 10_000) String rationale) {
    }

    /** A figure as a document writes it; {@code text}, the document's words, must stand in the citation's verbatim quote. */
    @Input("FigureInput")
    @Schema(description = "A figure as a document writes it: what it measures, the document's qualifier, the value (low/high for a RANGE) in base units of unit, and the document's words inside the citation's verbatim quote") @Description("A figure as a document writes it: what it measures, the document's qualifier, the value (low/high for a RANGE) in base units of unit, and the document's words inside the citation's verbatim quote")
    @RegisterForReflection
    public record FigureInput(
            @Schema(description = "How the document qualifies the figure") @Description("How the document qualifies the figure") @NotNull(message = "is required") FigureQualifier qualifier,
            @Schema(description = "What the figure measures") @Description("What the figure measures") @NotBlank(message = "is required") @Size(max = 500) String measure,
            @Schema(description = "The value in base units of unit (not for a RANGE)") @Description("The value in base units of unit (not for a RANGE)") @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal value,
            @Schema(description = "A RANGE's low end") @Description("A RANGE's low end") @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal low,
            @Schema(description = "A RANGE's high end") @Description("A RANGE's high end") @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal high,
            @Schema(description = "USD, PERCENT, YEAR, MONTHS or YEARS") @Description("USD, PERCENT, YEAR, MONTHS or YEARS") @NotNull(message = "is required") @Pattern(regexp = "^(USD|PERCENT|YEAR|MONTHS|YEARS)$", message = "must be one of [MONTHS, PERCENT, USD, YEAR, YEARS]") String unit,
            @Schema(description = "The document's own words for the figure (they must stand in the citation's quote)") @Description("The document's own words for the figure (they must stand in the citation's quote)") @NotBlank(message = "is required") @Size(max = 500) String text,
            @Schema(description = "The citation whose verbatim quote holds the document's words") @Description("The citation whose verbatim quote holds the document's words") @NotNull(message = "is required") @Valid QuoteInput citation) {
    }
}
