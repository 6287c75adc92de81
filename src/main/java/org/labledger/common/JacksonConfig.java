package org.labledger.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The application's ObjectMapper (REST bodies, dataset documents):
 * <ul>
 * <li>figures are written as plain numbers (250000000000, not 2.5E+11) so that every client reads them exactly;</li>
 * <li>a body is exactly one JSON value of the expected shape: text after the value, and fields the body type does
 * not have (a misspelt field would otherwise be dropped and the field blanked by a PUT), are refused with a 400
 * naming the field ({@link ProblemMappers});</li>
 * <li>every string read follows {@link TextRules}: one check here covers every field of every body.</li>
 * </ul>
 * Tree reads ({@code readTree}, {@code JsonNode} bodies) do not pass through the string check; merge patches are
 * checked when they are read back as their input type.
 */
@Singleton
public class JacksonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS); // {"status": 1} is not PARTIAL
        mapper.registerModule(new SimpleModule("labledger-text-rules").addDeserializer(String.class, new CheckedString()));
    }

    /** Jackson's own string reading (including its coercions), then {@link TextRules}. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = TextRules.problem(s);
            if (problem != null) {
                throw new RefusedText(p, problem);
            }
            return s;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }

    /** A string {@link TextRules} refuses; the message is TextRules' own, the path (added by Jackson) names the field. */
    public static final class RefusedText extends MismatchedInputException {

        RefusedText(JsonParser p, String problem) {
            super(p, problem, String.class);
        }
    }
}
