package org.parallelworkbench.ui.internal;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;

/**
 * The error marker of a form field, hidden until the field has a problem. JFace's own marker
 * ({@link FieldDecorationRegistry#DEC_ERROR}) is an SVG: the first one rasterized loads jsvg, whose classes SPI Fly
 * weaves one by one, which cost about a second of the UI thread at every start. JFace ships the same marker as a
 * PNG next to it, which costs nothing.
 */
final class ErrorDecoration {

    static final ImageDescriptor IMAGE = ImageDescriptor.createFromFile(FieldDecorationRegistry.class,
            "images/error_ovr.png");

    private ErrorDecoration() {
    }

    /** A hidden error marker at the control's top left; its image is disposed with the control. */
    static ControlDecoration on(Control control) {
        ControlDecoration decoration = new ControlDecoration(control, SWT.LEFT | SWT.TOP);
        decoration.setImage(new LocalResourceManager(JFaceResources.getResources(), control).create(IMAGE));
        decoration.hide();
        return decoration;
    }

    /**
     * The marker's width in points: how far fields are indented so that markers never cover a label. Reads the
     * image's file: ask once per form.
     */
    static int width() {
        return IMAGE.getImageData(100).width;
    }
}
