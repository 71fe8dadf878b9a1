package org.parallelworkbench.core.product;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An unpacked product and the folders in it, as {@code bin/parallel-workbench} and
 * {@code conf/config.properties} lay it out.
 *
 * @param folder the product's folder, named by {@value ProductProperties#HOME}
 */
public record ProductHome(Path folder) {

    public ProductHome {
        Objects.requireNonNull(folder, "folder");
    }

    /**
     * The product this framework runs, if it runs one.
     *
     * @param properties the framework's properties, e.g. {@code BundleContext::getProperty}
     * @return empty when {@value ProductProperties#HOME} is unset or blank
     */
    public static Optional<ProductHome> from(Function<String, String> properties) {
        String home = properties.apply(ProductProperties.HOME);
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(new ProductHome(Path.of(home)));
    }

    /** {@code bin/}: the launcher script and the framework's jar. */
    public Path bin() {
        return folder.resolve("bin");
    }

    /** {@code bundle/}: the platform's own bundles, installed at every start. */
    public Path bundles() {
        return folder.resolve("bundle");
    }

    /** {@code conf/}: the user's configuration files; File Install reads the {@code .cfg} files in it. */
    public Path conf() {
        return folder.resolve("conf");
    }

    /** {@code data/}: what the product keeps between starts (journal, logs, caches). */
    public Path data() {
        return folder.resolve("data");
    }

    /** {@code dropins/}: worker bundles the user adds, which File Install installs. */
    public Path dropins() {
        return folder.resolve("dropins");
    }
}
