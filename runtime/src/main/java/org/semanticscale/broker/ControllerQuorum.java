package org.semanticscale.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * The controllers of a KRaft cluster with a static quorum: node id to the host and port of its
 * controller listener, as in {@code 1@localhost:19093,2@localhost:29093,3@localhost:39093}
 * (Kafka's {@code controller.quorum.voters}). Every node of a cluster is started with the same
 * quorum; a node's own entry is where its controller listener listens.
 */
public record ControllerQuorum(SortedMap<Integer, Voter> voters) {

    /** One controller: where the other nodes reach its controller listener. */
    public record Voter(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public ControllerQuorum {
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a controller quorum needs at least one voter");
        }
        voters = Collections.unmodifiableSortedMap(new TreeMap<>(voters));
    }

    /** A quorum of this one node, its controller listener on {@code host:port}. */
    public static ControllerQuorum single(int nodeId, String host, int port) {
        return new ControllerQuorum(new TreeMap<>(Map.of(nodeId, new Voter(host, port))));
    }

    /**
     * Parses {@code ID@HOST:PORT[,...]}; an IllegalArgumentException names the bad entry (an id
     * that is not a non-negative number, a port outside 1..65535, an id or address given twice).
     */
    public static ControllerQuorum parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--controller-quorum is empty: expected ID@HOST:PORT[,...]");
        }
        SortedMap<Integer, Voter> voters = new TreeMap<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            int at = entry.indexOf('@');
            int colon = entry.lastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "--controller-quorum entry '" + entry + "': expected ID@HOST:PORT, e.g. 1@localhost:19093");
            }
            int id = number(entry, entry.substring(0, at), "node id", 0, Integer.MAX_VALUE);
            int port = number(entry, entry.substring(colon + 1), "port", 1, 65535);
            Voter voter = new Voter(entry.substring(at + 1, colon).toLowerCase(Locale.ROOT), port);
            if (voters.containsValue(voter)) {
                throw new IllegalArgumentException(
                        "--controller-quorum names " + voter + " twice: each controller needs its own port");
            }
            if (voters.put(id, voter) != null) {
                throw new IllegalArgumentException("--controller-quorum names node " + id + " twice");
            }
        }
        return new ControllerQuorum(voters);
    }

    private static int number(String entry, String text, String what, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--controller-quorum entry '" + entry + "': " + what + " '" + text
                + "' is not a number in " + min + ".." + max);
    }

    public int size() {
        return voters.size();
    }

    /** This node's entry; an IllegalArgumentException when the node is not a voter. */
    public Voter voter(int nodeId) {
        Voter v = voters.get(nodeId);
        if (v == null) {
            throw new IllegalArgumentException("node id " + nodeId + " is not among the voters of --controller-quorum "
                    + this + ": every node of the cluster is a controller, give it its own entry");
        }
        return v;
    }

    /**
     * A cluster id every node computes alike from the quorum (voters sorted by id, host names in
     * lower case), so the nodes of one cluster need no shared secret to format their storage: the
     * first 128 bits of SHA-256 of {@code "ssi-broker:" + this}, rehashed until Kafka would accept it
     * (not a reserved id, not starting with '-', which its command-line tools would read as a flag).
     */
    public String derivedClusterId() {
        byte[] seed = ("ssi-broker:" + this).getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            while (true) {
                seed = sha.digest(seed);
                ByteBuffer b = ByteBuffer.wrap(seed);
                Uuid id = new Uuid(b.getLong(), b.getLong());
                if (!Uuid.RESERVED.contains(id) && !id.toString().startsWith("-")) {
                    return id.toString();
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The value of {@code controller.quorum.voters}: {@code ID@HOST:PORT,...} in id order. */
    @Override
    public String toString() {
        return voters.entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
