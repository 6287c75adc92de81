package org.labledger.site;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats for the templates: {@code {value.grouped}} writes a figure with thousands separators (12,000,000,000). */
@TemplateExtension
final class SiteFormat {

    private SiteFormat() {
    }

    /** A rate (0..1) as the matrix writes it: {@code {rate.percent}} → "17 %". */
    static String percent(BigDecimal value) {
        return SiteData.percent(value);
    }

    static String grouped(BigDecimal value) {
        DecimalFormat f = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setParseBigDecimal(true);
        return f.format(value);
    }
}
