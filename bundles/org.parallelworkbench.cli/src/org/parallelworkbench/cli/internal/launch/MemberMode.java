package org.parallelworkbench.cli.internal.launch;

import java.util.concurrent.CountDownLatch;

import org.parallelworkbench.cli.internal.command.CommandStreams;
import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.startup.ProductStartup;
import org.parallelworkbench.cluster.ClusterMember;

/**
 * {@code member}: joins the cluster, says where, and executes what it receives until the framework stops (Ctrl+C,
 * SIGTERM), which interrupts this thread; the member then leaves the cluster gracefully. The only class of this
 * bundle that names the cluster bundle's API, which is an optional import: loaded only when the package is wired.
 */
final class MemberMode {

    private MemberMode() {
    }

    static int run(ProductStartup startup, CommandStreams io) throws Exception {
        ClusterMember member = startup.clusterMember();
        try {
            io.out().println(member.join());
        } catch (IllegalStateException e) {
            io.err().println("member: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        io.out().println("Executing units sent by the cluster; Ctrl+C leaves it.");
        io.out().flush();
        try {
            new CountDownLatch(1).await(); // until the framework stops and interrupts this thread
        } finally {
            leaveQuietly(member);
        }
        return ExitCodes.OK;
    }

    private static void leaveQuietly(ClusterMember member) {
        try {
            member.leave();
        } catch (RuntimeException e) {
            // its bundle stopped first and left already
        }
    }
}
