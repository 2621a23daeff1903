package org.semanticscale.cli.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started parts of a run, by name. {@link #close} stops them in reverse order of starting, each
 * once: a part is stopped before the parts it needs (the trainer before the broker it reads from), and
 * one that fails to stop is logged by name and does not keep the others running.
 */
final class Parts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Parts.class);

    private record Part(String name, AutoCloseable closeable) {}

    private final Deque<Part> started = new ArrayDeque<>();

    /** Records a part that has started; it is stopped before every part added earlier. */
    synchronized void add(String name, AutoCloseable part) {
        started.push(new Part(name, part));
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Part p = started.pop();
            try {
                p.closeable().close();
            } catch (Exception e) {
                LOG.warn("stopping the {} failed: {}", p.name(), e.toString());
            }
        }
    }
}
