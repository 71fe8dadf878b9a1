package org.parallelworkbench.core;

import java.util.List;
import java.util.Objects;

/**
 * What a run produced, in one of the forms the window can show: a value, a series (a live chart), a
 * table or an image. Plain data; arrays handed in are not copied, so do not change them afterwards.
 */
public sealed interface ResultValue {

    /** One line for a status bar, a run table or a journal. */
    String summary();

    /** A value such as the ticker's count or a prime count; {@code text} is what the user sees. */
    record Scalar(String text) implements ResultValue {
        public Scalar {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String summary() {
            return text;
        }
    }

    record Point(double x, double y) {
    }

    /** A named line of points in x order, e.g. a running estimate against samples taken. */
    record Series(String name, String xLabel, String yLabel, List<Point> points) implements ResultValue {
        public Series {
            Objects.requireNonNull(name, "name");
            xLabel = xLabel == null ? "" : xLabel;
            yLabel = yLabel == null ? "" : yLabel;
            points = List.copyOf(points);
        }

        @Override
        public String summary() {
            return points.isEmpty() ? name + ": no points" : name + " = " + points.get(points.size() - 1).y();
        }
    }

    /** Rows of text cells under named columns. */
    record Table(List<String> columns, List<List<String>> rows) implements ResultValue {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("Row " + row + " has " + row.size() + " cells for " + columns.size() + " columns");
                }
            }
        }

        @Override
        public String summary() {
            return rows.size() + (rows.size() == 1 ? " row" : " rows");
        }
    }

    /** Pixels as 0xAARRGGBB, row by row from the top left. */
    record Image(int width, int height, int[] argb) implements ResultValue {
        public Image {
            Objects.requireNonNull(argb, "argb");
            if (width < 1 || height < 1 || (long) width * height != argb.length) {
                throw new IllegalArgumentException("An image of " + width + "x" + height + " needs " + (long) width * height
                        + " pixels, got " + argb.length);
            }
        }

        @Override
        public String summary() {
            return width + "\u00d7" + height + " image";
        }
    }
}
