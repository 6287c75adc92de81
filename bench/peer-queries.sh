#!/usr/bin/env bash
# GraphQL request bodies (JSON, ready for a wrk Lua `wrk.body = [[...]]`) that ask the PostGraphile peer
# (bench/peer.sh) for what LabLedger's workloads 3 and 4 ask LabLedger.
#
#   bench/peer-queries.sh w3            all labs by slug, each with its raw answer_tally rows (+ topic id, slug)
#   bench/peer-queries.sh w3-scorecards all labs by slug, each with its scorecard computed in PostgreSQL
#                                       (bench/peer/scorecards.sql: the same numbers as LabLedger's; like-for-like)
#   bench/peer-queries.sh w4 LAB        LAB's first 100 answers by question id, each with question and topic
#
# or `source bench/peer-queries.sh` and call peer_w3 / peer_w4 LAB. POST them to http://127.0.0.1:PORT/graphql.
#
# How they differ from LabLedger's (see bench/README.md):
# - w3: LabLedger's `scorecards` sums answer_tally per (lab, topic, status) and rolls topics up to root topics on
#   the server, returning totals and response rates. PostGraphile cannot aggregate without a plugin
#   (@graphile/pg-aggregates), so it returns each lab's raw tally rows, one per (topic, questionnaire, status,
#   delivered) with its count n (a BigInt, as a string), and the client would sum them and roll topics up to
#   roots (it needs the topic tree, e.g. allTopics { nodes { id parentId } }, cacheable).
# - w3-scorecards: the same computation as LabLedger's (counts per status, response rate, per root topic), done by
#   the SQL functions of bench/peer/scorecards.sql, which PostGraphile exposes as computed columns of Lab. The
#   like-for-like comparison for workload 3; bench/peer-check.py checks that its numbers equal LabLedger's.
# - w4: LabLedger orders a lab's answers by questionnaire slug, question ordinal, answer id. v4 can only order
#   by the answer's own indexed columns without a plugin (@graphile-contrib/pg-order-by-related), so this asks
#   for QUESTION_ID_ASC (PostGraphile appends the primary key, so: question_id, id). On the generated data
#   (bench/generate.sql) that is the same order, and the same 100 answers, as LabLedger's.

peer_gql() { # one-line GraphQL document -> JSON body (the documents here contain no backslashes)
  printf '{"query": "%s"}' "${1//\"/\\\"}"
}

peer_w3() {
  peer_gql '{ allLabs(orderBy: SLUG_ASC) { nodes { slug answerTalliesByLabId { nodes { status delivered n topicByTopicId { id slug } } } } } }'
}

peer_w3_scorecards() {
  peer_gql '{ allLabs(orderBy: SLUG_ASC) { nodes { slug benchCounts { total answered partial responseRate } benchRootTopics { nodes { topic total responseRate } } } } }'
}

peer_w4() {
  local lab="${1:?usage: peer_w4 LAB_SLUG}"
  peer_gql "{ labBySlug(slug: \"$lab\") { answersByLabId(first: 100, orderBy: QUESTION_ID_ASC) { nodes { status questionByQuestionId { key text topicByTopicId { slug name } } } } } }"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    w3) peer_w3 ;;
    w3-scorecards) peer_w3_scorecards ;;
    w4) peer_w4 "${2:?usage: bench/peer-queries.sh w4 LAB_SLUG}" ;;
    *) echo "usage: bench/peer-queries.sh w3 | w3-scorecards | w4 LAB_SLUG" >&2; exit 2 ;;
  esac
  echo
fi
