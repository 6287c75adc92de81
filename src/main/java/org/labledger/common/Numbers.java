package org.labledger.common;

import java.math.BigDecimal;

public final class Numbers {

    private Numbers() {
    }

    /** The same value without trailing zeros and without an exponent: 250000000000.0000 → 250000000000, 32.5000 → 32.5. */
    public static BigDecimal plain(BigDecimal v) {
        return v == null ? null : new BigDecimal(v.stripTrailingZeros().toPlainString());
    }
}
