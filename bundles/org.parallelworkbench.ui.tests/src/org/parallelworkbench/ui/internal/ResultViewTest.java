package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ResultValue;

class ResultViewTest {

    @Test
    void aTableColumnsShareOfTheWidthFollowsItsLongestTextWithAFloor() {
        ResultValue.Table sums = new ResultValue.Table(List.of("File", "Size (bytes)", "SHA-256"),
                List.of(List.of("a.txt", "3", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                        List.of("a-much-longer-name.txt", "12345", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")));

        assertEquals("a-much-longer-name.txt".length(), ResultView.widthShare(sums, 0));
        assertEquals("Size (bytes)".length(), ResultView.widthShare(sums, 1), "the header is longer than the sizes");
        assertEquals(64, ResultView.widthShare(sums, 2));
        assertEquals(4, ResultView.widthShare(new ResultValue.Table(List.of("n"), List.of(List.of("1"))), 0), "never thinner than 4");
    }
}
