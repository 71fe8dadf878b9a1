package org.parallelworkbench.workers.mandelbrot;

import org.parallelworkbench.core.ResultAccumulator;
import org.parallelworkbench.core.ResultValue;
import org.parallelworkbench.core.UnitResult;

/**
 * Paints each unit's tile into the run's image as it arrives, through a fixed palette; pixels of tiles not
 * yet computed stay transparent, so the window shows the image filling in. Confined to the engine's
 * accumulator thread; {@link #snapshot} returns a copy.
 */
final class TileImageAccumulator implements ResultAccumulator {

    /** Points that never escaped: inside the set. */
    static final int INSIDE_ARGB = 0xff000000;
    /** Escaped points cycle through these by iteration count: dark brown, deep blue, white, orange. */
    private static final int[] PALETTE_ARGB = { 0xff421e0f, 0xff19071a, 0xff09012f, 0xff040449, 0xff000764,
            0xff0c2c8a, 0xff1852b1, 0xff397dd1, 0xff86b5e5, 0xffd3ecf8, 0xfff1e9bf, 0xfff8c95f, 0xffffaa00, 0xffcc8000,
            0xff995700, 0xff6a3403 };

    private final TileGrid grid;
    private final int maxIterations;
    private final int[] argb;

    TileImageAccumulator(TileGrid grid, int maxIterations) {
        this.grid = grid;
        this.maxIterations = maxIterations;
        this.argb = new int[grid.width() * grid.height()];
    }

    /** The colour of a pixel whose point escaped after {@code iterations}, or stayed inside up to the maximum. */
    static int colour(int iterations, int maxIterations) {
        return iterations >= maxIterations ? INSIDE_ARGB : PALETTE_ARGB[iterations % PALETTE_ARGB.length];
    }

    /** @throws IllegalArgumentException if the result is not a tile of this grid */
    @Override
    public void accept(UnitResult result) {
        TileGrid.Tile tile = grid.tile(result.unitIndex());
        int[] iterations;
        try {
            iterations = TileCodec.decode(result.value(), tile.width() * tile.height());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Tile " + result.unitIndex() + " is unreadable: " + e.getMessage(), e);
        }
        for (int row = 0; row < tile.height(); row++) {
            int target = (tile.y() + row) * grid.width() + tile.x();
            for (int column = 0; column < tile.width(); column++) {
                argb[target + column] = colour(iterations[row * tile.width() + column], maxIterations);
            }
        }
    }

    @Override
    public ResultValue.Image snapshot() {
        return new ResultValue.Image(grid.width(), grid.height(), argb.clone());
    }
}
