package org.labledger.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The application's ObjectMapper (REST bodies, dataset documents):
 * <ul>
 * <li>figures are written as plain numbers (250000000000, not 2.5E+11) so that every client reads them exactly;</li>
 * <li>a body is exactly one JSON value of the expected shape: text after the value, and fields the body type does
 * not have (a misspelt field would otherwise be dropped and the field blanked by a PUT), are refused with a 400
 * naming the field ({@link ProblemMappers}).</li>
 * </ul>
 */
@Singleton
public class JacksonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
