package org.semanticscale.testkit;

/**
 * A child JVM for {@link ChildProcessTest}: says it is up, then waits to be stopped or killed. It ends by itself
 * when its parent goes, so a crashed test leaves no orphan. (It does not wait on its standard input: under
 * {@code mvn < /dev/null}, as CI runs it, that input reads as ended at once.)
 */
public final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) {
        System.out.println("up with " + String.join(",", args));
        System.out.flush();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
        System.exit(3);
    }
}
