package org.parallelworkbench.workers.mandelbrot;

/**
 * How an image of {@code width × height} pixels is cut into square tiles of {@code tileSize}, row by row
 * from the top left; the tiles of the right column and the bottom row are cut short when the image's size
 * is not a multiple of the tile size. Tile {@code i} is unit {@code i}, so plan and accumulator agree on
 * where a unit's pixels go.
 */
record TileGrid(int width, int height, int tileSize) {

    /** One tile's place in the image, in pixels. */
    record Tile(int x, int y, int width, int height) {
    }

    TileGrid {
        if (width < 1 || height < 1 || tileSize < 1) {
            throw new IllegalArgumentException("A tile grid needs positive sizes: " + width + "x" + height + " by " + tileSize);
        }
    }

    int columns() {
        return Math.ceilDiv(width, tileSize);
    }

    int count() {
        return columns() * Math.ceilDiv(height, tileSize);
    }

    Tile tile(long index) {
        if (index < 0 || index >= count()) {
            throw new IllegalArgumentException("No tile " + index + " in a grid of " + count());
        }
        int x = (int) (index % columns()) * tileSize;
        int y = (int) (index / columns()) * tileSize;
        return new Tile(x, y, Math.min(tileSize, width - x), Math.min(tileSize, height - y));
    }
}
