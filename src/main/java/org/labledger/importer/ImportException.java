package org.labledger.importer;

import org.labledger.common.ApiException;
import org.labledger.common.Problem;

import java.util.List;

/** A rejected import file: says which file (form part), line and column, and what is wrong there. */
public class ImportException extends ApiException.BadRequest {

    public ImportException(String part, String file, int line, int column, String message) {
        super("invalid-import", "Invalid Import File",
                part + " file '" + file + "'" + (line > 0 ? ", line " + line : "") + (column > 0 ? ", column " + column : "") + ": " + message,
                List.of(new Problem.Violation(part, message, file, line > 0 ? line : null, column > 0 ? column : null)));
    }
}
