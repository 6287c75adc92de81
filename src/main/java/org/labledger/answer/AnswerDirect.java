package org.labledger.answer;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.core.buffer.Buffer;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.labledger.common.ApiException;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.graphql.DirectJson;
import org.labledger.graphql.DirectRoot;
import org.labledger.question.QuestionDirect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code answers(filter, page, size)} for graphql/GraphQLDirect: the page's ids as {@link AnswerGraphQL#answers} finds
 * them ({@link AnswerService#searchIds}), then the items' JSON — the answers' plain fields, their question and its
 * topic — written by PostgreSQL in one statement, in page order.
 */
@ApplicationScoped
public class AnswerDirect implements DirectRoot {

    /** The GraphQL {@code Answer}: plain fields and the question; {@code updatedAt}, lists and the lab are not expressible. */
    static final DirectJson.Type TYPE = new DirectJson.Type("Answer", Map.ofEntries(
            Map.entry("id", DirectJson.idColumn("id")),
            Map.entry("status", DirectJson.column("status")),
            Map.entry("delivered", DirectJson.column("delivered")),
            Map.entry("summary", DirectJson.column("summary")),
            Map.entry("respondent", DirectJson.column("respondent")),
            Map.entry("respondentCapacity", DirectJson.column("respondent_capacity")),
            Map.entry("kind", DirectJson.column("kind")),
            Map.entry("capacity", DirectJson.column("capacity")),
            Map.entry("afterPublication", DirectJson.column("after_publication")),
            Map.entry("answeredOn", DirectJson.column("answered_on")),
            Map.entry("version", DirectJson.column("version"))),
            Map.of("question", new DirectJson.Relation(QuestionDirect.TYPE, "question", "{t}.id = {s}.question_id", false)));

    @Inject
    AnswerService answers;
    @Inject
    EntityManager em;

    @Override
    public String field() {
        return "answers";
    }

    @Override
    public Plan compile(Field field) {
        AnswerFilter filter = new AnswerFilter(null, null, null, null, null, null);
        int page = AnswerGraphQL.DEFAULT_PAGE;
        int size = AnswerGraphQL.DEFAULT_SIZE;
        for (Argument a : field.getArguments()) {
            Value<?> v = a.getValue();
            switch (a.getName()) {
                case "filter" -> {
                    filter = v instanceof NullValue ? filter : filter(v);
                    if (filter == null) {
                        return null;
                    }
                }
                case "page" -> {
                    if (!(v instanceof IntValue i)) {
                        return null;
                    }
                    page = i.getValue().intValueExact();
                }
                case "size" -> {
                    if (!(v instanceof IntValue i)) {
                        return null;
                    }
                    size = i.getValue().intValueExact();
                }
                default -> {
                    return null;
                }
            }
        }
        try {
            Paging.check(page, size);
        } catch (ApiException e) {
            return null;
        }
        Map<String, Field> selected = DirectJson.byKey(field.getSelectionSet());
        if (selected == null) {
            return null;
        }
        String itemsSql = null;
        for (Field f : selected.values()) {
            switch (f.getName()) {
                case "items" -> {
                    DirectJson.Joins joins = new DirectJson.Joins();
                    String item = DirectJson.object(TYPE, f.getSelectionSet(), "d0", joins);
                    if (item == null || itemsSql != null) {
                        return null;
                    }
                    // {ids}: where the ordered ids come from (an array parameter, or a lab's page as a subquery)
                    itemsSql = "select coalesce(string_agg(" + item + ", ',' order by u.ord), '') items"
                            + " from unnest({ids}) with ordinality u(id, ord) join answer d0 on d0.id = u.id " + joins.sql();
                }
                case "page", "size", "totalItems", "totalPages", "__typename" -> {
                    if (f.getSelectionSet() != null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        AnswerFilter where = filter;
        int p = page;
        int s = size;
        String sql = itemsSql;
        return out -> write(out, selected, where, p, s, sql);
    }

    private void write(Buffer out, Map<String, Field> selected, AnswerFilter filter, int page, int size, String itemsSql) {
        // a lab's page (the dashboards' case): its ids are a subquery of the items' statement, one statement in all
        AnswerService.LabPage lab = answers.labPage(filter, page, size);
        PageResult<Long> ids = lab == null ? answers.searchIds(filter, page, size) : null;
        long total = lab == null ? ids.totalItems() : lab.total();
        int pages = lab == null ? ids.totalPages() : PageResult.of(List.<Long>of(), page, size, total).totalPages();
        out.appendByte((byte) '{');
        boolean first = true;
        for (Map.Entry<String, Field> e : selected.entrySet()) {
            out.appendString(first ? "\"" : ",\"").appendString(e.getKey()).appendString("\":");
            first = false;
            switch (e.getValue().getName()) {
                case "items" -> {
                    out.appendByte((byte) '[');
                    if (lab != null ? lab.total() > lab.offset() : !ids.items().isEmpty()) {
                        out.appendBytes(lab != null ? labItems(itemsSql, lab) : items(itemsSql, ids.items()));
                    }
                    out.appendByte((byte) ']');
                }
                case "page" -> out.appendString(Integer.toString(page));
                case "size" -> out.appendString(Integer.toString(size));
                case "totalItems" -> out.appendString(Integer.toString((int) total));
                case "totalPages" -> out.appendString(Integer.toString(pages));
                default -> out.appendString("\"AnswerPage\"");
            }
        }
        out.appendByte((byte) '}');
    }

    /** The items' JSON as PostgreSQL wrote it: the text column's bytes (UTF-8), not decoded into a String. */
    private byte[] items(String sql, List<Long> ids) {
        return (byte[]) em.createNativeQuery(sql.replace("{ids}", "cast(?1 as bigint[])")).unwrap(NativeQuery.class)
                .addScalar("items", StandardBasicTypes.BINARY).setParameter(1, ids.toArray(new Long[0])).getSingleResult();
    }

    /** The items of a lab's page in one statement: ARRAY(subquery) keeps the subquery's order. */
    private byte[] labItems(String sql, AnswerService.LabPage page) {
        NativeQuery<?> query = em.createNativeQuery(sql.replace("{ids}", "array(" + page.idsSql() + ")")).unwrap(NativeQuery.class)
                .addScalar("items", StandardBasicTypes.BINARY);
        page.parameters().forEach(query::setParameter);
        return (byte[]) query.getSingleResult();
    }

    /** The filter literal, or null when a value is not a literal of the expected kind. */
    private static AnswerFilter filter(Value<?> value) {
        if (!(value instanceof ObjectValue o)) {
            return null;
        }
        String lab = null;
        String topic = null;
        String questionnaire = null;
        String question = null;
        Boolean delivered = null;
        List<ResponseStatus> statuses = null;
        for (ObjectField f : o.getObjectFields()) {
            Value<?> v = f.getValue();
            if (v instanceof NullValue) {
                continue;
            }
            switch (f.getName()) {
                case "lab", "topic", "questionnaire", "question" -> {
                    if (!(v instanceof StringValue sv)) {
                        return null;
                    }
                    String text = Params.text(sv.getValue());
                    switch (f.getName()) {
                        case "lab" -> lab = text;
                        case "topic" -> topic = text;
                        case "questionnaire" -> questionnaire = text;
                        default -> question = text;
                    }
                }
                case "delivered" -> {
                    if (!(v instanceof BooleanValue b)) {
                        return null;
                    }
                    delivered = b.isValue();
                }
                case "statuses" -> {
                    List<Value> values = v instanceof ArrayValue a ? a.getValues() : List.of(v);
                    statuses = new ArrayList<>();
                    for (Value<?> item : values) {
                        if (!(item instanceof EnumValue ev)) {
                            return null;
                        }
                        try {
                            statuses.add(ResponseStatus.valueOf(ev.getName()));
                        } catch (IllegalArgumentException e) {
                            return null;
                        }
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new AnswerFilter(lab, topic, statuses, questionnaire, question, delivered);
    }
}
