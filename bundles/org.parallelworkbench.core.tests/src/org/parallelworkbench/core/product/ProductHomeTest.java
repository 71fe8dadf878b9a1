package org.parallelworkbench.core.product;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProductHomeTest {

    @Test
    void theHomePropertyNamesTheProductAndItsFolders() {
        Optional<ProductHome> home = ProductHome.from(Map.of(ProductProperties.HOME, "/opt/pw")::get);

        assertEquals(Optional.of(new ProductHome(Path.of("/opt/pw"))), home);
        assertEquals(Path.of("/opt/pw/bin"), home.get().bin());
        assertEquals(Path.of("/opt/pw/bundle"), home.get().bundles());
        assertEquals(Path.of("/opt/pw/conf"), home.get().conf());
        assertEquals(Path.of("/opt/pw/data"), home.get().data());
        assertEquals(Path.of("/opt/pw/dropins"), home.get().dropins());
    }

    @Test
    void withoutTheHomePropertyOrWithABlankOneThereIsNoProduct() {
        assertEquals(Optional.empty(), ProductHome.from(Map.<String, String>of()::get));
        assertEquals(Optional.empty(), ProductHome.from(Map.of(ProductProperties.HOME, " ")::get));
    }
}
