package org.labledger.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * For {@link GraphQLDirect}: the root field of an operation with variables, with each variable written in as the
 * literal its value is (so that a {@link DirectRoot} plans it as it plans literal arguments). The literal is built
 * from the variable's declared type in the schema: a JSON string is an enum value where the type is an enum, a
 * string elsewhere; objects follow their input type's fields. Anything it cannot write exactly (a variable that is
 * absent, a type it does not know, a custom scalar, a number that is not an integer where an Int is declared) makes
 * it give up: the request keeps the generic path. Whatever it writes is still only used once the plan's output has
 * equalled the generic answer for this very request, byte for byte.
 */
final class DirectVariables {

    private DirectVariables() {
    }

    /** The field with its variables inlined, or null when that cannot be done exactly. */
    static Field inline(Field field, List<VariableDefinition> definitions, JsonNode variables, GraphQLSchema schema) {
        if (definitions.isEmpty()) {
            return field;
        }
        if (schema == null) {
            return null;
        }
        Map<String, Value<?>> literals = new HashMap<>();
        for (VariableDefinition d : definitions) {
            if (!d.getDirectives().isEmpty()) {
                return null;
            }
            JsonNode json = variables == null ? null : variables.get(d.getName());
            Value<?> literal;
            if (json == null) {
                literal = d.getDefaultValue(); // may be null: then a use of it gives up below
            } else {
                literal = literal(json, d.getType(), schema);
                if (literal == null) {
                    return null;
                }
            }
            if (literal != null) {
                literals.put(d.getName(), literal);
            }
        }
        if (variables != null) {
            for (Iterator<String> names = variables.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (definitions.stream().noneMatch(d -> d.getName().equals(name))) {
                    return null; // a value for no declared variable: validation's business, not ours
                }
            }
        }
        List<Argument> arguments = new ArrayList<>(field.getArguments().size());
        for (Argument a : field.getArguments()) {
            Value<?> v = substitute(a.getValue(), literals);
            if (v == null) {
                return null;
            }
            arguments.add(a.transform(b -> b.value(v)));
        }
        if (containsVariable(field.getSelectionSet())) {
            return null; // arguments of nested fields: the plans take none today
        }
        return field.transform(b -> b.arguments(arguments));
    }

    private static boolean containsVariable(graphql.language.Node<?> node) {
        if (node == null) {
            return false;
        }
        if (node instanceof VariableReference) {
            return true;
        }
        for (graphql.language.Node<?> child : node.getChildren()) {
            if (containsVariable(child)) {
                return true;
            }
        }
        return false;
    }

    /** The value with every variable replaced, or null when one of them has no value. */
    private static Value<?> substitute(Value<?> value, Map<String, Value<?>> literals) {
        if (value instanceof VariableReference ref) {
            return literals.get(ref.getName());
        }
        if (value instanceof ObjectValue o) {
            List<ObjectField> fields = new ArrayList<>(o.getObjectFields().size());
            for (ObjectField f : o.getObjectFields()) {
                Value<?> v = substitute(f.getValue(), literals);
                if (v == null) {
                    return null;
                }
                fields.add(ObjectField.newObjectField().name(f.getName()).value(v).build());
            }
            return ObjectValue.newObjectValue().objectFields(fields).build();
        }
        if (value instanceof ArrayValue a) {
            List<Value> values = new ArrayList<>(a.getValues().size());
            for (Value<?> item : a.getValues()) {
                Value<?> v = substitute(item, literals);
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return ArrayValue.newArrayValue().values(values).build();
        }
        return value;
    }

    /** The literal of a JSON value for a declared (AST) type, or null. */
    static Value<?> literal(JsonNode json, Type<?> declared, GraphQLSchema schema) {
        GraphQLType type = resolve(declared, schema);
        return type == null ? null : literal(json, type);
    }

    private static GraphQLType resolve(Type<?> declared, GraphQLSchema schema) {
        if (declared instanceof NonNullType n) {
            GraphQLType inner = resolve(n.getType(), schema);
            return inner == null ? null : GraphQLNonNull.nonNull(inner);
        }
        if (declared instanceof ListType l) {
            GraphQLType inner = resolve(l.getType(), schema);
            return inner == null ? null : GraphQLList.list(inner);
        }
        return declared instanceof TypeName t ? schema.getType(t.getName()) : null;
    }

    private static Value<?> literal(JsonNode json, GraphQLType type) {
        if (type instanceof GraphQLNonNull n) {
            return json.isNull() ? null : literal(json, n.getWrappedType());
        }
        if (json.isNull()) {
            return NullValue.of();
        }
        if (type instanceof GraphQLList l) {
            if (!json.isArray()) {
                return literal(json, l.getWrappedType()); // input coercion: a single value for a list
            }
            List<Value> values = new ArrayList<>(json.size());
            for (JsonNode item : json) {
                Value<?> v = literal(item, l.getWrappedType());
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return ArrayValue.newArrayValue().values(values).build();
        }
        if (type instanceof GraphQLEnumType e) {
            return json.isTextual() && e.getValue(json.asText()) != null ? EnumValue.of(json.asText()) : null;
        }
        if (type instanceof GraphQLInputObjectType o) {
            if (!json.isObject()) {
                return null;
            }
            List<ObjectField> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                GraphQLInputObjectField f = o.getField(e.getKey());
                Value<?> v = f == null ? null : literal(e.getValue(), f.getType());
                if (v == null) {
                    return null;
                }
                fields.add(ObjectField.newObjectField().name(e.getKey()).value(v).build());
            }
            return ObjectValue.newObjectValue().objectFields(fields).build();
        }
        if (type instanceof GraphQLScalarType s) {
            switch (s.getName()) {
                case "String", "ID":
                    return json.isTextual() ? StringValue.of(json.asText()) : null;
                case "Int":
                    return json.isIntegralNumber() && json.canConvertToInt() ? IntValue.of(json.asInt()) : null;
                case "Boolean":
                    return json.isBoolean() ? BooleanValue.of(json.asBoolean()) : null;
                case "Float":
                    return json.isNumber() ? FloatValue.newFloatValue(new BigDecimal(json.asText())).build() : null;
                default:
                    return null; // a custom scalar's literal form is its own
            }
        }
        return null;
    }
}
