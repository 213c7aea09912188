package org.factcheck.workbench.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events read together, each written once as its server-sent event frame ({@code id:}, {@code event:} and
 * {@code data:} lines and a blank line). A stream is sent the frames it may see as one buffer; streams that see the
 * same events share that buffer. Used by one thread at a time (under the feed's lock).
 */
final class FeedBatch {

    private final List<FeedEvent> events;
    private final byte[][] frames;
    /** Whether every event may be seen by every user (no recipient, no account or token event). */
    private final boolean forEveryone;
    private final Map<BitSet, Buffer> buffers = new HashMap<>();
    private Buffer all;

    private FeedBatch(List<FeedEvent> events, byte[][] frames, boolean forEveryone) {
        this.events = events;
        this.frames = frames;
        this.forEveryone = forEveryone;
    }

    static FeedBatch of(List<FeedEvent> events, ObjectMapper mapper) throws JsonProcessingException {
        byte[][] frames = new byte[events.size()][];
        boolean forEveryone = true;
        for (int i = 0; i < frames.length; i++) {
            FeedEvent e = events.get(i);
            frames[i] = frame(e.position().token(), e.type(), mapper.writeValueAsBytes(e));
            forEveryone &= e.recipientId() == null && !e.type().startsWith("user.") && !e.type().startsWith("token.");
        }
        return new FeedBatch(events, frames, forEveryone);
    }

    List<FeedEvent> events() {
        return events;
    }

    boolean forEveryone() {
        return forEveryone;
    }

    /** Every event's frame, in order. */
    Buffer all() {
        if (all == null) {
            BitSet every = new BitSet(frames.length);
            every.set(0, frames.length);
            all = frames(every);
        }
        return all;
    }

    /** The frames of the events with these indexes, in order; the same buffer for the same indexes. */
    Buffer frames(BitSet which) {
        Buffer b = buffers.get(which);
        if (b == null) {
            int size = 0;
            for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
                size += frames[i].length;
            }
            b = Buffer.buffer(size);
            for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
                b.appendBytes(frames[i]);
            }
            buffers.put(which, b);
        }
        return b;
    }

    /**
     * One server-sent event: {@code id:} (when there is one), {@code event:} (when there is one) and one {@code data:}
     * line per line of the data, no space after the colons, then a blank line. For one-line data (all of ours: JSON
     * has no raw line breaks) these are the bytes the REST layer's SSE sink wrote.
     */
    static byte[] frame(String id, String name, byte[] data) {
        StringBuilder head = new StringBuilder(64);
        if (id != null) {
            head.append("id:").append(oneLine(id)).append('\n');
        }
        if (name != null) {
            head.append("event:").append(oneLine(name)).append('\n');
        }
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        if (hasLineBreak(data)) {
            return (head + dataLines(new String(data, StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[h.length + 5 + data.length + 2];
        System.arraycopy(h, 0, out, 0, h.length);
        int at = h.length;
        out[at++] = 'd';
        out[at++] = 'a';
        out[at++] = 't';
        out[at++] = 'a';
        out[at++] = ':';
        System.arraycopy(data, 0, out, at, data.length);
        at += data.length;
        out[at++] = '\n';
        out[at] = '\n';
        return out;
    }

    static byte[] frame(String id, String name, String data) {
        return frame(id, name, data.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return value.substring(0, i);
            }
        }
        return value;
    }

    private static String dataLines(String data) {
        StringBuilder sb = new StringBuilder(data.length() + 16).append("data:");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                sb.append("\ndata:");
            } else {
                sb.append(c);
            }
        }
        return sb.append('\n').toString();
    }

    private static boolean hasLineBreak(byte[] data) {
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
