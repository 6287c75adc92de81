package org.labledger.graphql;

import graphql.ErrorType;
import org.labledger.common.TextRules;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * GraphQL cost analysis and result bound, with graphql-java's public instrumentation API.
 * <p>
 * <b>Before validation</b> (for a document not yet in the document cache) and <b>before each execution</b> (with that
 * request's variables), the operation is walked as graphql-java would execute it — fragments expanded, each field
 * under each alias counted — within a budget of {@code max-fields} visited fields, so the analysis itself is
 * bounded whatever the document (a fragment that spreads the next one twice, 25 levels deep, is refused after
 * {@code max-fields} steps instead of expanding 2^25 fields). The cost of a field is its weight (1, or the
 * configured weight of a heavy resolver such as {@code compareQuestionnaires} or {@code scorecards(asOf)}) times
 * the number of times it will be resolved: a list field multiplies its children by its page size ({@code size}
 * of a paged query) or by how many items it can hold in the data ({@link GraphQLListSizes}: answers per lab,
 * labs per question, …). Refused, before any data is read: a cost over {@code max-cost}, a depth over
 * {@code max-depth} ({@code QUERY_TOO_DEEP}), more than {@code max-fields} fields after expansion, more than
 * {@code max-fragments} fragment definitions, or one field under more than {@code max-aliases} names in one
 * selection ({@code QUERY_TOO_COMPLEX}, with the cost and the limit in the message).
 * <p>
 * The same pass refuses values that SmallRye would silently wrap around: an {@code Int} outside 32 bits, an
 * {@code ID} outside 64 bits ({@code BAD_REQUEST}), in literals and in variables, and text that
 * {@link TextRules} refuses in string literals and variables.
 * <p>
 * <b>During execution</b>, as a last line, the number of field values resolved is counted; past
 * {@code max-result-values} the remaining fields resolve to nothing and the response is one
 * {@code RESULT_TOO_LARGE} error without data.
 * <p>
 * Introspection ({@code __schema}, {@code __type}) is bounded by graphql-java's own good-faith introspection
 * check; here its fields count towards {@code max-fields} but are neither multiplied nor depth-limited, so
 * the standard introspection query of tools (GraphiQL, Apollo, graphql-codegen) passes.
 */
final class GraphQLCost extends SimplePerformantInstrumentation {

    /** The configured limits. */
    record Limits(int maxCost, int maxDepth, int maxFields, int maxFragments, int maxAliases, long maxResultValues,
                  Map<String, Integer> weights) {
    }

    static final String TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    static final String TOO_DEEP = "QUERY_TOO_DEEP";

    private final Limits limits;
    private final GraphQLListSizes sizes;

    GraphQLCost(Limits limits, GraphQLListSizes sizes) {
        this.limits = limits;
        this.sizes = sizes;
    }

    /** Per request: whether the document was analysed before validation, and how many values were resolved. */
    static final class State implements InstrumentationState {
        boolean analysed;
        final AtomicLong values = new AtomicLong();
        final long max;

        State(long max) {
            this.max = max;
        }
        volatile boolean overflow;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new State(limits.maxResultValues());
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables dv, InstrumentationExecutionParameters parameters,
                                                               InstrumentationState state) {
        Document document = dv.getDocument();
        List<FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class);
        if (fragments.size() > limits.maxFragments()) {
            throw refuse(TOO_COMPLEX, "the document defines " + fragments.size() + " fragments; at most " + limits.maxFragments() + " are accepted", null);
        }
        Map<String, FragmentDefinition> byName = new HashMap<>();
        fragments.forEach(f -> byName.putIfAbsent(f.getName(), f));
        GraphQLSchema schema = parameters.getSchema();
        Map<String, Object> variables = dv.getVariables();
        for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
            analyse(schema, op, byName, variables, true);
        }
        ((State) state).analysed = true;
        return dv;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        var ctx = parameters.getExecutionContext();
        ctx.getGraphQLContext().put(State.class, state); // for charge()
        if (!((State) state).analysed) { // a cached document: its structure passed before, its variables are new
            analyse(ctx.getGraphQLSchema(), ctx.getOperationDefinition(), ctx.getFragmentsByName(), ctx.getExecutionInput().getRawVariables().toMap(), false);
        }
        return null;
    }

    private static final LightDataFetcher<Object> NOTHING = new LightDataFetcher<>() {
        @Override
        public Object get(GraphQLFieldDefinition fieldDefinition, Object sourceObject, Supplier<graphql.schema.DataFetchingEnvironment> env) {
            return null;
        }

        @Override
        public Object get(graphql.schema.DataFetchingEnvironment environment) {
            return null;
        }
    };

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        State s = (State) state;
        if (s.overflow || s.values.incrementAndGet() > limits.maxResultValues()) {
            s.overflow = true;
            return NOTHING;
        }
        return dataFetcher;
    }

    /** Values the compiled path ({@link GraphQLCompiled}) resolved without a fetch: counted as the fetches are. */
    static void charge(graphql.execution.ExecutionContext ctx, long values) {
        if (ctx.getGraphQLContext().get(State.class) instanceof State s && s.values.addAndGet(values) > s.max) {
            s.overflow = true;
        }
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result, InstrumentationExecutionParameters parameters,
                                                                       InstrumentationState state) {
        if (state instanceof State s && s.overflow) {
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message("the response would hold more than %d values (labledger.graphql.max-result-values); ask for fewer fields or smaller pages", limits.maxResultValues())
                    .errorType(ErrorType.ExecutionAborted).extensions(Map.of("code", "RESULT_TOO_LARGE")).build();
            // no data at all (not "data": null): Quarkus answers 500 to an ExecutionAborted error beside present data
            return CompletableFuture.completedFuture(new ExecutionResultImpl(List.of(error)));
        }
        return CompletableFuture.completedFuture(result);
    }

    // ------------------------------------------------------------------------------------------------ analysis

    private void analyse(GraphQLSchema schema, OperationDefinition op, Map<String, FragmentDefinition> fragments,
                         Map<String, Object> variables, boolean literals) {
        if (op == null) {
            return;
        }
        GraphQLFieldsContainer root = switch (op.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        Walk walk = new Walk(schema, fragments, variables == null ? Map.of() : variables, literals);
        walk.variables(op.getVariableDefinitions());
        if (root == null) {
            return;
        }
        walk.selections(op.getSelectionSet(), root, 1.0, 0, new HashMap<>(), 0, new ArrayList<>());
        if (walk.cost > limits.maxCost()) { // the walk is bounded by max-fields, so the whole cost is known
            throw refuse(TOO_COMPLEX, String.format("the query costs %.0f, more than the limit of %d (labledger.graphql.max-cost); "
                            + "the most expensive field is %s, resolved about %.0f times: list fields multiply their children by "
                            + "their page size or by how many items they hold; ask for fewer fields, or page with the top-level queries (size)",
                    walk.cost, limits.maxCost(), walk.worst, walk.worstTimes), null);
        }
    }

    private final class Walk {
        private final GraphQLSchema schema;
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Object> variables;
        private final boolean literals;
        private int fields;
        private double cost;
        private double worstCost;
        private double worstTimes;
        private String worst;

        Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables, boolean literals) {
            this.schema = schema;
            this.fragments = fragments;
            this.variables = variables;
            this.literals = literals;
        }

        /**
         * One selection set, executed {@code times} times, at {@code depth}; {@code names}: the response names of each
         * field at this level (across the fragments spread into it); {@code pageSize}: the page size of the paged query
         * whose page type this is (for its {@code items}); {@code spreading}: fragments being expanded (a cycle is
         * validation's to report).
         */
        void selections(SelectionSet set, GraphQLFieldsContainer type, double times, int depth, Map<String, Set<String>> names,
                        int pageSize, List<String> spreading) {
            if (set == null) {
                return;
            }
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    field(field, type, times, depth, names, pageSize);
                } else if (selection instanceof InlineFragment inline) {
                    GraphQLFieldsContainer on = inline.getTypeCondition() == null ? type : container(schema.getType(inline.getTypeCondition().getName()));
                    if (on != null) {
                        selections(inline.getSelectionSet(), on, times, depth, names, pageSize, spreading);
                    }
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition def = fragments.get(spread.getName());
                    if (def == null || spreading.contains(spread.getName())) {
                        continue;
                    }
                    GraphQLFieldsContainer on = container(schema.getType(def.getTypeCondition().getName()));
                    if (on != null) {
                        spreading.add(spread.getName());
                        selections(def.getSelectionSet(), on, times, depth, names, pageSize, spreading);
                        spreading.remove(spreading.size() - 1);
                    }
                }
            }
        }

        private void field(Field field, GraphQLFieldsContainer type, double times, int depth, Map<String, Set<String>> names, int pageSize) {
            if (++fields > limits.maxFields()) {
                throw refuse(TOO_COMPLEX, "the query expands to more than " + limits.maxFields() + " fields (labledger.graphql.max-fields), "
                        + "counting every field of every fragment where it is spread", field.getSourceLocation());
            }
            String name = field.getName();
            if (name.startsWith("__")) {
                if (!name.equals("__typename")) {
                    introspection(field.getSelectionSet());
                }
                return;
            }
            GraphQLFieldDefinition def = type.getFieldDefinition(name);
            if (def == null) {
                return; // validation reports it
            }
            Set<String> aliases = names.computeIfAbsent(name, n -> new HashSet<>());
            aliases.add(field.getResultKey());
            if (aliases.size() > limits.maxAliases()) {
                throw refuse(TOO_COMPLEX, "field '" + name + "' is selected under more than " + limits.maxAliases()
                        + " names in one selection (labledger.graphql.max-aliases)", field.getSourceLocation());
            }
            if (depth + 1 > limits.maxDepth()) {
                throw refuse(TOO_DEEP, "the query is more than " + limits.maxDepth() + " fields deep (maximum query depth "
                        + limits.maxDepth() + ", labledger.graphql.max-depth)", field.getSourceLocation());
            }
            if (literals) {
                arguments(field.getArguments(), def);
            }
            String coordinate = type.getName() + "." + name;
            Integer weight = limits.weights().get(coordinate + (hasArgument(field, "asOf") ? "(asOf)" : ""));
            if (weight == null) {
                weight = limits.weights().getOrDefault(coordinate, 1);
            }
            cost += weight * times;
            if (weight * times > worstCost) {
                worstCost = weight * times;
                worst = coordinate;
                worstTimes = times;
            }
            GraphQLType fieldType = GraphQLTypeUtil.unwrapNonNull(def.getType());
            double childTimes = times;
            if (fieldType instanceof GraphQLList) {
                // a page's items and a connection's edges hold at most the page size asked for (size, first)
                // a list asked for by keys (labs(slugs: [...])) holds at most that many, whatever the table holds
                double listed = ("items".equals(name) || "edges".equals(name)) && pageSize > 0 ? pageSize : sizes.of(type.getName(), name);
                Integer keys = listArgumentSize(field, "slugs");
                childTimes *= keys == null ? listed : Math.min(listed, keys);
            }
            GraphQLFieldsContainer child = container(GraphQLTypeUtil.unwrapAll(def.getType()));
            if (child != null && field.getSelectionSet() != null) {
                int childPage = def.getArgument("size") != null ? pageSize(field, "size")
                        : def.getArgument("first") != null ? pageSize(field, "first") : 0;
                selections(field.getSelectionSet(), child, childTimes, depth + 1, new HashMap<>(), childPage, new ArrayList<>());
            }
        }

        /** Introspection fields count towards max-fields only (graphql-java's good-faith check bounds the rest). */
        private void introspection(SelectionSet set) {
            if (set == null) {
                return;
            }
            for (Selection<?> s : set.getSelections()) {
                if (++fields > limits.maxFields()) {
                    throw refuse(TOO_COMPLEX, "the query expands to more than " + limits.maxFields() + " fields (labledger.graphql.max-fields)", null);
                }
                if (s instanceof Field f) {
                    introspection(f.getSelectionSet());
                } else if (s instanceof InlineFragment inline) {
                    introspection(inline.getSelectionSet());
                } else if (s instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
                    introspection(fragments.get(spread.getName()).getSelectionSet());
                }
            }
        }

        /** The {@code size} argument of a paged query or {@code first} of a connection (50 when absent), within the accepted 1–200. */
        private int pageSize(Field field, String argument) {
            Object v = argumentValue(field, argument);
            long size = v instanceof Number n ? n.longValue() : 50;
            return (int) Math.max(1, Math.min(200, size));
        }

        private Object argumentValue(Field field, String name) {
            for (Argument a : field.getArguments()) {
                if (a.getName().equals(name)) {
                    Value<?> v = a.getValue();
                    if (v instanceof IntValue i) {
                        return i.getValue();
                    }
                    if (v instanceof VariableReference ref) {
                        return variables.get(ref.getName());
                    }
                }
            }
            return null;
        }

        /** How many values a list argument holds (a literal list or a list variable), or null when absent or null. */
        private Integer listArgumentSize(Field field, String name) {
            for (Argument a : field.getArguments()) {
                if (a.getName().equals(name)) {
                    Value<?> v = a.getValue();
                    if (v instanceof graphql.language.ArrayValue array) {
                        return array.getValues().size();
                    }
                    if (v instanceof VariableReference ref && variables.get(ref.getName()) instanceof java.util.Collection<?> c) {
                        return c.size();
                    }
                }
            }
            return null;
        }

        private boolean hasArgument(Field field, String name) {
            for (Argument a : field.getArguments()) {
                if (a.getName().equals(name)) {
                    Value<?> v = a.getValue();
                    return !(v instanceof graphql.language.NullValue)
                            && !(v instanceof VariableReference ref && variables.get(ref.getName()) == null);
                }
            }
            return false;
        }

        // ------------------------------------------------------------------------------------- value checks

        private void arguments(List<Argument> arguments, GraphQLFieldDefinition def) {
            for (Argument a : arguments) {
                GraphQLArgument arg = def.getArgument(a.getName());
                if (arg != null) {
                    literal(a.getValue(), arg.getType(), a.getName());
                }
            }
        }

        private void literal(Value<?> value, GraphQLInputType type, String path) {
            GraphQLType t = GraphQLTypeUtil.unwrapNonNull(type);
            if (value instanceof ArrayValue array && t instanceof GraphQLList list) {
                int i = 0;
                for (Value<?> v : array.getValues()) {
                    literal(v, (GraphQLInputType) list.getWrappedType(), path + "[" + i++ + "]");
                }
            } else if (t instanceof GraphQLList list) {
                literal(value, (GraphQLInputType) list.getWrappedType(), path);
            } else if (value instanceof ObjectValue object && t instanceof GraphQLInputObjectType input) {
                for (ObjectField f : object.getObjectFields()) {
                    GraphQLInputObjectField field = input.getField(f.getName());
                    if (field != null) {
                        literal(f.getValue(), field.getType(), path + "." + f.getName());
                    }
                }
            } else if (value instanceof IntValue i) {
                scalar(i.getValue(), t, path);
            } else if (value instanceof StringValue s) {
                scalar(s.getValue(), t, path);
            }
        }

        /** The variables' values, checked against their declared types. */
        void variables(List<VariableDefinition> definitions) {
            for (VariableDefinition d : definitions) {
                value(variables.get(d.getName()), resolve(d.getType()), "$" + d.getName());
            }
        }

        private GraphQLType resolve(graphql.language.Type<?> type) {
            if (type instanceof graphql.language.NonNullType nn) {
                GraphQLType inner = resolve(nn.getType());
                return inner == null ? null : GraphQLNonNull.nonNull(inner);
            }
            if (type instanceof graphql.language.ListType list) {
                GraphQLType inner = resolve(list.getType());
                return inner == null ? null : GraphQLList.list(inner);
            }
            return schema.getType(((graphql.language.TypeName) type).getName());
        }

        private void value(Object value, GraphQLType type, String path) {
            GraphQLType t = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            if (value instanceof List<?> list) {
                GraphQLType item = t instanceof GraphQLList l ? l.getWrappedType() : null;
                int i = 0;
                for (Object v : list) {
                    value(v, item, path + "[" + i++ + "]");
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    GraphQLInputObjectField f = t instanceof GraphQLInputObjectType in ? in.getField(String.valueOf(e.getKey())) : null;
                    value(e.getValue(), f == null ? null : f.getType(), path + "." + e.getKey());
                }
            } else if (t instanceof GraphQLList l) {
                value(value, l.getWrappedType(), path);
            } else if (value != null) {
                scalar(value, t, path);
            }
        }

        private void scalar(Object value, GraphQLType type, String path) {
            if (value instanceof CharSequence s) {
                String problem = TextRules.problem(s);
                if (problem != null) {
                    throw refuse("BAD_REQUEST", path + ": " + problem, null);
                }
            }
            if (!(type instanceof GraphQLNamedType named)) {
                return;
            }
            BigInteger n = integer(value);
            if (n == null) {
                return;
            }
            if (named.getName().equals("Int") && n.bitLength() > 31) {
                throw refuse("BAD_REQUEST", path + ": " + n + " is not an Int (a 32-bit whole number, -2147483648 to 2147483647)", null);
            }
            if (named.getName().equals("ID") && n.bitLength() > 63) {
                throw refuse("BAD_REQUEST", path + ": " + n + " is not an ID LabLedger issues (a whole number below 2^63)", null);
            }
        }

        private static BigInteger integer(Object value) {
            if (value instanceof BigInteger b) {
                return b;
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                return BigInteger.valueOf(((Number) value).longValue());
            }
            if (value instanceof java.math.BigDecimal d) {
                try {
                    return d.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    return null;
                }
            }
            if (value instanceof String s && s.matches("-?[0-9]{1,400}")) {
                return new BigInteger(s);
            }
            return null;
        }
    }

    private static GraphQLFieldsContainer container(GraphQLType type) {
        return type instanceof GraphQLFieldsContainer c ? c : null;
    }

    static AbortExecutionException refuse(String code, String message, SourceLocation location) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        GraphqlErrorBuilder<?> b = GraphqlErrorBuilder.newError().message("%s", message)
                .errorType(code.equals("BAD_REQUEST") ? ErrorType.ValidationError : ErrorType.ExecutionAborted).extensions(extensions);
        if (location != null) {
            b.location(location);
        }
        return new AbortExecutionException(List.of(b.build()));
    }
}
