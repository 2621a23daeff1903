package org.semanticscale.benchmarks.streams;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * CPU time used so far by this JVM (the harness and the apps it runs) and by the broker's JVM, read together so
 * that a pass's CPU is the difference of two readings.
 */
record CpuClocks(long harnessNanos, long brokerNanos) {
    static CpuClocks read(BrokerProcess broker) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuClocks(os.getProcessCpuTime(), broker.cpuTime().toNanos());
    }

    /** CPU seconds of this JVM between {@code earlier} and this reading. */
    double harnessSecondsSince(CpuClocks earlier) {
        return (harnessNanos - earlier.harnessNanos) / 1e9;
    }

    /** CPU seconds of the broker's JVM between {@code earlier} and this reading. */
    double brokerSecondsSince(CpuClocks earlier) {
        return (brokerNanos - earlier.brokerNanos) / 1e9;
    }
}
