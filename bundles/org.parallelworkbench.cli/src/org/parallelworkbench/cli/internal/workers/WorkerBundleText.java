package org.parallelworkbench.cli.internal.workers;

import java.util.List;
import java.util.stream.Collectors;

import org.parallelworkbench.install.BundleProblem;
import org.parallelworkbench.install.DeclaredProvider;
import org.parallelworkbench.install.InstalledWorker;
import org.parallelworkbench.install.WorkerBundleReport;

/** Worker bundles as the command line and the Gogo commands show them. Pure text; no I/O. */
public final class WorkerBundleText {

    private WorkerBundleText() {
    }

    /**
     * What {@code install} is about to install: identity, vendor, declared providers, signature, then every
     * problem on a line of its own ("error: ..." or "warning: ...").
     */
    static String report(WorkerBundleReport report) {
        StringBuilder text = new StringBuilder();
        if (report.symbolicName().isEmpty()) {
            text.append("File ").append(report.file()).append('\n');
        } else {
            text.append("Worker bundle ").append(report.name().isEmpty() ? report.symbolicName() : report.name())
                    .append('\n');
            line(text, "symbolic name", report.symbolicName());
            line(text, "version", report.version().isEmpty() ? "0.0.0" : report.version());
            line(text, "vendor", report.vendor().isEmpty() ? "(none given)" : report.vendor());
            line(text, "providers", providers(report.providers()));
            line(text, "signature", report.signature());
            line(text, "file", report.file().toString());
        }
        report.problems().forEach(problem -> text.append(problem(problem)));
        return text.toString();
    }

    /** "error: ..." or "warning: ...", on a line of its own. */
    static String problem(BundleProblem problem) {
        return (problem.isError() ? "error: " : "warning: ") + problem.message() + "\n";
    }

    /** The declared components, by implementation class; a provider's id is known only once it runs. */
    static String providers(List<DeclaredProvider> providers) {
        if (providers.isEmpty()) {
            return "none declared";
        }
        return providers.stream().map(p -> simpleName(p.implementationClass()) + " (component " + p.componentName() + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code pw:workers}: one line per worker bundle: id, symbolic name, version, state, provider ids. */
    public static String workers(List<InstalledWorker> workers) {
        if (workers.isEmpty()) {
            return "No worker bundles installed.\n";
        }
        StringBuilder text = new StringBuilder();
        for (InstalledWorker worker : workers) {
            text.append(String.format("%4d  %s %s  %s  providers: %s%n", worker.bundleId(), worker.symbolicName(),
                    worker.version(), worker.state(),
                    worker.providerIds().isEmpty() ? "none registered" : String.join(", ", worker.providerIds())));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("  %-14s %s%n", label + ":", value));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
