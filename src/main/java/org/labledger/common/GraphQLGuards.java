package org.labledger.common;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.ExceptionWhileDataFetching;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.parser.ParserOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Guards the GraphQL endpoint and makes every error carry an {@code extensions.code}:
 * <ul>
 *   <li>parser limits (characters, tokens, whitespace tokens, rule depth) → {@code QUERY_TOO_LARGE};</li>
 *   <li>query depth and complexity limits → {@code QUERY_TOO_DEEP}, {@code QUERY_TOO_COMPLEX};</li>
 *   <li>syntax errors → {@code GRAPHQL_PARSE_FAILED}; schema validation errors → {@code GRAPHQL_VALIDATION_FAILED};</li>
 *   <li>LabLedger's own errors keep theirs ({@code NOT_FOUND}, {@code BAD_REQUEST}, …, set by SmallRye from
 *       {@link io.smallrye.graphql.api.ErrorCode}); any other exception becomes {@code INTERNAL_ERROR} with a
 *       generic message, so no internal detail (class names, SQL) reaches a client.</li>
 * </ul>
 * The limits are configured by {@code labledger.graphql.*}. They replace SmallRye's own instrumentation
 * chain (depth/complexity and its parsed-query cache), which has no hook for error codes.
 */
@ApplicationScoped
public class GraphQLGuards {

    private static final Logger LOG = Logger.getLogger(GraphQLGuards.class);

    @ConfigProperty(name = "labledger.graphql.max-depth", defaultValue = "12")
    int maxDepth;
    @ConfigProperty(name = "labledger.graphql.max-complexity", defaultValue = "500")
    int maxComplexity;
    @ConfigProperty(name = "labledger.graphql.max-characters", defaultValue = "50000")
    int maxCharacters;
    @ConfigProperty(name = "labledger.graphql.max-tokens", defaultValue = "5000")
    int maxTokens;
    @ConfigProperty(name = "labledger.graphql.max-whitespace-tokens", defaultValue = "20000")
    int maxWhitespaceTokens;
    @ConfigProperty(name = "labledger.graphql.max-rule-depth", defaultValue = "200")
    int maxRuleDepth;

    /** The parser limits for request documents. */
    public ParserOptions parserOptions() {
        return ParserOptions.getDefaultOperationParserOptions().transform(o -> o
                .maxCharacters(maxCharacters)
                .maxTokens(maxTokens)
                .maxWhitespaceTokens(maxWhitespaceTokens)
                .maxRuleDepth(maxRuleDepth));
    }

    /** Called by {@link GraphQLGuardsInstaller} when SmallRye builds its GraphQL instance. */
    void configure(GraphQL.Builder builder) {
        ParserOptions.setDefaultOperationParserOptions(parserOptions());
        documents = new DocumentCache(documentCacheSize);
        builder.preparsedDocumentProvider(documents);
        builder.instrumentation(new ChainedInstrumentation(List.of(
                new MaxQueryComplexityInstrumentation(maxComplexity),
                new MaxQueryDepthInstrumentation(maxDepth),
                new ErrorCodes(),
                new GraphQLFastFields())));
        LOG.infof("GraphQL limits: depth %d, complexity %d, %d characters, %d tokens", maxDepth, maxComplexity, maxCharacters, maxTokens);
    }

    @ConfigProperty(name = "labledger.graphql.document-cache-size", defaultValue = "500")
    int documentCacheSize;

    private volatile DocumentCache documents;

    /** Whether this query text is a cached document, i.e. it parsed and validated within the limits before. */
    boolean isKnownDocument(String query) {
        DocumentCache d = documents;
        return d != null && d.entries.containsKey(query);
    }

    /**
     * Parsed and validated documents by query text, so a dashboard's repeated query is not parsed and validated on
     * every request. Only documents without errors are kept; depth and complexity limits are checked when an
     * operation starts executing, so they hold for cached documents too. Bounded: emptied when full.
     */
    static final class DocumentCache implements graphql.execution.preparsed.PreparsedDocumentProvider {
        private final int capacity;
        private final Map<String, graphql.execution.preparsed.PreparsedDocumentEntry> entries = new java.util.concurrent.ConcurrentHashMap<>();

        DocumentCache(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public CompletableFuture<graphql.execution.preparsed.PreparsedDocumentEntry> getDocumentAsync(
                graphql.ExecutionInput input, java.util.function.Function<graphql.ExecutionInput, graphql.execution.preparsed.PreparsedDocumentEntry> parseAndValidate) {
            var cached = entries.get(input.getQuery());
            if (cached != null) {
                return CompletableFuture.completedFuture(cached);
            }
            var entry = parseAndValidate.apply(input);
            if (!entry.hasErrors() && capacity > 0) {
                if (entries.size() >= capacity) {
                    entries.clear();
                }
                entries.put(input.getQuery(), entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
    }

    /** Adds a code to every error that has none. */
    static final class ErrorCodes extends SimplePerformantInstrumentation {

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                           InstrumentationExecutionParameters parameters,
                                                                           InstrumentationState state) {
            if (result.getErrors().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = new ArrayList<>();
            for (GraphQLError e : result.getErrors()) {
                errors.add(withCode(e));
            }
            return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
        }

        private static GraphQLError withCode(GraphQLError e) {
            if (e instanceof ExceptionWhileDataFetching fetching) {
                Throwable t = fetching.getException();
                if (t instanceof ApiException) {
                    return e; // SmallRye writes the message and the @ErrorCode
                }
                if (t instanceof io.quarkus.security.UnauthorizedException || t instanceof io.quarkus.security.AuthenticationFailedException) {
                    return error(e, "this operation needs a valid bearer token", ErrorType.DataFetchingException, "UNAUTHORIZED");
                }
                if (t instanceof io.quarkus.security.ForbiddenException) {
                    return error(e, "the token's roles do not allow this operation", ErrorType.DataFetchingException, "FORBIDDEN");
                }
                if (ProblemMappers.databaseUnreachable(t)) {
                    LOG.warnf("database unavailable: %s", t);
                    return error(e, "the database is unavailable; retry later", ErrorType.DataFetchingException, "SERVICE_UNAVAILABLE");
                }
                if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleObjectStateException
                        || ProblemMappers.concurrentConflict(t)) {
                    return error(e, "the record was changed by someone else at the same time; read it again", ErrorType.DataFetchingException, "CONFLICT");
                }
                LOG.error("GraphQL data fetching failed", fetching.getException());
                return error(e, "Internal server error", ErrorType.DataFetchingException, "INTERNAL_ERROR");
            }
            if (e.getExtensions() != null && e.getExtensions().containsKey("code")) {
                return e;
            }
            ErrorClassification type = e.getErrorType();
            String message = e.getMessage() == null ? "" : e.getMessage();
            String code;
            if (type == ErrorType.InvalidSyntax) {
                code = message.contains("have been presented") || message.contains("grammar tokens") ? "QUERY_TOO_LARGE" : "GRAPHQL_PARSE_FAILED";
            } else if (type == ErrorType.ValidationError) {
                code = "GRAPHQL_VALIDATION_FAILED";
            } else if (type == ErrorType.ExecutionAborted) {
                code = message.contains("depth") ? "QUERY_TOO_DEEP" : message.contains("complexity") ? "QUERY_TOO_COMPLEX" : "EXECUTION_ABORTED";
            } else {
                code = "BAD_REQUEST";
            }
            return error(e, message, type, code);
        }

        private static GraphQLError error(GraphQLError e, String message, ErrorClassification type, String code) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (e.getExtensions() != null) {
                extensions.putAll(e.getExtensions());
            }
            extensions.put("code", code);
            GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError().message("%s", message).errorType(type).extensions(extensions);
            if (e.getLocations() != null) {
                b.locations(e.getLocations());
            }
            if (e.getPath() != null) {
                b.path(e.getPath());
            }
            return b.build();
        }
    }
}
