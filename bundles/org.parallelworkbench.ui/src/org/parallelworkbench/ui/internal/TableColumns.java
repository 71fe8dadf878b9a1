package org.parallelworkbench.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** The one way the window's tables make their columns: a title, a share of the width and a label provider. */
final class TableColumns {

    private TableColumns() {
    }

    /** Adds a column that takes {@code weight} shares of the table's width, never less than {@code minimumWidth}. */
    static TableViewerColumn add(TableViewer viewer, TableColumnLayout layout, String title, int weight, int minimumWidth,
            CellLabelProvider labels) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, minimumWidth));
        column.setLabelProvider(labels);
        return column;
    }

    /** Cells that show {@code text} of their row. */
    static <T> ColumnLabelProvider text(Class<T> rowType, Function<T, String> text) {
        return labels(rowType, text, row -> null, row -> null);
    }

    /** Cells that show {@code text} of their row, with a tooltip and a text colour (null for the default). */
    static <T> ColumnLabelProvider labels(Class<T> rowType, Function<T, String> text, Function<T, String> toolTip,
            Function<T, Color> foreground) {
        return new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(rowType.cast(element));
            }

            @Override
            public String getToolTipText(Object element) {
                return toolTip.apply(rowType.cast(element));
            }

            @Override
            public Color getForeground(Object element) {
                return foreground.apply(rowType.cast(element));
            }
        };
    }
}
