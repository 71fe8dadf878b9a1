package org.parallelworkbench.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Widget;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.parallelworkbench.core.ProviderInfo;

/** Drives SWT from the test thread, which owns the Display: events are dispatched while waiting. */
final class UiTestSupport {

    private static final int WAKE_UP_MILLIS = 20;

    private UiTestSupport() {
    }

    /** Runs the event loop until the condition holds; fails with the message after the timeout. */
    static void spinUntil(Display display, BooleanSupplier condition, Duration timeout, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(message.get() + " (not within " + timeout.toMillis() + " ms)");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(WAKE_UP_MILLIS, () -> { });
                display.sleep();
            }
        }
    }

    /** The display a UI test class owns; fails saying what to do when there is none. */
    static Display openDisplay() {
        if (System.getenv("DISPLAY") == null) {
            fail("UI tests need a display: run them under xvfb-run");
        }
        return new Display();
    }

    /** What a mouse click on a push button or a menu item ends in. */
    static void select(Widget widget) {
        widget.notifyListeners(SWT.Selection, new Event());
    }

    /** Picks the provider in the window's list, as a click on its row does. */
    static void pick(WorkbenchWindow window, ProviderInfo provider) {
        window.providersList().viewer().setSelection(new StructuredSelection(provider), true);
    }

    /**
     * Types {@code name=value} pairs into the parameter form, each the way its editor takes input: text
     * typed, a check box clicked, a drop-down item chosen.
     */
    static void fill(WorkbenchWindow window, String pairs) {
        for (String pair : pairs.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            Control editor = window.parameterForm().editor(name);
            if (editor instanceof Text text) {
                text.setText(value);
            } else if (editor instanceof Button check) {
                check.setSelection(Boolean.parseBoolean(value));
                check.notifyListeners(SWT.Selection, new Event());
            } else if (editor instanceof Combo combo) {
                combo.select(combo.indexOf(value));
                combo.notifyListeners(SWT.Selection, new Event());
                combo.notifyListeners(SWT.Modify, new Event());
            } else {
                fail("No way to type into " + editor);
            }
        }
    }

    static MenuItem menuItem(Menu menuBar, String menuText, int accelerator) {
        for (MenuItem top : menuBar.getItems()) {
            if (top.getText().replace("&", "").equals(menuText)) {
                for (MenuItem item : top.getMenu().getItems()) {
                    if (item.getAccelerator() == accelerator) {
                        return item;
                    }
                }
            }
        }
        return fail("No item with accelerator " + accelerator + " in menu " + menuText);
    }

    static <S> S service(Class<?> testClass, Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(testClass).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(Duration.ofSeconds(10).toMillis());
        if (service == null) {
            fail("The " + type.getSimpleName() + " service did not arrive within 10 seconds");
        }
        return service;
    }
}
