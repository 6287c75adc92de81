package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The GraphQL schema is a contract: the served schema must equal the committed
 * src/main/resources/schema.graphql. After an intended change, copy target/schema.graphql over it.
 */
@QuarkusTest
class GraphQLSchemaContractTest {

    @Test
    void servedSchemaMatchesTheCommittedOne() throws IOException {
        String served = when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "schema.graphql"), served);
        String committed = Files.readString(Path.of("src", "main", "resources", "schema.graphql"));
        assertEquals(normalise(committed), normalise(served),
                "the served GraphQL schema differs from src/main/resources/schema.graphql; if the change is intended, "
                        + "copy target/schema.graphql over it");
    }

    @Test
    void graphQLUiIsServed() {
        when().get("/q/graphql-ui/").then().statusCode(200);
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n").strip();
    }
}
