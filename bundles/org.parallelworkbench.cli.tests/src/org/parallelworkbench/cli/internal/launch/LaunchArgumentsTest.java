package org.parallelworkbench.cli.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.cli.internal.command.UsageException;

/** The launcher's arguments as framework properties. */
class LaunchArgumentsTest {

    private static Map<String, String> properties(List<String> arguments) {
        Map<String, String> properties = new HashMap<>();
        properties.put(LaunchArguments.COUNT_PROPERTY, Integer.toString(arguments.size()));
        for (int i = 0; i < arguments.size(); i++) {
            properties.put(LaunchArguments.ARGUMENT_PROPERTY_PREFIX + i, arguments.get(i));
        }
        return properties;
    }

    @Test
    void argumentsSurviveWithSpacesEqualsSignsQuotesAndNewlines() throws UsageException {
        List<String> arguments = List.of("run", "ticker", "label=a b = c", "quote=\"'", "lines=1\n2", "");
        assertEquals(arguments, LaunchArguments.read(properties(arguments)::get));
    }

    @Test
    void noCountMeansNoArguments() throws UsageException {
        assertEquals(List.of(), LaunchArguments.read(Map.<String, String>of()::get));
    }

    @Test
    void aMissingArgumentOrABadCountIsAUsageError() {
        Map<String, String> gap = properties(List.of("a", "b"));
        gap.remove(LaunchArguments.ARGUMENT_PROPERTY_PREFIX + 1);
        UsageException missing = assertThrows(UsageException.class, () -> LaunchArguments.read(gap::get));
        assertTrue(missing.getMessage().contains("Argument 1 of 2 is missing"), missing.getMessage());
        assertThrows(UsageException.class, () -> LaunchArguments.read(Map.of(LaunchArguments.COUNT_PROPERTY, "x")::get));
        assertThrows(UsageException.class, () -> LaunchArguments.read(Map.of(LaunchArguments.COUNT_PROPERTY, "-1")::get));
    }
}
