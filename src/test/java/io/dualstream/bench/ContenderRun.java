package io.dualstream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one contender's process reported and what the harness saw of it (RSS, anchors): raw figures. */
final class ContenderRun {
    /** One frame in the consumer's hands: when, how long it was asked for, its QR stamp (-1: unreadable). */
    record Sample(long inHandNanos, long latencyNanos, long count, long timestampNanos) {
    }

    /**
     * Resident memory of the process at a moment, seconds since it started: in all, anonymous (heap,
     * malloc, thread stacks) and file-backed (mapped libraries).
     */
    record RssPoint(double seconds, double megabytes, double anonymousMegabytes, double fileMegabytes) {
    }

    /** The Java heap's committed size at a moment (the contender's own report). */
    record HeapPoint(double seconds, double committedMegabytes, double nonHeapCommittedMegabytes) {
    }

    final String stream;
    final String contender;
    final Map<String, String> values = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();
    final List<RssPoint> rss = new ArrayList<>();
    final List<HeapPoint> heap = new ArrayList<>();
    String failure;
    Staleness.Result staleness;

    ContenderRun(String stream, String contender) {
        this.stream = stream;
        this.contender = contender;
    }

    /** The heap's committed size last reported at or before {@code seconds}; NaN without reports. */
    double heapCommittedAt(double seconds) {
        HeapPoint p = heapPointAt(seconds);
        return p == null ? Double.NaN : p.committedMegabytes();
    }

    /** The JVM's non-heap pools (metaspace, code cache) committed at or before {@code seconds}. */
    double nonHeapCommittedAt(double seconds) {
        HeapPoint p = heapPointAt(seconds);
        return p == null ? Double.NaN : p.nonHeapCommittedMegabytes();
    }

    private HeapPoint heapPointAt(double seconds) {
        HeapPoint found = null;
        for (HeapPoint p : heap) {
            if (p.seconds() > seconds) {
                break;
            }
            found = p;
        }
        return found;
    }

    long number(String key) {
        String value = values.get(key);
        return value == null ? -1 : Long.parseLong(value.trim());
    }

    void parseLine(String line) {
        if (line.startsWith("M ")) {
            String[] f = line.split(" ");
            heap.add(new HeapPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    f.length > 3 ? Double.parseDouble(f[3]) : Double.NaN));
        } else if (line.startsWith("S ")) {
            String[] f = line.split(" ");
            samples.add(new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4])));
        } else {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.put(line.substring(0, space), line.substring(space + 1));
            }
        }
    }
}
