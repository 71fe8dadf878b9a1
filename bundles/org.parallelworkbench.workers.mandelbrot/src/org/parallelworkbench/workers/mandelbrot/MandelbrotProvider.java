package org.parallelworkbench.workers.mandelbrot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.osgi.service.component.annotations.Component;
import org.parallelworkbench.core.InvalidParametersException;
import org.parallelworkbench.core.ParameterDescriptor;
import org.parallelworkbench.core.ParameterProblem;
import org.parallelworkbench.core.Parameters;
import org.parallelworkbench.core.ProviderInfo;
import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.UnitContext;
import org.parallelworkbench.core.UnitResult;
import org.parallelworkbench.core.WorkPlan;
import org.parallelworkbench.core.WorkProvider;
import org.parallelworkbench.core.WorkUnit;

/**
 * Renders the Mandelbrot set tile by tile: each unit computes the escape iterations of one tile's pixels
 * and returns them as text ({@link TileCodec}); the accumulator paints the tiles into one image as they
 * arrive. Pixels are square and {@code viewWidth} wide in the complex plane, centred on
 * ({@code centerX}, {@code centerY}), imaginary axis up. Stateless; {@link #execute} may run concurrently.
 */
@Component(service = WorkProvider.class)
public final class MandelbrotProvider implements WorkProvider {

    public static final String ID = "mandelbrot";
    public static final String PARAM_WIDTH = "width";
    public static final String PARAM_HEIGHT = "height";
    public static final String PARAM_MAX_ITERATIONS = "maxIterations";
    public static final String PARAM_CENTER_X = "centerX";
    public static final String PARAM_CENTER_Y = "centerY";
    public static final String PARAM_VIEW_WIDTH = "viewWidth";
    public static final String PARAM_TILE_SIZE = "tileSize";
    static final int DEFAULT_WIDTH_PIXELS = 800;
    static final int DEFAULT_HEIGHT_PIXELS = 600;
    static final int MAX_SIDE_PIXELS = 4096;
    static final int DEFAULT_MAX_ITERATIONS = 1000;
    /** The largest count {@link TileCodec}'s two bytes per pixel hold. */
    static final int MAX_ITERATIONS = 0xffff;
    static final double DEFAULT_CENTER_X = -0.5;
    static final double DEFAULT_CENTER_Y = 0.0;
    static final double MAX_CENTER_DISTANCE = 4.0;
    static final double DEFAULT_VIEW_WIDTH = 3.0;
    /** Below this, neighbouring pixels of a wide image round to the same double. */
    static final double MIN_VIEW_WIDTH = 1e-12;
    static final double MAX_VIEW_WIDTH = 8.0;
    static final int DEFAULT_TILE_SIZE_PIXELS = 64;
    /** With {@link #MAX_SIDE_PIXELS}, keeps a plan at 65,536 units at most. */
    static final int MIN_TILE_SIZE_PIXELS = 16;
    static final int MAX_TILE_SIZE_PIXELS = 1024;
    /** Points farther than 2 from the origin escape; compared squared. */
    private static final double ESCAPE_RADIUS_SQUARED = 4.0;
    /** Tiles are independent, so only the engine's pool limits how many run at once. */
    private static final int MAX_CONCURRENT_UNITS = Integer.MAX_VALUE;
    static final String KEY_TILE_X = "tileX";
    static final String KEY_TILE_Y = "tileY";
    static final String KEY_TILE_WIDTH = "tileWidth";
    static final String KEY_TILE_HEIGHT = "tileHeight";

    private static final ProviderInfo INFO = new ProviderInfo(ID, "Mandelbrot set",
            "Renders the Mandelbrot set, one tile of the image per unit.", "0.1.0", List.of(
                    ParameterDescriptor.integer(PARAM_WIDTH, "Width", DEFAULT_WIDTH_PIXELS, 1, MAX_SIDE_PIXELS)
                            .withUnit("px").withHelp("Width of the image."),
                    ParameterDescriptor.integer(PARAM_HEIGHT, "Height", DEFAULT_HEIGHT_PIXELS, 1, MAX_SIDE_PIXELS)
                            .withUnit("px").withHelp("Height of the image."),
                    ParameterDescriptor.integer(PARAM_MAX_ITERATIONS, "Iterations", DEFAULT_MAX_ITERATIONS, 1, MAX_ITERATIONS)
                            .withHelp("Iterations before a point counts as inside the set; more shows finer detail."),
                    ParameterDescriptor.decimal(PARAM_CENTER_X, "Centre (real)", DEFAULT_CENTER_X, -MAX_CENTER_DISTANCE,
                            MAX_CENTER_DISTANCE).withHelp("Real part of the point at the image's centre."),
                    ParameterDescriptor.decimal(PARAM_CENTER_Y, "Centre (imaginary)", DEFAULT_CENTER_Y, -MAX_CENTER_DISTANCE,
                            MAX_CENTER_DISTANCE).withHelp("Imaginary part of the point at the image's centre."),
                    ParameterDescriptor.decimal(PARAM_VIEW_WIDTH, "View width", DEFAULT_VIEW_WIDTH, MIN_VIEW_WIDTH,
                            MAX_VIEW_WIDTH).withHelp("Width of the view in the complex plane; smaller zooms in."),
                    ParameterDescriptor.integer(PARAM_TILE_SIZE, "Tile size", DEFAULT_TILE_SIZE_PIXELS, MIN_TILE_SIZE_PIXELS,
                            MAX_TILE_SIZE_PIXELS).withUnit("px").withHelp("Side of the square tile one unit computes.")));

    @Override
    public ProviderInfo info() {
        return INFO;
    }

    /** One unit per tile; each carries the view and its tile's place, so it can be computed anywhere. */
    @Override
    public WorkPlan plan(Parameters parameters) {
        requireValid(parameters);
        Parameters view = ParameterDescriptor.withDefaults(INFO.parameters(), parameters);
        TileGrid grid = grid(view);
        List<WorkUnit> units = new ArrayList<>(grid.count());
        for (int index = 0; index < grid.count(); index++) {
            TileGrid.Tile tile = grid.tile(index);
            Map<String, String> data = new HashMap<>(view.values());
            data.put(KEY_TILE_X, Integer.toString(tile.x()));
            data.put(KEY_TILE_Y, Integer.toString(tile.y()));
            data.put(KEY_TILE_WIDTH, Integer.toString(tile.width()));
            data.put(KEY_TILE_HEIGHT, Integer.toString(tile.height()));
            units.add(new WorkUnit(index, data));
        }
        return WorkPlan.of(units, MAX_CONCURRENT_UNITS);
    }

    /**
     * @return the tile's escape iterations in {@link TileCodec}'s form; throws CancellationException once
     *         cancelled, which it checks before every pixel
     */
    @Override
    public UnitResult execute(WorkUnit unit, UnitContext context) {
        int width = Integer.parseInt(unit.get(PARAM_WIDTH));
        int height = Integer.parseInt(unit.get(PARAM_HEIGHT));
        int maxIterations = Integer.parseInt(unit.get(PARAM_MAX_ITERATIONS));
        double centerX = Double.parseDouble(unit.get(PARAM_CENTER_X));
        double centerY = Double.parseDouble(unit.get(PARAM_CENTER_Y));
        double pixelSize = Double.parseDouble(unit.get(PARAM_VIEW_WIDTH)) / width;
        int tileX = Integer.parseInt(unit.get(KEY_TILE_X));
        int tileY = Integer.parseInt(unit.get(KEY_TILE_Y));
        int tileWidth = Integer.parseInt(unit.get(KEY_TILE_WIDTH));
        int tileHeight = Integer.parseInt(unit.get(KEY_TILE_HEIGHT));
        int[] iterations = new int[tileWidth * tileHeight];
        for (int row = 0; row < tileHeight; row++) {
            double imaginary = centerY - (tileY + row + 0.5 - height / 2.0) * pixelSize;
            for (int column = 0; column < tileWidth; column++) {
                if (context.isCanceled()) {
                    throw new CancellationException("Tile " + unit.index() + " was cancelled");
                }
                double real = centerX + (tileX + column + 0.5 - width / 2.0) * pixelSize;
                iterations[row * tileWidth + column] = escapeIterations(real, imaginary, maxIterations);
            }
        }
        return new UnitResult(unit.index(), TileCodec.encode(iterations));
    }

    @Override
    public ResultAccumulator accumulator(Parameters parameters) {
        Parameters view = ParameterDescriptor.withDefaults(INFO.parameters(), parameters);
        return new TileImageAccumulator(grid(view), (int) view.getLong(PARAM_MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS));
    }

    /** Iterations of z → z² + c from 0 until |z| > 2, at most {@code maxIterations} (then c is taken as inside). */
    static int escapeIterations(double real, double imaginary, int maxIterations) {
        double x = 0;
        double y = 0;
        int iterations = 0;
        while (iterations < maxIterations && x * x + y * y <= ESCAPE_RADIUS_SQUARED) {
            double nextX = x * x - y * y + real;
            y = 2 * x * y + imaginary;
            x = nextX;
            iterations++;
        }
        return iterations;
    }

    /** Guards {@link #plan} against a caller that skipped {@link #validate}. */
    private void requireValid(Parameters parameters) {
        List<ParameterProblem> problems = validate(parameters);
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(ID, problems);
        }
    }

    private static TileGrid grid(Parameters view) {
        return new TileGrid((int) view.getLong(PARAM_WIDTH, DEFAULT_WIDTH_PIXELS),
                (int) view.getLong(PARAM_HEIGHT, DEFAULT_HEIGHT_PIXELS),
                (int) view.getLong(PARAM_TILE_SIZE, DEFAULT_TILE_SIZE_PIXELS));
    }
}
