package org.parallelworkbench.install.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderClausesTest {

    @Test
    void quotedRangesKeepTheirCommasAndDirectivesAreApart() {
        HeaderClauses header = HeaderClauses.parse("a.b;version=\"[1.0,2.0)\";resolution:=optional, c.d;e.f, g");

        assertEquals(List.of(new HeaderClauses.Clause(List.of("a.b"), Map.of("version", "[1.0,2.0)"),
                Map.of("resolution", "optional")), new HeaderClauses.Clause(List.of("c.d", "e.f"), Map.of(), Map.of()),
                new HeaderClauses.Clause(List.of("g"), Map.of(), Map.of())), header.clauses());
        assertEquals(List.of("c.d", "e.f"), header.find("e.f").paths());
        assertNull(header.find("x"));
    }

    @Test
    void anAbsentHeaderHasNoClauses() {
        assertEquals(List.of(), HeaderClauses.parse(null).clauses());
        assertEquals(List.of(), HeaderClauses.parse(" ").clauses());
    }
}
