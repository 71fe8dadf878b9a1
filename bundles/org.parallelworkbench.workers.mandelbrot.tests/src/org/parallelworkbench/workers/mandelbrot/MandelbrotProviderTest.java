package org.parallelworkbench.workers.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkUnit;

/** The renderer's own logic, without the engine: tiling, pixels, the filling image, validation and stopping. */
class MandelbrotProviderTest {

    private static final UnitContext RUNNING = UnitContext.canceledWhen(() -> false);
    /** 37×23 in tiles of 16: the right column is 5 wide and the bottom row 7 high. */
    private static final Parameters SMALL = Parameters.NONE.with("width", "37").with("height", "23").with("tileSize", "16")
            .with("maxIterations", "200").with("centerX", "-0.75").with("centerY", "0.1").with("viewWidth", "2.5");
    private final MandelbrotProvider mandelbrot = new MandelbrotProvider();

    @Test
    void everyPixelEqualsADirectPerPixelComputationWhateverTheTileOrder() throws Exception {
        List<UnitResult> tiles = new ArrayList<>();
        for (WorkUnit unit : ((WorkPlan.Finite) mandelbrot.plan(SMALL)).units()) {
            tiles.add(mandelbrot.execute(unit, RUNNING));
        }
        Collections.shuffle(tiles, new Random(11));
        ResultAccumulator accumulator = mandelbrot.accumulator(SMALL);
        tiles.forEach(accumulator::accept);

        ResultValue.Image image = assertInstanceOf(ResultValue.Image.class, accumulator.snapshot());
        assertEquals(37, image.width());
        assertEquals(23, image.height());
        assertArrayEquals(directImage(37, 23, 200, -0.75, 0.1, 2.5), image.argb());
        assertTrue(Arrays.stream(image.argb()).anyMatch(pixel -> pixel == TileImageAccumulator.INSIDE_ARGB), "no pixel inside");
        assertTrue(Arrays.stream(image.argb()).anyMatch(pixel -> pixel != TileImageAccumulator.INSIDE_ARGB), "no pixel outside");
    }

    @Test
    void tilesCoverTheImageOnceWithShortTilesAtTheRightAndBottomEdges() {
        List<WorkUnit> units = ((WorkPlan.Finite) mandelbrot.plan(SMALL)).units();

        assertEquals(List.of("0,0 16x16", "16,0 16x16", "32,0 5x16", "0,16 16x7", "16,16 16x7", "32,16 5x7"),
                units.stream().map(unit -> unit.get("tileX") + "," + unit.get("tileY") + " " + unit.get("tileWidth") + "x"
                        + unit.get("tileHeight")).toList());
    }

    @Test
    void theImageFillsInTileByTileAndSnapshotsAreCopies() throws Exception {
        WorkPlan.Finite plan = (WorkPlan.Finite) mandelbrot.plan(SMALL);
        ResultAccumulator accumulator = mandelbrot.accumulator(SMALL);
        ResultValue.Image empty = (ResultValue.Image) accumulator.snapshot();

        accumulator.accept(mandelbrot.execute(plan.units().get(5), RUNNING));
        int[] oneTile = ((ResultValue.Image) accumulator.snapshot()).argb();

        assertTrue(Arrays.stream(empty.argb()).allMatch(pixel -> pixel == 0), "an earlier snapshot changed");
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                boolean inLastTile = x >= 32 && y >= 16;
                assertEquals(inLastTile, oneTile[y * 37 + x] != 0, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void countsUpToTheMaximumSurviveTheTextForm() {
        int[] counts = { 0, 1, 255, 256, 40_000, MandelbrotProvider.MAX_ITERATIONS };

        assertArrayEquals(counts, TileCodec.decode(TileCodec.encode(counts), counts.length));
    }

    @Test
    void aTileOfTheWrongSizeOrNotBase64IsRejectedNamingTheTile() {
        ResultAccumulator accumulator = mandelbrot.accumulator(SMALL);

        for (String bad : List.of("AAAA", "not base64!")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> accumulator.accept(new UnitResult(2, bad)), bad);
            assertTrue(e.getMessage().contains("Tile 2"), e.getMessage());
        }
    }

    @Test
    void badParametersAreReportedNamingTheParameter() {
        assertProblemAt("width", Parameters.NONE.with("width", "0"));
        assertProblemAt("height", Parameters.NONE.with("height", "4097"));
        assertProblemAt("maxIterations", Parameters.NONE.with("maxIterations", "65536"));
        assertProblemAt("centerX", Parameters.NONE.with("centerX", "left"));
        assertProblemAt("centerY", Parameters.NONE.with("centerY", "-4.5"));
        assertProblemAt("viewWidth", Parameters.NONE.with("viewWidth", "0"));
        assertProblemAt("tileSize", Parameters.NONE.with("tileSize", "8"));
        assertProblemAt("zoom", Parameters.NONE.with("zoom", "2"));
        assertEquals(List.of(), mandelbrot.validate(SMALL));
    }

    @Test
    void aLongTileStopsPromptlyOnceCancelled() {
        // Deep inside the main cardioid every pixel takes the full 65,535 iterations: over a minute in all.
        Parameters slow = Parameters.NONE.with("width", "1024").with("height", "1024").with("tileSize", "1024")
                .with("maxIterations", "65535").with("centerX", "-0.1").with("viewWidth", "0.01");
        WorkUnit tile = ((WorkPlan.Finite) mandelbrot.plan(slow)).units().get(0);
        long cancelAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

        assertThrows(CancellationException.class,
                () -> mandelbrot.execute(tile, UnitContext.canceledWhen(() -> System.nanoTime() >= cancelAtNanos)));
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelAtNanos);
        assertTrue(lateMillis < 500, "stopped " + lateMillis + " ms after the cancel");
    }

    /** The image computed pixel by pixel, without tiles: square pixels, centred, imaginary axis up. */
    private static int[] directImage(int width, int height, int maxIterations, double centerX, double centerY,
            double viewWidth) {
        double pixelSize = viewWidth / width;
        int[] argb = new int[width * height];
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double cRe = centerX + (px + 0.5 - width / 2.0) * pixelSize;
                double cIm = centerY - (py + 0.5 - height / 2.0) * pixelSize;
                double zRe = 0;
                double zIm = 0;
                int n = 0;
                while (n < maxIterations && zRe * zRe + zIm * zIm <= 4.0) {
                    double re = zRe * zRe - zIm * zIm + cRe;
                    zIm = 2 * zRe * zIm + cIm;
                    zRe = re;
                    n++;
                }
                argb[py * width + px] = TileImageAccumulator.colour(n, maxIterations);
            }
        }
        return argb;
    }

    private void assertProblemAt(String parameter, Parameters parameters) {
        List<ParameterProblem> problems = mandelbrot.validate(parameters);
        assertEquals(List.of(parameter), problems.stream().map(ParameterProblem::parameter).toList(), problems.toString());
    }
}
