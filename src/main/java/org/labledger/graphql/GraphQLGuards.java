package org.labledger.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.parser.ParserOptions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.labledger.common.ApiException;
import org.labledger.common.ProblemMappers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Guards the GraphQL endpoint and makes every error carry an {@code extensions.code}:
 * <ul>
 *   <li>parser limits (characters, tokens, whitespace tokens, rule depth) → {@code QUERY_TOO_LARGE};</li>
 *   <li>the cost analysis ({@link GraphQLCost}): depth → {@code QUERY_TOO_DEEP}; cost, expanded fields, fragments,
 *       aliases → {@code QUERY_TOO_COMPLEX}; out-of-range Int/ID values, refused characters → {@code BAD_REQUEST};
 *       too many values resolved → {@code RESULT_TOO_LARGE};</li>
 *   <li>syntax errors → {@code GRAPHQL_PARSE_FAILED}; schema validation errors → {@code GRAPHQL_VALIDATION_FAILED};</li>
 *   <li>LabLedger's own errors keep theirs ({@code NOT_FOUND}, {@code BAD_REQUEST}, …, set by SmallRye from
 *       {@link io.smallrye.graphql.api.ErrorCode}); any other exception becomes {@code INTERNAL_ERROR} with a
 *       generic message, so no internal detail (class names, SQL) reaches a client.</li>
 * </ul>
 * The limits are configured by {@code labledger.graphql.*}. They replace SmallRye's own instrumentation
 * chain (depth/complexity and its parsed-query cache), which has no hook for error codes and counts merged fields once.
 */
@ApplicationScoped
public class GraphQLGuards {

    private static final Logger LOG = Logger.getLogger(GraphQLGuards.class);

    @ConfigProperty(name = "labledger.graphql.max-depth", defaultValue = "12")
    int maxDepth;
    @ConfigProperty(name = "labledger.graphql.max-cost", defaultValue = "25000")
    int maxCost;
    @ConfigProperty(name = "labledger.graphql.max-fields", defaultValue = "2000")
    int maxFields;
    @ConfigProperty(name = "labledger.graphql.max-fragments", defaultValue = "50")
    int maxFragments;
    @ConfigProperty(name = "labledger.graphql.max-aliases", defaultValue = "20")
    int maxAliases;
    @ConfigProperty(name = "labledger.graphql.max-result-values", defaultValue = "200000")
    long maxResultValues;
    /** Heavy resolvers: {@code Type.field} (or {@code Type.field(asOf)} when that argument is given) = weight. */
    @ConfigProperty(name = "labledger.graphql.cost.weights",
            defaultValue = "Query.compareQuestionnaires=1500,Query.scorecards(asOf)=1500,Query.scorecards=10,Lab.scorecard=10,Query.questions=10,Query.answers=10,Query.changes=10")
    String weights;
    @Inject
    GraphQLListSizes listSizes;
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
        documents = new DocumentCache(documentCacheCharacters);
        builder.preparsedDocumentProvider(documents);
        builder.instrumentation(new ChainedInstrumentation(List.of(
                new GraphQLCost(limits(), listSizes),
                new ErrorCodes())));
        LOG.infof("GraphQL limits: cost %d, depth %d, %d fields, %d fragments, %d aliases, %d result values, %d characters, %d tokens",
                maxCost, maxDepth, maxFields, maxFragments, maxAliases, maxResultValues, maxCharacters, maxTokens);
    }

    GraphQLCost.Limits limits() {
        return new GraphQLCost.Limits(maxCost, maxDepth, maxFields, maxFragments, maxAliases, maxResultValues, weights(weights));
    }

    /** "Type.field=1000,Type.field(asOf)=1000" → a map; a malformed entry stops the start with a message. */
    static Map<String, Integer> weights(String spec) {
        Map<String, Integer> out = new HashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.lastIndexOf('=');
            try {
                out.put(part.substring(0, eq).trim(), Integer.parseInt(part.substring(eq + 1).trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("labledger.graphql.cost.weights: '" + part + "' is not Type.field=weight");
            }
        }
        return Map.copyOf(out);
    }

    @ConfigProperty(name = "labledger.graphql.document-cache-characters", defaultValue = "2000000")
    long documentCacheCharacters;

    private volatile DocumentCache documents;

    /** Whether this query text is a cached document, i.e. it parsed and validated within the limits before. */
    boolean isKnownDocument(String query) {
        return knownDocument(query) != null;
    }

    /** The parsed and validated document of this query text, or null when it is not cached. */
    graphql.language.Document knownDocument(String query) {
        DocumentCache d = documents;
        PreparsedDocumentEntry entry = d == null ? null : d.entries.getIfPresent(query);
        return entry == null ? null : entry.getDocument();
    }

    /**
     * Parsed and validated documents by query text, so a dashboard's repeated query is not parsed and validated on
     * every request. Only documents without errors are kept; the cost analysis runs again on every execution with
     * that request's variables, so the limits hold for cached documents too. Bounded by the total length of the
     * query texts it holds (Caffeine, least recently and frequently used out first); 0 keeps none.
     */
    static final class DocumentCache implements PreparsedDocumentProvider {
        private final Cache<String, PreparsedDocumentEntry> entries;
        private final boolean enabled;

        DocumentCache(long characters) {
            this.enabled = characters > 0;
            this.entries = Caffeine.newBuilder().maximumWeight(Math.max(1, characters))
                    .<String, PreparsedDocumentEntry>weigher((query, entry) -> Math.max(1, query.length()))
                    .build();
        }

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
                ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            var cached = entries.getIfPresent(input.getQuery());
            if (cached != null) {
                SmallRyeDocuments.offer(input, cached);
                return CompletableFuture.completedFuture(cached);
            }
            var entry = parseAndValidate.apply(input);
            if (!entry.hasErrors() && enabled) {
                entries.put(input.getQuery(), entry);
                SmallRyeDocuments.offer(input, entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
    }

    /**
     * Adds a code to every error that has none, and records the HTTP status of a result without data
     * ({@link GraphQLHttpStatus}) on the request's Vert.x context, captured when the execution starts: the result may
     * complete on another thread.
     */
    static final class ErrorCodes extends SimplePerformantInstrumentation {

        /** The request's duplicated Vert.x context (null outside an HTTP request). */
        static final class RequestContext implements InstrumentationState {
            final io.vertx.core.Context context;

            RequestContext(io.vertx.core.Context context) {
                this.context = context;
            }
        }

        @Override
        public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
            return new RequestContext(GraphQLHttpStatus.requestContext());
        }

        /** Which operation runs (the named one of several): a query's response may be tagged and cached, others not. */
        @Override
        public graphql.execution.instrumentation.InstrumentationContext<ExecutionResult> beginExecuteOperation(
                graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            if (state instanceof RequestContext r && parameters.getExecutionContext().getOperationDefinition() != null) {
                GraphQLResults.recordOperation(r.context, parameters.getExecutionContext().getOperationDefinition().getOperation());
            }
            return super.beginExecuteOperation(parameters, state);
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                           InstrumentationExecutionParameters parameters,
                                                                           InstrumentationState state) {
            io.vertx.core.Context context = state instanceof RequestContext r ? r.context : null;
            if (result.getErrors().isEmpty()) {
                GraphQLResults.record(context, result);
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = new ArrayList<>();
            boolean abandoned = GraphQLResults.abandoned(context);
            for (GraphQLError e : result.getErrors()) {
                errors.add(withCode(e, abandoned));
            }
            ExecutionResult coded = result.transform(b -> b.errors(errors));
            GraphQLHttpStatus.record(context, coded);
            GraphQLResults.record(context, coded);
            return CompletableFuture.completedFuture(coded);
        }

        /**
         * The error with its code; {@code abandoned}: the client closed the connection while the request ran, so a
         * failed fetch is logged at DEBUG (the request scope was terminated under it, its statement closed; nobody will
         * read the answer), not as a server failure.
         */
        static GraphQLError withCode(GraphQLError e, boolean abandoned) {
            if (e instanceof ExceptionWhileDataFetching fetching) {
                Throwable t = fetching.getException();
                if (t instanceof ApiException api) {
                    LOG.debugf("GraphQL client error %s: %s", api.code(), api.getMessage());
                    return error(e, e.getMessage(), ErrorType.DataFetchingException, api.code()); // SmallRye wrote the client message
                }
                if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
                    return error(e, "this operation needs a valid bearer token", ErrorType.DataFetchingException, "UNAUTHORIZED");
                }
                if (t instanceof ForbiddenException) {
                    return error(e, "the token's roles do not allow this operation", ErrorType.DataFetchingException, "FORBIDDEN");
                }
                if (abandoned) {
                    LOG.debugf("GraphQL data fetching ended because the client went away: %s", t);
                    return error(e, "Internal server error", ErrorType.DataFetchingException, "INTERNAL_ERROR");
                }
                if (ProblemMappers.databaseUnreachable(t)) {
                    LOG.warnf("database unavailable: %s", t);
                    return error(e, "the database is unavailable; retry later", ErrorType.DataFetchingException, "SERVICE_UNAVAILABLE");
                }
                if (t instanceof OptimisticLockException || t instanceof StaleObjectStateException
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
