package org.labledger.importer;

import org.labledger.common.ApiException;
import org.labledger.common.Problem;

import java.util.List;

/**
 * An import over one of the configured size limits (413): refused before anything is written or even read
 * from the database, naming the form part, the file and the limit (with its configuration key).
 */
public class ImportTooLarge extends ApiException {

    public ImportTooLarge(String part, String file, String message) {
        super(413, "import-too-large", "Import Too Large",
                part + (file == null ? "" : " file '" + file + "'") + ": " + message,
                List.of(new Problem.Violation(part, message, file, null, null)));
    }
}
