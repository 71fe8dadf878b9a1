package org.parallelworkbench.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesParameterMemoryTest {

    @TempDir
    Path folder;

    @Test
    void valuesSurviveANewInstanceAndProvidersDoNotMix() {
        Path file = folder.resolve("data/ui/last-parameters.properties");
        PropertiesParameterMemory first = new PropertiesParameterMemory(file);
        first.remember("primes", Map.of("limit", "1000", "chunkSize", "10"));
        first.remember("primes.fast", Map.of("limit", "5"));
        first.remember("primes", Map.of("limit", "2000", ParameterMemory.TARGET_KEY, "PROCESSES"));

        PropertiesParameterMemory second = new PropertiesParameterMemory(file);

        assertEquals(Map.of("limit", "2000", ParameterMemory.TARGET_KEY, "PROCESSES"), second.recall("primes"),
                "a new remember replaces the provider's values");
        assertEquals(Map.of("limit", "5"), second.recall("primes.fast"));
        assertEquals(Map.of(), second.recall("ticker"));
        assertEquals(Optional.of("primes"), second.lastStarted());
    }

    @Test
    void nothingStartedYetHasNoLastStarted() {
        assertEquals(Optional.empty(), new PropertiesParameterMemory(folder.resolve("none.properties")).lastStarted());
    }

    @Test
    void aMissingOrBrokenFileIsAnEmptyMemory() throws IOException {
        assertEquals(Map.of(), new PropertiesParameterMemory(folder.resolve("none.properties")).recall("primes"));

        Path broken = Files.writeString(folder.resolve("broken.properties"), "primes/limit=\\u12");
        assertEquals(Map.of(), new PropertiesParameterMemory(broken).recall("primes"));
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws IOException {
        Path file = folder.resolve("last.properties");
        new PropertiesParameterMemory(file).remember("ticker", Map.of("start", "5"));

        try (var files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
        assertTrue(Files.readString(file).contains("ticker/start=5"));
    }
}
