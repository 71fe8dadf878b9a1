package org.parallelworkbench.engine.settings.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sets keys in a File Install {@code .cfg} file the user may also edit by hand: the line of each key
 * (or its commented-out line, as the shipped file has them) is replaced, other lines and comments stay,
 * missing keys are appended. Values are written untyped, which File Install reads back as strings.
 */
final class CfgFile {

    /** File Install's default {@code felix.fileinstall.configEncoding}. */
    static final Charset ENCODING = StandardCharsets.ISO_8859_1;
    /** Ends in neither .cfg nor .config, so File Install never reads a half-written file. */
    private static final String TEMP_SUFFIX = ".saving";

    private CfgFile() {
    }

    /** Sets the keys to the values, creating the file if there is none; the file is replaced atomically. */
    static void set(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, ENCODING)) : new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Pattern active = Pattern.compile("\\s*" + Pattern.quote(entry.getKey()) + "\\s*[=:].*");
            Pattern commented = Pattern.compile("\\s*[#!]\\s*" + Pattern.quote(entry.getKey()) + "\\s*[=:].*");
            int index = indexOf(lines, active);
            if (index < 0) {
                index = indexOf(lines, commented);
            }
            if (index >= 0) {
                lines.set(index, line(entry.getKey(), entry.getValue()));
                missing.remove(entry.getKey());
            }
        }
        missing.forEach((key, value) -> lines.add(line(key, value)));
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        Files.write(temp, lines, ENCODING);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int indexOf(List<String> lines, Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String line(String key, String value) {
        return key + " = " + escape(value);
    }

    /** Properties escapes, so that backslashes and characters outside Latin-1 survive File Install's reading. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
