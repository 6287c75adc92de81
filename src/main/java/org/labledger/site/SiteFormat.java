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

    static String grouped(BigDecimal value) {
        DecimalFormat f = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setParseBigDecimal(true);
        return f.format(value);
    }
}
