package org.labledger.graphql;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a GraphQL GET request mean to SmallRye what it means to the client. Quarkus 3.33.2's handler
 * ({@code SmallRyeGraphQLExecutionHandler.getJsonObjectFromQueryParameters}, read in its bytecode) takes the query
 * parameters, which Vert.x has already percent-decoded, and decodes them a second time, and it passes the query's text
 * where the operation name belongs. So over GET a {@code %} in a query or in its variables was a 500, a {@code +} or an
 * encoded {@code %22} changed the query that ran, and no {@code operationName} ever worked.
 * <p>
 * Before that handler runs (the guard's route, order -94), the parameters it reads are set to what its second decoding
 * turns back into the client's values: {@code query}, {@code variables} and {@code extensions} percent-encoded once more.
 * An {@code operationName} is resolved here, against the parsed document: it must name one of its operations (else
 * the request is refused as graphql-java would refuse it); a document of one operation runs as it is, and of several,
 * as the named operation with the fragments it uses (which is what executing the named operation means, GraphQL spec
 * §6.1); then the parameter is dropped. The cache key, the guard's own checks and the direct plans read the request as
 * the client sent it; only SmallRye's reading is changed. POST bodies need none of this.
 */
final class GetParameters {

    private static final List<String> ENCODED = List.of("query", "variables", "extensions");

    private GetParameters() {
    }

    /** false when {@code operationName} names no operation of the document. */
    static boolean prepare(RoutingContext rc, Document document, String operationName) {
        MultiMap params = rc.queryParams();
        String query = params.get("query");
        if (operationName != null && !operationName.isEmpty()) {
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            OperationDefinition selected = operations.stream().filter(op -> operationName.equals(op.getName())).findFirst().orElse(null);
            if (selected == null) {
                return false;
            }
            if (operations.size() > 1) {
                query = AstPrinter.printAst(only(document, selected));
            }
            params.remove("operationName");
        }
        for (String name : ENCODED) {
            String value = name.equals("query") ? query : params.get(name);
            if (value != null) {
                params.set(name, URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return true;
    }

    private static void push(Deque<SelectionSet> todo, SelectionSet set) {
        if (set != null) { // a leaf field has none
            todo.push(set);
        }
    }

    /** The document of one operation and the fragments it uses, directly or through other fragments. */
    static Document only(Document document, OperationDefinition operation) {
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity(), (a, b) -> a));
        Set<String> used = new LinkedHashSet<>();
        Deque<SelectionSet> todo = new ArrayDeque<>();
        push(todo, operation.getSelectionSet());
        while (!todo.isEmpty()) {
            for (Selection<?> s : todo.pop().getSelections()) {
                if (s instanceof Field f) {
                    push(todo, f.getSelectionSet());
                } else if (s instanceof InlineFragment i) {
                    push(todo, i.getSelectionSet());
                } else if (s instanceof FragmentSpread spread && used.add(spread.getName()) && fragments.containsKey(spread.getName())) {
                    push(todo, fragments.get(spread.getName()).getSelectionSet());
                }
            }
        }
        List<Definition> kept = new ArrayList<>();
        kept.add(operation);
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f && used.contains(f.getName())) {
                kept.add(f);
            }
        }
        return document.transform(b -> b.definitions(kept));
    }
}
