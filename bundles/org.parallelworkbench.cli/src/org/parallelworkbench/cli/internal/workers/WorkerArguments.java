package org.parallelworkbench.cli.internal.workers;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.parallelworkbench.cli.internal.command.ExitCodes;
import org.parallelworkbench.cli.internal.command.HelpOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code install <jar|repository> [--force]} and {@code uninstall <symbolic-name> [--force]}, declared for picocli:
 * the same syntax and help for the headless commands and {@code pw:install} / {@code pw:uninstall}. {@value #FORCE}
 * may come before or after the name. One instance of {@link Install} or {@link Uninstall} per parse.
 */
public final class WorkerArguments {

    public static final String FORCE = "--force";

    private WorkerArguments() {
    }

    @Command(name = "install", sortOptions = false,
            header = "Checks a worker bundle and copies it into dropins/.",
            description = {
                    "Shows the jar's name, version, vendor, providers and signature, then copies it into dropins/,"
                            + " replacing the drop-in with the same symbolic name; a running product picks it up"
                            + " within about 2 s.",
                    "A p2 repository (its folder or .zip, as the build makes it) installs each of its worker"
                            + " bundles that way, skipping those already part of the product." },
            footerHeading = "%nExit codes:%n",
            footer = {
                    "  " + ExitCodes.OK + "  started",
                    "  " + ExitCodes.FAILED + "  copied, but it did not start (the reason is printed)",
                    "  " + ExitCodes.USAGE + "  not installable, nothing copied; or, without " + FORCE + ", refused",
                    "     while runs are active" })
    public static final class Install {

        @Parameters(paramLabel = "<jar|repository>", converter = FileName.class,
                description = "The worker bundle's jar, or a p2 repository (its folder or zip); relative to the working"
                        + " directory.")
        private String file;

        @Mixin
        private Force force;

        @Mixin
        private HelpOption help;

        /** @param workingDirectory what a relative path is relative to */
        public Path jar(Path workingDirectory) {
            return workingDirectory.resolve(file).toAbsolutePath().normalize();
        }

        public boolean force() {
            return force.requested;
        }
    }

    @Command(name = "uninstall", sortOptions = false,
            header = "Deletes a worker drop-in.",
            description = {
                    "Deletes the drop-in with this symbolic name; a running product uninstalls it within about 2 s." },
            footerHeading = "%nExit codes:%n",
            footer = {
                    "  " + ExitCodes.OK + "  uninstalled",
                    "  " + ExitCodes.FAILED + "  still installed after the wait, or the drop-in could not be deleted",
                    "  " + ExitCodes.USAGE + "  no such drop-in; or, without " + FORCE + ", refused while runs are"
                            + " active" })
    public static final class Uninstall {

        @Parameters(paramLabel = "<symbolic-name>", converter = SymbolicName.class,
                description = "The worker bundle's symbolic name.")
        private String symbolicName;

        @Mixin
        private Force force;

        @Mixin
        private HelpOption help;

        public String symbolicName() {
            return symbolicName;
        }

        public boolean force() {
            return force.requested;
        }
    }

    /** {@value WorkerArguments#FORCE}, the same for both commands. */
    static final class Force {
        @Option(names = FORCE,
                description = "Goes ahead while runs of the bundle's providers are active in a running product,"
                        + " which cancels them as their provider goes; without it, that is refused.")
        boolean requested;
    }

    private static final class FileName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                if (!value.isBlank()) {
                    Path.of(value);
                    return value;
                }
            } catch (InvalidPathException e) {
                throw new TypeConversionException("not a file name: " + e.getMessage());
            }
            throw new TypeConversionException("the worker bundle's jar file or p2 repository is missing");
        }
    }

    private static final class SymbolicName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("the worker bundle's symbolic name is missing");
            }
            return value.trim();
        }
    }
}
