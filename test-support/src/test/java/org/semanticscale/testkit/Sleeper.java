package org.semanticscale.testkit;

import java.io.IOException;

/**
 * A child JVM for {@link ChildProcessTest}: says it is up, then waits to be stopped or killed. It blocks on its
 * standard input, so it also ends by itself when its parent goes (the pipe closes).
 */
public final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) throws IOException {
        System.out.println("up with " + String.join(",", args));
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the end of standard input
        }
    }
}
