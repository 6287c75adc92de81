package org.labledger.event;

import java.util.List;

/**
 * Conditions on events, all of which must hold; null or empty means any. {@code lab}: a lab slug the event involves;
 * {@code from}/{@code to}: partial dates (YYYY, YYYY-MM or YYYY-MM-DD), inclusive; an event matches when its date
 * (itself perhaps partial) overlaps the range, each bound compared at the coarser of the two precisions (2022-11
 * is on or after 2022-11-15 and on or before 2022); an undated event matches no range.
 */
public record EventFilter(String lab, List<EventKind> kinds, String from, String to) {

    public static final EventFilter ANY = new EventFilter(null, List.of(), null, null);
}
