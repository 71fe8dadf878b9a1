package org.parallelworkbench.core.product;

/**
 * Framework properties that {@code bin/parallel-workbench} sets for every bundle of the product. Each is
 * absent outside the product, in tests or an embedding.
 */
public final class ProductProperties {

    /** The product's folder, absolute; {@link ProductHome#from} reads it. */
    public static final String HOME = "parallelworkbench.home";

    /** What this launch does: {@value #GUI_MODE}, or the name of a headless command. */
    public static final String MODE = "parallelworkbench.mode";

    /** The {@value #MODE} that opens the window; also what an absent {@value #MODE} means. */
    public static final String GUI_MODE = "gui";

    private ProductProperties() {
    }
}
