package org.parallelworkbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelworkbench.core.ResultValue;

class ResultExportersTest {

    static final ResultValue.Scalar SCALAR = new ResultValue.Scalar("78498");
    static final ResultValue.Series SERIES = new ResultValue.Series("pi", "samples", "estimate",
            List.of(new ResultValue.Point(1000, 3.2), new ResultValue.Point(2000, 3.14)));
    static final ResultValue.Table TABLE = new ResultValue.Table(List.of("name", "note"),
            List.of(List.of("plain", "a, b"), List.of("quoted \"x\"", "two\nlines")));
    static final ResultValue.Image IMAGE = new ResultValue.Image(2, 1, new int[] { 0xFFFF0000, 0x8000FF00 });

    @TempDir
    Path temp;

    private static String write(ResultExporter exporter, ResultValue value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.write(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> extensions(List<ResultExporter> exporters) {
        return exporters.stream().map(ResultExporter::extension).toList();
    }

    @Test
    void exporterIsChosenByExtensionIgnoringCase() {
        assertTrue(ResultExporters.forFile(Path.of("out/pi.CSV")).orElseThrow() instanceof CsvExporter);
        assertTrue(ResultExporters.forFile(Path.of("r.json")).orElseThrow() instanceof JsonExporter);
        assertTrue(ResultExporters.forFile(Path.of("m.png")).orElseThrow() instanceof PngExporter);
        assertTrue(ResultExporters.forFile(Path.of("r.txt")).isEmpty());
        assertTrue(ResultExporters.forFile(Path.of("csv")).isEmpty());
        assertEquals(".csv, .json or .png", ResultExporters.extensionList());
    }

    @Test
    void everyExporterIsListedOnceInUsageOrder() {
        assertEquals(List.of("csv", "json", "png"), extensions(ResultExporters.all()));
    }

    @Test
    void aScalarCanBeWrittenAsCsvOrJson() {
        assertEquals(List.of("csv", "json"), extensions(ResultExporters.supporting(SCALAR)));
    }

    @Test
    void aSeriesCanBeWrittenAsCsvOrJson() {
        assertEquals(List.of("csv", "json"), extensions(ResultExporters.supporting(SERIES)));
    }

    @Test
    void aTableCanBeWrittenAsCsvOrJson() {
        assertEquals(List.of("csv", "json"), extensions(ResultExporters.supporting(TABLE)));
    }

    @Test
    void anImageCanBeWrittenAsJsonOrPng() {
        assertEquals(List.of("json", "png"), extensions(ResultExporters.supporting(IMAGE)));
    }

    @Test
    void kindsAreNamedInLowerCase() {
        assertEquals(List.of("scalar", "series", "table", "image"),
                List.of(SCALAR, SERIES, TABLE, IMAGE).stream().map(ResultExporters::kindOf).toList());
    }

    @Test
    void csvOfAScalarIsOneValue() throws IOException {
        assertEquals("78498\r\n", write(new CsvExporter(), SCALAR));
    }

    @Test
    void csvOfASeriesHasItsAxisLabelsAsHeaderAndOneRowPerPoint() throws IOException {
        assertEquals("samples,estimate\r\n1000,3.2\r\n2000,3.14\r\n", write(new CsvExporter(), SERIES));
        ResultValue.Series unlabelled = new ResultValue.Series("s", "", "", List.of(new ResultValue.Point(0.5, 2)));
        assertEquals("x,y\r\n0.5,2\r\n", write(new CsvExporter(), unlabelled));
    }

    @Test
    void csvOfATableQuotesFieldsAsRfc4180Says() throws IOException {
        assertEquals("name,note\r\nplain,\"a, b\"\r\n\"quoted \"\"x\"\"\",\"two\nlines\"\r\n", write(new CsvExporter(), TABLE));
    }

    @Test
    void csvQuotesSomeMoreFieldsThanRfc4180RequiresWithoutChangingAnyValue() throws IOException {
        // Commons CSV also quotes an empty first field and fields that start with a character up to '#' or end
        // in white space; any CSV reader reads the same values as from the unquoted fields written before.
        List<String> awkward = List.of("", " lead", "trail ", "#tag", "!bang", "-3", "", "plain");
        ResultValue.Table table = new ResultValue.Table(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.of(awkward));

        String csv = write(new CsvExporter(), table);

        assertEquals("a,b,c,d,e,f,g,h\r\n\"\",\" lead\",\"trail \",\"#tag\",\"!bang\",-3,,plain\r\n", csv);
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
            assertEquals(List.of(table.columns(), awkward), parser.getRecords().stream().map(CSVRecord::toList).toList());
        }
    }

    @Test
    void csvRefusesAnImageNamingTheFormatsThatWork() {
        CsvExporter csv = new CsvExporter();
        assertFalse(csv.supports(IMAGE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(csv, IMAGE));
        assertEquals("Image results cannot be written as .csv; use .json or .png", e.getMessage());
    }

    @Test
    void jsonOfEveryKindNamesItsKind() throws IOException {
        JsonExporter json = new JsonExporter();
        assertEquals("{\"kind\":\"scalar\",\"text\":\"78498\"}\n", write(json, SCALAR));
        assertEquals("{\"kind\":\"series\",\"name\":\"pi\",\"xLabel\":\"samples\",\"yLabel\":\"estimate\","
                + "\"points\":[[1000,3.2],[2000,3.14]]}\n", write(json, SERIES));
        assertEquals("{\"kind\":\"table\",\"columns\":[\"name\",\"note\"],\"rows\":[[\"plain\",\"a, b\"],"
                + "[\"quoted \\\"x\\\"\",\"two\\nlines\"]]}\n", write(json, TABLE));
    }

    @Test
    void jsonWritesNotFiniteNumbersAsNull() throws IOException {
        ResultValue.Series series = new ResultValue.Series("s", "", "", List.of(new ResultValue.Point(1, Double.NaN),
                new ResultValue.Point(Double.NEGATIVE_INFINITY, 1e20)));
        assertTrue(write(new JsonExporter(), series).contains("\"points\":[[1,null],[null,1.0E20]]"));
    }

    @Test
    void jsonEscapesAsBeforeInLowerCaseHexAndKeepsEveryCharacter() throws IOException {
        // A lone surrogate, which UTF-8 cannot hold, is an escape; a pair (an emoji) is UTF-8 as it always was.
        assertEquals("{\"kind\":\"scalar\",\"text\":\"a\\\\b\\u0001\\t\\\"/ \uD83D\uDE00 \\ud800\"}\n",
                write(new JsonExporter(), new ResultValue.Scalar("a\\b\u0001\t\"/ \uD83D\uDE00 \uD800")));
    }

    @Test
    void jsonOfAnImageHoldsEveryPixelAsBase64BigEndianArgb() throws IOException {
        String json = write(new JsonExporter(), IMAGE);
        assertTrue(json.startsWith("{\"kind\":\"image\",\"width\":2,\"height\":1,\"encoding\":\"argb32-be-base64\""), json);
        Matcher pixels = Pattern.compile("\"pixels\":\"([A-Za-z0-9+/=]+)\"").matcher(json);
        assertTrue(pixels.find(), json);
        int[] decoded = new int[2];
        ByteBuffer.wrap(Base64.getDecoder().decode(pixels.group(1))).asIntBuffer().get(decoded);
        assertArrayEquals(IMAGE.argb(), decoded);
    }

    @Test
    void pngHoldsTheImageWithItsSizeAndAlpha() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PngExporter().write(IMAGE, out);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(2, read.getWidth());
        assertEquals(1, read.getHeight());
        assertEquals(0xFFFF0000, read.getRGB(0, 0));
        assertEquals(0x8000FF00, read.getRGB(1, 0));
    }

    @Test
    void pngRefusesEverythingButImages() {
        PngExporter png = new PngExporter();
        for (ResultValue value : List.of(SCALAR, SERIES, TABLE)) {
            assertFalse(png.supports(value), value::toString);
        }
        assertEquals("Scalar results cannot be written as .png; use .csv or .json", png.unsupportedMessage(SCALAR));
    }

    @Test
    void writeFileReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path file = temp.resolve("r.csv");
        Files.writeString(file, "old");
        new CsvExporter().writeFile(SCALAR, file);
        assertEquals("78498\r\n", Files.readString(file));
        try (var files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aRefusedWriteFileLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = temp.resolve("m.csv");
        Files.writeString(file, "old");
        assertThrows(IllegalArgumentException.class, () -> new CsvExporter().writeFile(IMAGE, file));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWrittenFileGetsThePermissionsOfAnyNewFileNotOwnerOnlyOnes() throws IOException {
        Path plain = Files.writeString(temp.resolve("plain.txt"), "x");
        Path exported = temp.resolve("m.csv");

        new CsvExporter().writeFile(TABLE, exported);

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(exported));
    }

    @Test
    void numbersAreWholeWithoutAFraction() {
        assertEquals("1000", ResultExporters.number(1000.0));
        assertEquals("-3", ResultExporters.number(-3.0));
        assertEquals("0.25", ResultExporters.number(0.25));
        assertEquals("1.0E20", ResultExporters.number(1e20));
    }
}
