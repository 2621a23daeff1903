package org.semanticscale.testkit;

/** A child JVM for {@link ChildProcessTest}: says it is up, then waits to be stopped or killed. */
public final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("up with " + String.join(",", args));
        System.out.flush();
        Thread.sleep(60_000);
    }
}
