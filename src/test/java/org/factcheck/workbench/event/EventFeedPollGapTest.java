package org.factcheck.workbench.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How long the feed waits between polls: by the clients connected, longer while events come in a flood. */
class EventFeedPollGapTest {

    private static long millis(double m) {
        return (long) (m * TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void noClientsMeansNoGap() {
        assertEquals(0, EventFeed.pollGapNanos(0, 0));
        assertEquals(0, EventFeed.pollGapNanos(0, 10_000));
    }

    @Test
    void aDeskAtItsUsualPaceIsServedWithin25MsAt200Clients() {
        assertEquals(millis(0.125), EventFeed.pollGapNanos(1, 0));
        assertEquals(millis(25), EventFeed.pollGapNanos(200, 200)); // 100 highlights a second: two events each
        assertEquals(millis(25), EventFeed.pollGapNanos(200, EventFeed.BUSY_EVENTS_PER_SECOND));
    }

    @Test
    void aFloodOfEventsIsBatchedFourTimesLongerUpTo100Ms() {
        assertEquals(millis(0.5), EventFeed.pollGapNanos(1, 2_000));
        assertEquals(millis(50), EventFeed.pollGapNanos(100, 2_000));
        assertEquals(millis(100), EventFeed.pollGapNanos(200, EventFeed.BUSY_EVENTS_PER_SECOND + 1));
        assertEquals(millis(100), EventFeed.pollGapNanos(5_000, 100_000));
        assertEquals(millis(100), EventFeed.pollGapNanos(5_000, 0)); // many clients: never more than 100 ms
    }
}
