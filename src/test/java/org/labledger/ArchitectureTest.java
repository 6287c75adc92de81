package org.labledger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rooms (top-level packages under {@code org.labledger}) and how they may depend on each other (issue 12 §2:
 * each behaviour in the room of the type it returns or the concern it serves). Read from the sources, as the
 * measuring script of the issue does: a room depends on another when one of its files names a class of the other,
 * {@code org.labledger.<room>.<Class>}, in an import, a qualified name or a Javadoc link. Plain JUnit, no Quarkus.
 * <p>
 * Rules:
 * <ol>
 * <li>no cycle between rooms, of any length, except the cycles listed in {@link #CYCLES_LEFT_FOR_LATER};</li>
 * <li>every room has its place in {@link #ORDER}, and at most {@link #MAX_AGAINST_ORDER} arrows point from a room
 * to a higher one.</li>
 * </ol>
 */
class ArchitectureTest {

    /**
     * The natural order, lowest first: a room may name the classes of the rooms below it and of its own level, not
     * those above (an entity pointing at its owner, Answer → Question, Answer → Lab, points down). Rooms of one level
     * do not depend on each other in both directions (rule 1).
     */
    static final List<Set<String>> ORDER = List.of(
            Set.of("common"),
            // GraphQL infrastructure (guards, costs, the fast path) and the token rules and gate: use common only; graphql and
            // stream ask security whether a request carries credentials (BearerGate.carriesBearer), security names neither
            Set.of("graphql", "security", "history"),
            // the change stream (data version, response cache, SSE, subscription): common and graphql's result hook only
            Set.of("stream"),
            Set.of("source"),
            Set.of("topic"),
            Set.of("lab"),
            // named entities may be a lab (NamedEntity.lab), so they sit above lab; claims name their claimant (an entity)
            // and their citations (source); what a claim is about is looked up by subject type and key (source/SubjectKeys)
            Set.of("agreement", "event", "entity"),
            Set.of("claim"),
            Set.of("questionnaire"),
            Set.of("question"),
            Set.of("answer"),
            // releases snapshot the export (seed) and read the history; seed's GET /api/export?asOf asks them through
            // its own interface (seed/PastDatasets), so the arrow points from release to seed only
            Set.of("importer", "seed", "curation", "release"),
            // the right of reply (issue 17): a lab's submissions and their review, writing answers through the answer room
            Set.of("reply"),
            // the public site (issue 16): read-only pages over the services of every room below, named by none
            Set.of("site"));

    /**
     * The cycles left for later, each as its arrow against {@link #ORDER}: with the arrow left out the rooms must
     * form no cycle. Remove an entry when its arrow is gone (the test fails on an entry that no longer holds), and
     * empty the list when both are.
     */
    static final Map<String, String> CYCLES_LEFT_FOR_LATER = new LinkedHashMap<>();


    /**
     * At most this many arrows from a room to a higher one (issue 12 allows at most 3). Today there are none: the
     * CSV writer moved to common (CsvWriter) and dataset errors are ApiExceptions of the seed room.
     */
    static final int MAX_AGAINST_ORDER = 0;

    private static final Path ROOT = Path.of("src", "main", "java", "org", "labledger");
    private static final Pattern REFERENCE = Pattern.compile("org\\.labledger\\.([a-z]\\w*)(?:\\.[a-z]\\w*)*\\.(?:([A-Z]\\w*)|\\*)");

    /** room -> room it names -> the files and classes that show it ("File.java:Class"). */
    static final Map<String, Map<String, Set<String>>> DEPENDENCIES = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        assertTrue(Files.isDirectory(ROOT), "run from the project directory: no " + ROOT);
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = ROOT.relativize(file.getParent());
                if (dir.toString().isEmpty()) {
                    fail(file + " is in no room: classes belong in org.labledger.<room>");
                }
                String room = dir.getName(0).toString();
                Map<String, Set<String>> named = DEPENDENCIES.computeIfAbsent(room, k -> new TreeMap<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(room)) {
                        named.computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                .add(file.getFileName() + ":" + (m.group(2) == null ? "*" : m.group(2)));
                    }
                }
            }
        }
    }

    @Test
    void roomsFormNoCycleButThoseLeftForLater() {
        Map<String, Set<String>> graph = new TreeMap<>();
        DEPENDENCIES.forEach((room, named) -> graph.put(room, new TreeSet<>(named.keySet())));
        List<String> stale = new ArrayList<>();
        for (String arrow : CYCLES_LEFT_FOR_LATER.keySet()) {
            String[] ends = arrow.split(" -> ");
            Set<String> from = graph.get(ends[0]);
            if (from == null || !from.remove(ends[1])) {
                stale.add(arrow);
            }
        }
        List<Set<String>> cycles = cycles(graph);
        StringBuilder why = new StringBuilder();
        for (Set<String> cycle : cycles) {
            why.append("\n  cycle between ").append(cycle).append(':');
            for (String a : cycle) {
                for (String b : graph.get(a)) {
                    if (cycle.contains(b)) {
                        why.append("\n    ").append(a).append(" -> ").append(b).append(' ').append(DEPENDENCIES.get(a).get(b));
                    }
                }
            }
        }
        if (!why.isEmpty()) {
            why.insert(0, "rooms must not depend on each other in a cycle (issue 12 §2): put each behaviour in the room of the type "
                    + "it returns or the concern it serves");
        }
        stale.forEach(a -> why.append("\n'").append(a).append("' (").append(CYCLES_LEFT_FOR_LATER.get(a))
                .append(") is listed in CYCLES_LEFT_FOR_LATER but no longer holds: remove it"));
        if (!why.isEmpty()) {
            fail(why.toString());
        }
    }

    @Test
    void fewArrowsPointUpTheOrder() {
        Map<String, Integer> level = new HashMap<>();
        for (int i = 0; i < ORDER.size(); i++) {
            for (String room : ORDER.get(i)) {
                level.put(room, i);
            }
        }
        Set<String> unplaced = DEPENDENCIES.keySet().stream().filter(r -> !level.containsKey(r)).collect(Collectors.toCollection(TreeSet::new));
        DEPENDENCIES.values().forEach(named -> named.keySet().stream().filter(r -> !level.containsKey(r)).forEach(unplaced::add));
        if (!unplaced.isEmpty()) {
            fail("rooms without a place in ArchitectureTest.ORDER: " + unplaced + "; add each at the level of the rooms it may use");
        }
        List<String> up = new ArrayList<>();
        DEPENDENCIES.forEach((room, named) -> named.forEach((other, evidence) -> {
            if (level.get(other) > level.get(room)) {
                up.add(room + " -> " + other + " " + evidence);
            }
        }));
        if (up.size() > MAX_AGAINST_ORDER) {
            fail(up.size() + " arrows point from a room to a higher one, at most " + MAX_AGAINST_ORDER + " may (issue 12 §2):\n  "
                    + String.join("\n  ", up));
        }
    }

    /** The strongly connected components of more than one room (Tarjan): every cycle lies within one. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String room : graph.keySet()) {
            if (!index.containsKey(room)) {
                connect(room, graph, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }
}
