package org.labledger.graphql;

import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Clears SmallRye GraphQL's current context on the thread a REST request runs on. SmallRye keeps the context of a
 * GraphQL execution in an inheritable thread-local and never clears it, so a worker thread that last ran (or was
 * created by a thread running) a GraphQL request still carries it. Quarkus' locale resolver for Hibernate Validator
 * then reads that stale context when a REST request's validation message is interpolated, and fails with a
 * NullPointerException when the context is an execution's (no field environment): the REST client got a 500 for a
 * 400 (seen in AnswerCurationTest, depending on which thread ran it). A REST request has no GraphQL context.
 */
public class GraphQLContextReset {

    @ServerRequestFilter(preMatching = false)
    public void reset() {
        if (SmallRyeContextManager.getCurrentSmallRyeContext() != null) {
            SmallRyeContextManager.clearCurrentSmallRyeContext();
        }
    }
}
