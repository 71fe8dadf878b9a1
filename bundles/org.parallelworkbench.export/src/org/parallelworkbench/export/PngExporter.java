package org.parallelworkbench.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

import javax.imageio.ImageIO;

import org.parallelworkbench.core.ResultValue;

/**
 * An image result as a PNG with its alpha channel, through {@code javax.imageio} (no display needed).
 * Other kinds are not supported.
 */
final class PngExporter implements ResultExporter {

    @Override
    public String extension() {
        return "png";
    }

    @Override
    public boolean supports(ResultValue value) {
        return value instanceof ResultValue.Image;
    }

    @Override
    public void write(ResultValue value, OutputStream out) throws IOException {
        ResultExporters.requireSupported(this, value);
        ResultValue.Image image = (ResultValue.Image) value;
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.argb(), 0, image.width());
        if (!ImageIO.write(buffered, "png", out)) {
            throw new IOException("This Java runtime has no PNG writer");
        }
        out.flush();
    }
}
