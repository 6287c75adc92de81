package org.labledger.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the REST API that hold for every operation, written into the OpenAPI document ({@code /q/openapi})
 * once here instead of on each of the ~60 operations. The resources document what is particular to them (operationId,
 * body schemas, 201/204, path-parameter examples, whether If-Match is required, the bearer requirement of writes);
 * this filter adds what the shared infrastructure of {@code common} does for all of them:
 *
 * <ul>
 *   <li>{@code page}/{@code size} are integers with {@link Paging}'s bounds; an operation that takes {@code page} and
 *       documents its 200 body as an array of {@code X} is a paged list: the body becomes the {@link PageResult}
 *       envelope {@code XPage} and the response gets {@code X-Total-Count} and {@code Link} ({@link Paging#ok}).</li>
 *   <li>Successful GETs under {@code /api} carry {@code ETag} and {@code Cache-Control} and answer {@code 304} to a
 *       matching {@code If-None-Match} ({@link HttpCaching}).</li>
 *   <li>Errors are {@link Problem} bodies ({@code application/problem+json}, {@link ProblemMappers}): 400 on every
 *       operation (unknown or malformed query parameters, {@link RequestGuard}), 404 where the path names a record, 401
 *       and 403 on operations that need a token, 409/412/413/415/422/428 on writes as they apply, 503 with
 *       {@code Retry-After} everywhere (database unreachable or too slow).</li>
 * </ul>
 * It also declares what belongs to the whole document: the {@code bearerAuth} scheme, the {@code Problem} schema
 * (the fields of {@link Problem}, checked against the record by OpenApiDocumentTest) and the tags' descriptions.
 * It runs at build time on the document built from the annotations (nothing in it depends on run-time configuration),
 * so a start does not run it; the one run-time part, {@code servers}, is {@link OpenApiServers}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiContract implements OASFilter {

    /** The one security scheme: every write operation requires it, no read does. */
    public static final String BEARER = "bearerAuth";

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("labs", "AI labs and organisations, their scores and scorecards"),
            Map.entry("questions", "Questions put to labs, with each lab's answer"),
            Map.entry("answers", "How each lab responded to each question, with history and curation"),
            Map.entry("questionnaires", "Questionnaires (AI Lab Watch, FMTI editions) and their comparison"),
            Map.entry("topics", "The topic tree questions are filed under"),
            Map.entry("agreements", "Agreements between labs and partners, as version chains with provisions"),
            Map.entry("events", "Reported events between labs"),
            Map.entry("sources", "Source documents and citations"),
            Map.entry("scorecards", "Response rates of every lab, per topic"),
            Map.entry("history", "Recorded changes (revisions) and their Atom feed"),
            Map.entry("imports", "FMTI and dataset imports"),
            Map.entry("datasets", "The whole dataset as one document"),
            Map.entry("releases", "Dataset releases: immutable numbered snapshots of the whole ledger, with SHA-256, release notes, citation and a Frictionless Data package"),
            Map.entry("claims", "Claims: who said what about a record, with what stance and certainty, and which claims dispute them"),
            Map.entry("reply", "A lab's right of reply: its inbox of questions, its submissions with signed receipts, the curators' review, the receipt key"),
            Map.entry("entities", "Named entities: the people, organisations, publications, legal entities, models and products the documents name"));
    /** Creates of records without a key of their own (a citation), which cannot conflict. */
    private static final Set<String> NOT_KEYED = Set.of("/api/citations");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        headers(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("A JWT whose groups claim holds curator or admin (scripts/dev-token.sh ROLE prints one for a local service)"));
        components.addSchema("Problem", problemSchema());
        if (openAPI.getTags() != null) {
            for (Tag tag : openAPI.getTags()) {
                if (TAGS.containsKey(tag.getName())) {
                    tag.setDescription(TAGS.get(tag.getName()));
                }
            }
        }
        // no security unless an operation requires it (every write requires bearerAuth): said, not left out
        openAPI.setSecurity(new ArrayList<>());
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(OpenApiContract::ecmaPatterns);
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                operation(components, path.getKey(), op.getKey().name(), op.getValue());
            }
        }
    }

    private static void operation(Components components, String path, String method, Operation op) {
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        APIResponse streamed = responses.getAPIResponse("200");
        if (streamed != null && streamed.getContent() != null && streamed.getContent().hasMediaType("text/event-stream")) {
            return; // an event stream (stream/ChangeStreamOpenApi): no ETag, 304 or paging; it documents its own problems
        }
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        boolean paged = false;
        Parameter ifMatch = null;
        // a list that also pages by keyset (Cursor): its page is documented as offset paging, its envelope has nextCursor
        boolean keyset = params.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY && "cursor".equals(p.getName()));
        for (Parameter p : params) {
            boolean csv = path.endsWith(".csv");
            if (p.getIn() == Parameter.In.QUERY && "page".equals(p.getName())) {
                paged = !csv;
                p.setSchema(integer(0, null, 0));
                p.setDescription(keyset ? Paging.OFFSET_PAGE : "page number, from 0");
            } else if (p.getIn() == Parameter.In.QUERY && "cursor".equals(p.getName())) {
                p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(Cursor.MAX_LENGTH).pattern("^[A-Za-z0-9_-]+$"));
            } else if (p.getIn() == Parameter.In.QUERY && "size".equals(p.getName())) {
                p.setSchema(csv ? integer(1, Paging.CSV_MAX_SIZE, Paging.CSV_MAX_SIZE) : integer(1, Paging.MAX_SIZE, Paging.DEFAULT_SIZE));
                p.setDescription(csv ? "rows per page, 1 to " + Paging.CSV_MAX_SIZE + " (by default all of them up to that)"
                        : "page size, 1 to " + Paging.MAX_SIZE);
            } else if (p.getIn() == Parameter.In.HEADER && "If-Match".equals(p.getName())) {
                ifMatch = p;
            }
            Schema s = p.getSchema();
            if (s != null && s.getRef() != null && s.getType() != null && s.getType().contains(Schema.SchemaType.ARRAY)) {
                // @Schema(type = ARRAY, ref = "X"), for a room that cannot name X's class: an array of X
                p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref(s.getRef())));
            }
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (ok != null && path.endsWith(".csv") && params.stream().anyMatch(p -> "page".equals(p.getName()))) {
            ok.addHeader("X-Total-Count", ref("XTotalCount"));
            ok.addHeader("Link", ref("Link"));
        }
        if (paged && ok != null) {
            envelope(components, ok, keyset);
            ok.addHeader("X-Total-Count", ref("XTotalCount"));
            ok.addHeader("Link", ref("Link"));
        }
        if ("GET".equals(method) && path.startsWith("/api/") && ok != null) {
            ok.addHeader("ETag", ref("ETag"));
            ok.addHeader("Cache-Control", ref("CacheControl"));
            op.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER).required(false)
                    .description("an ETag of an earlier response: 304 without a body when it is still current")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)).example("\"v0\""));
            responses.addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not Modified: the If-None-Match tag is current").addHeader("ETag", ref("ETag")));
        }
        if (ifMatch != null && ok != null && ("PUT".equals(method) || "PATCH".equals(method))) {
            ok.addHeader("ETag", ref("ETag")); // the new version's tag, for the next If-Match
        }
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        boolean body = op.getRequestBody() != null;
        boolean imports = path.startsWith("/api/imports/");
        problem(responses, "400", "Bad Request: an invalid or unknown parameter or body field (each mistake listed in errors)");
        if (secured) {
            problem(responses, "401", "Unauthorized: no bearer token, or a bad one (expired, wrong issuer or audience)");
            problem(responses, "403", "Forbidden: the token's groups do not hold the role this operation needs");
        }
        if (path.contains("{")) {
            problem(responses, "404", "Not Found: no record with this slug, key or id");
        }
        // creates (the key is taken), batches (a stale item) and deletes of versioned records (still referred to);
        // imports upsert and citations are not keyed, so neither can conflict
        if ("POST".equals(method) && !imports && !NOT_KEYED.contains(path) || "DELETE".equals(method) && ifMatch != null) {
            problem(responses, "409", "Conflict: the slug or key is taken, the record is still referred to, or a batch item's version is stale");
        }
        if (ifMatch != null) {
            problem(responses, "412", "Precondition Failed: If-Match does not name the current ETag (someone else changed it; GET it again)");
            if (Boolean.TRUE.equals(ifMatch.getRequired())) {
                problem(responses, "428", "Precondition Required: the If-Match header is missing");
            }
        }
        if (body) {
            problem(responses, "413", "Content Too Large: the body (or an import file) is over the configured limit");
            problem(responses, "415", "Unsupported Media Type: the body is not of a type this operation takes");
            if (!imports) {
                problem(responses, "422", "Unprocessable Content: the body refers to a record that does not exist or breaks a rule (e.g. a status change without evidence)");
            }
        }
        APIResponse unavailable = problem(responses, "503", "Service Unavailable: the database cannot be reached or a statement ran too long; retry after Retry-After seconds");
        unavailable.addHeader("Retry-After", ref("RetryAfter"));
    }

    /** The 200 body documented as an array of items becomes the paging envelope of those items. */
    private static void envelope(Components components, APIResponse ok, boolean keyset) {
        if (ok.getContent() == null) {
            return;
        }
        MediaType json = ok.getContent().getMediaType("application/json");
        if (json == null || json.getSchema() == null || json.getSchema().getItems() == null || json.getSchema().getItems().getRef() == null) {
            return;
        }
        Schema items = json.getSchema().getItems();
        String item = items.getRef().substring(items.getRef().lastIndexOf('/') + 1);
        String name = item + (keyset ? "CursorPage" : "Page");
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            Map<String, Schema> props = new LinkedHashMap<>();
            props.put("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema().ref(items.getRef()))
                    .description("this page's " + item + " items"));
            if (keyset) {
                props.put("nextCursor", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(Cursor.MAX_LENGTH)
                        .description("the cursor of the next page (absent on the last page): pass it as cursor, or follow the Link rel=\"next\"; "
                                + "on page 0 and on every cursor page"));
            }
            props.put("page", integer(0, null, null).description(keyset ? "this page's number, from 0 (absent on a cursor page)" : "this page's number, from 0"));
            props.put("size", integer(1, Paging.MAX_SIZE, null).description("the page size asked for"));
            props.put("totalItems", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO)
                    .description("items over all pages (also the X-Total-Count header)"));
            props.put("totalPages", integer(0, null, null).description(keyset ? "number of pages of this size (absent on a cursor page)" : "number of pages of this size"));
            components.addSchema(name, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description(keyset
                            ? "One page of " + item + ": by offset (page; Link first, prev, next, last) or by keyset (cursor: items, size, totalItems, nextCursor; Link first, next)"
                            : "One page of " + item + " (pages count from 0; the Link header has first, prev, next, last)")
                    .properties(props).required(keyset ? List.of("items", "size", "totalItems") : List.of("items", "page", "size", "totalItems", "totalPages")));
        }
        json.setSchema(OASFactory.createSchema().ref("#/components/schemas/" + name));
    }

    private static APIResponse problem(APIResponses responses, String code, String description) {
        APIResponse r = responses.getAPIResponse(code);
        if (r == null) {
            r = OASFactory.createAPIResponse();
            responses.addAPIResponse(code, r);
        }
        r.setDescription(description);
        r.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
        return r;
    }

    /**
     * JSON Schema patterns are ECMA-262 regular expressions: a Bean Validation pattern with Java's DOTALL flag,
     * {@code (?s).*\S.*}, is not one (a validating client would fail on it). Without the flag, with every {@code .}
     * written {@code [\s\S]}, it means the same.
     */
    private static void ecmaPatterns(Schema schema) {
        if (schema == null) {
            return;
        }
        String p = schema.getPattern();
        if (p != null && p.startsWith("(?s)")) {
            schema.setPattern(p.substring(4).replaceAll("(?<!\\\\)\\.", "[\\\\s\\\\S]"));
        }
        ecmaPatterns(schema.getItems());
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiContract::ecmaPatterns);
        }
    }

    /** RFC 9457 problem details as {@link Problem} serialises them (null fields are left out). */
    private static Schema problemSchema() {
        Map<String, Schema> violation = new LinkedHashMap<>();
        violation.put("field", string("the parameter, body field (items[0].set.status) or form part"));
        violation.put("message", string("what is wrong with it"));
        violation.put("file", string("for an import: the file"));
        violation.put("line", integer(1, null, null).description("for an import: the line in the file"));
        violation.put("column", integer(1, null, null).description("for an import: the column"));
        Map<String, Schema> props = new LinkedHashMap<>();
        props.put("type", string("a URI naming the kind of problem").format("uri").example("https://labledger.org/problems/invalid-parameter"));
        props.put("title", string("short summary of the kind of problem").example("Invalid Parameter"));
        props.put("status", integer(100, 599, null).description("the HTTP status code").example(400));
        props.put("detail", string("what went wrong in this occurrence")
                .example("parameter 'size': must be between 1 and 200, was 0"));
        props.put("instance", string("the request path").example("/api/questions"));
        props.put("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).description("each mistake, when there are several")
                .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(violation).required(List.of("field", "message"))));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("An RFC 9457 problem detail (application/problem+json)")
                .properties(props).required(List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema integer(Integer min, Integer max, Integer dflt) {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32");
        if (min != null) {
            s.setMinimum(BigDecimal.valueOf(min));
        }
        if (max != null) {
            s.setMaximum(BigDecimal.valueOf(max));
        }
        if (dflt != null) {
            s.setDefaultValue(dflt);
        }
        return s;
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static void headers(Components c) {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        c.addHeader("ETag", OASFactory.createHeader().schema(text).example("\"v0\"")
                .description("entity tag of the body; a versioned record's tag (\"v<version>\") is what If-Match must name"));
        c.addHeader("CacheControl", OASFactory.createHeader().schema(text).example("public, max-age=60")
                .description("how long the response may be cached (labledger.http.cache-control)"));
        c.addHeader("XTotalCount", OASFactory.createHeader().schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64"))
                .example(33).description("items over all pages"));
        c.addHeader("Link", OASFactory.createHeader().schema(text)
                .example("<http://localhost:8080/api/questions?page=0&size=50>; rel=\"first\", <http://localhost:8080/api/questions?page=0&size=50>; rel=\"last\"")
                .description("RFC 8288 links to the first, prev, next and last pages"));
        c.addHeader("Location", OASFactory.createHeader().schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .example("http://localhost:8080/api/labs/anthropic").description("URL of the created record"));
        c.addHeader("RetryAfter", OASFactory.createHeader().schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .example(5).description("seconds to wait before retrying"));
    }
}
