package org.labledger.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import io.smallrye.graphql.execution.QueryCache;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

import java.util.List;

/**
 * Hands SmallRye's own parsed-document cache the documents {@link GraphQLGuards.DocumentCache} accepted.
 * <p>
 * Before graphql-java runs, SmallRye reads the operation types of every request from its {@link QueryCache}
 * ({@code SmallRyeContextManager.populateFromExecutionInput}), and parses the document on a miss. That cache is
 * filled only by its own instrumentation after a validation, and {@link GraphQLGuards} replaces SmallRye's
 * instrumentation chain and document provider (for the limits and error codes), so it stayed empty and every request
 * was parsed twice: 14% of workload 4's CPU in a JFR profile (bench/README.md). This feeds it through its public
 * protocol — {@link QueryCache#getDocumentAsync} records the document on a miss and {@link QueryCache#beginValidation}
 * completed without errors stores it — with the entry already parsed and validated here, so nothing is parsed again.
 * <p>
 * SmallRye's cache is bounded by count (2,048 documents, its default), not size, so only documents of at most
 * {@link #MAX_CHARACTERS} characters are handed over: at about 16 bytes of syntax tree per character that bounds
 * what it can hold to about 64 MB. A longer document is parsed by SmallRye as before.
 */
final class SmallRyeDocuments {

    static final int MAX_CHARACTERS = 2048;

    private SmallRyeDocuments() {
    }

    /** Stores a valid document in the current request's SmallRye cache if it is not there yet. */
    static void offer(ExecutionInput input, PreparsedDocumentEntry entry) {
        String query = input.getQuery();
        if (entry.hasErrors() || query == null || query.length() > MAX_CHARACTERS) {
            return;
        }
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        QueryCache cache = context == null ? null : context.getQueryCache();
        if (cache == null) {
            return;
        }
        boolean[] missed = {false};
        cache.getDocumentAsync(input, i -> {
            missed[0] = true;
            return entry;
        });
        if (missed[0]) {
            cache.beginValidation(null, null).onCompleted(List.of(), null);
        }
    }
}
