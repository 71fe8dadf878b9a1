package org.example.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Counts the words of a text: one unit per sentence, counted on the engine's workers, summed as the
 * units finish. A starting point: replace the splitting, the counting and the sum with your own work.
 */
@Component(service = WorkProvider.class)
public final class WordCountProvider implements WorkProvider {

    public static final String ID = "wordcount";
    public static final String PARAM_TEXT = "text";
    static final String DEFAULT_TEXT = "Hello world. Parallel work, done by plain data units!";
    static final String KEY_SENTENCE = "sentence";
    /** Sentences are independent, so only the engine's pool limits how many are counted at once. */
    private static final int MAX_CONCURRENT_UNITS = Integer.MAX_VALUE;

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Word count",
            "Counts the words of a text, one sentence per unit.", "1.0.0", List.of(
                    ParameterDescriptor.text(PARAM_TEXT, "Text", DEFAULT_TEXT)
                            .withHelp("Words are separated by spaces; sentences end with '.', '!' or '?'.")));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    /** Quick, on the caller's thread: only splits the text; the counting happens in {@link #execute}. */
    @Override
    public WorkPlan plan(Parameters parameters) {
        List<WorkUnit> units = new ArrayList<>();
        for (String sentence : parameters.get(PARAM_TEXT, DEFAULT_TEXT).split("[.!?]+")) {
            if (!sentence.isBlank()) {
                units.add(new WorkUnit(units.size(), Map.of(KEY_SENTENCE, sentence)));
            }
        }
        return WorkPlan.of(units, MAX_CONCURRENT_UNITS);
    }

    /** Runs on a pooled worker thread, possibly next to other units: no shared mutable state. */
    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        long words = 0;
        for (String token : unit.get(KEY_SENTENCE).split("\\s+")) {
            // A long unit checks for a stop often; this one checks once per word to show where.
            if (context.isCanceled()) {
                throw new CancellationException("word count stopped");
            }
            words += token.chars().anyMatch(Character::isLetterOrDigit) ? 1 : 0;
        }
        return new UnitResult(unit.index(), Long.toString(words));
    }

    /** Sums the sentences' counts in whatever order they finish; the engine calls it from one thread at a time. */
    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        return new ResultAccumulator() {
            private long words;

            @Override
            public void accept(UnitResult result) {
                words += Long.parseLong(result.value());
            }

            @Override
            public ResultValue snapshot() {
                return new ResultValue.Scalar(Long.toString(words));
            }
        };
    }
}
