package org.labledger.reply;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.labledger.common.ApiException;
import org.labledger.common.ProblemMappers;

/** The errors of the right of reply that the rest of the API does not have: acting for another lab, too many submissions. */
public final class ReplyErrors {

    private ReplyErrors() {
    }

    /** 403: the caller may not act for this lab (another lab's record, a revoked representative); GraphQL code FORBIDDEN. */
    @ErrorCode("FORBIDDEN")
    public static class Forbidden extends ApiException {
        public Forbidden(String detail) {
            super(403, "forbidden", "Forbidden", detail, null);
        }
    }

    /** 413: a submission larger than labledger.reply.max-submission-size; GraphQL code PAYLOAD_TOO_LARGE. */
    @ErrorCode("PAYLOAD_TOO_LARGE")
    public static class TooLarge extends ApiException {
        public TooLarge(String detail) {
            super(413, "payload-too-large", "Payload Too Large", detail, null);
        }
    }

    /** 429 with Retry-After (seconds): the lab sent its allowance of submissions in the window; GraphQL code RATE_LIMITED. */
    @ErrorCode("RATE_LIMITED")
    public static class RateLimited extends ApiException {
        private final long retryAfter;

        public RateLimited(String detail, long retryAfter) {
            super(429, "rate-limited", "Too Many Requests", detail, null);
            this.retryAfter = retryAfter;
        }

        public long retryAfter() {
            return retryAfter;
        }
    }

    /** The REST mapping: a problem body, as every ApiException, plus Retry-After. */
    public static class Mappers {
        @ServerExceptionMapper
        public Response rateLimited(RateLimited e, UriInfo uri) {
            return ProblemMappers.problem(429, e.type(), e.title(), e.getMessage(), uri == null ? null : uri.getPath(), null,
                    "Retry-After", String.valueOf(e.retryAfter()));
        }
    }
}
