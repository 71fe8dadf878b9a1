package org.parallelworkbench.ui.internal;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.parallelworkbench.core.ResultValue;

/**
 * Shows a run's result in the form that suits its kind: a line chart for a series, a table for a table,
 * the image scaled to fit for an image, and a single value (the ticker's count) large in a label. UI
 * thread only.
 */
final class ResultView {

    private static final String SERIES_ID = "result";
    private static final int VALUE_FONT_HEIGHT = 40;
    /** Rows read to size a table's columns: enough to be typical, few enough to stay cheap on big tables. */
    private static final int ROWS_MEASURED = 50;
    private static final int MIN_SHARE = 4;

    private final Composite stack;
    private final StackLayout layout = new StackLayout();
    private final Composite valuePage;
    private final Label valueLabel;
    private final Chart chart;
    private final Composite tableHolder;
    private final Canvas imageCanvas;
    private TableViewer table;
    private List<String> tableColumns = List.of();
    private Image image;

    ResultView(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        stack.setLayout(layout);
        valuePage = new Composite(stack, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(valuePage);
        valueLabel = new Label(valuePage, SWT.CENTER);
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), valueLabel);
        valueLabel.setFont(resources.create(FontDescriptor.createFrom(JFaceResources.getDefaultFont()).setHeight(VALUE_FONT_HEIGHT)
                .setStyle(SWT.BOLD)));
        GridDataFactory.fillDefaults().grab(true, true).align(SWT.FILL, SWT.CENTER).applyTo(valueLabel);
        chart = new Chart(stack, SWT.NONE);
        chart.getLegend().setVisible(false);
        tableHolder = new Composite(stack, SWT.NONE);
        imageCanvas = new Canvas(stack, SWT.DOUBLE_BUFFERED);
        imageCanvas.addListener(SWT.Paint, this::paintImageToFit);
        stack.addDisposeListener(event -> disposeImage());
        showPage(valuePage);
    }

    Control control() {
        return stack;
    }

    /** The value page's label: the selected run's latest value, large. */
    Label valueLabel() {
        return valueLabel;
    }

    Control visiblePage() {
        return layout.topControl;
    }

    Chart chart() {
        return chart;
    }

    TableViewer table() {
        return table;
    }

    Image image() {
        return image;
    }

    void show(ResultValue result) {
        switch (result) {
        case ResultValue.Series series -> showSeries(series);
        case ResultValue.Table rows -> showTable(rows);
        case ResultValue.Image pixels -> showImage(pixels);
        case ResultValue.Scalar scalar -> showPage(valuePage);
        case null -> showPage(valuePage);
        }
    }

    private void showSeries(ResultValue.Series series) {
        double[] x = new double[series.points().size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = series.points().get(i).x();
            y[i] = series.points().get(i).y();
        }
        chart.suspendUpdate(true);
        try {
            chart.getTitle().setText(series.name());
            chart.getAxisSet().getXAxis(0).getTitle().setText(series.xLabel());
            chart.getAxisSet().getYAxis(0).getTitle().setText(series.yLabel());
            ISeries<?> line = chart.getSeriesSet().getSeries(SERIES_ID);
            if (line == null) {
                line = chart.getSeriesSet().createSeries(ISeries.SeriesType.LINE, SERIES_ID);
                ((ILineSeries<?>) line).setSymbolType(ILineSeries.PlotSymbolType.NONE);
            }
            line.setXSeries(x);
            line.setYSeries(y);
            chart.getAxisSet().adjustRange();
        } finally {
            chart.suspendUpdate(false);
        }
        chart.redraw();
        showPage(chart);
    }

    private void showTable(ResultValue.Table rows) {
        if (table == null || !tableColumns.equals(rows.columns())) {
            createTable(rows);
        }
        table.setInput(rows.rows());
        showPage(tableHolder);
    }

    private void createTable(ResultValue.Table rows) {
        List<String> columns = rows.columns();
        for (Control child : tableHolder.getChildren()) {
            child.dispose();
        }
        TableColumnLayout columnLayout = new TableColumnLayout();
        tableHolder.setLayout(columnLayout);
        table = new TableViewer(tableHolder, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            TableColumns.add(table, columnLayout, columns.get(i), widthShare(rows, i), 60,
                    ColumnLabelProvider.createTextProvider(row -> ((List<?>) row).get(index).toString()));
        }
        tableColumns = columns;
        tableHolder.layout(true);
    }

    /** A column's share of the width: its longest text among the header and the first rows, so digests get room. */
    static int widthShare(ResultValue.Table rows, int column) {
        int longest = rows.columns().get(column).length();
        for (List<String> row : rows.rows().subList(0, Math.min(rows.rows().size(), ROWS_MEASURED))) {
            longest = Math.max(longest, row.get(column).length());
        }
        return Math.max(MIN_SHARE, longest);
    }

    private void showImage(ResultValue.Image pixels) {
        ImageData data = new ImageData(pixels.width(), pixels.height(), 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        // A 24-bit direct palette takes the low three bytes of each ARGB int: rows go in without a copy.
        for (int row = 0; row < pixels.height(); row++) {
            data.setPixels(0, row, pixels.width(), pixels.argb(), row * pixels.width());
        }
        disposeImage();
        image = new Image(imageCanvas.getDisplay(), data);
        showPage(imageCanvas);
        imageCanvas.redraw();
    }

    /** Zoom to fit: the whole image, as large as the canvas allows, aspect ratio kept, centred. */
    private void paintImageToFit(Event event) {
        if (image == null) {
            return;
        }
        Rectangle area = imageCanvas.getClientArea();
        Rectangle bounds = image.getBounds();
        double scale = Math.min((double) area.width / bounds.width, (double) area.height / bounds.height);
        int width = Math.max(1, (int) (bounds.width * scale));
        int height = Math.max(1, (int) (bounds.height * scale));
        event.gc.drawImage(image, 0, 0, bounds.width, bounds.height, (area.width - width) / 2, (area.height - height) / 2,
                width, height);
    }

    private void showPage(Control page) {
        if (layout.topControl != page) {
            layout.topControl = page;
            stack.layout();
        }
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
