package org.parallelworkbench.workers.checksums;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;

/**
 * One row of the result: a file's path relative to the folder, the bytes read and their digest in lower-case
 * hex, or, for a file that could not be read, an empty size and {@code "unreadable: <reason>"} in place of
 * the digest. Travels as a unit result's text ({@link #encode()}), so that units stay plain data.
 */
record FileChecksum(String file, String size, String digest) {

    static final String UNREADABLE_PREFIX = "unreadable: ";
    private static final char SEPARATOR = '\t';

    FileChecksum {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(size, "size");
        // Tabs and line breaks would break the encoding and a table cell alike; a path may keep them.
        digest = Objects.requireNonNull(digest, "digest").replaceAll("[\\t\\r\\n]+", " ");
        if (size.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("A size holds no tab: '" + size + "'");
        }
    }

    static FileChecksum read(String file, long size, String hexDigest) {
        return new FileChecksum(file, Long.toString(size), hexDigest);
    }

    static FileChecksum unreadable(String file, String reason) {
        return new FileChecksum(file, "", UNREADABLE_PREFIX + reason);
    }

    /** Why a file could not be read, in words: the JDK's messages of these exceptions are only the path. */
    static String reason(IOException e) {
        return switch (e) {
        case NoSuchFileException missing -> "no longer exists";
        case AccessDeniedException denied -> "permission denied";
        case FileSystemException other when other.getReason() != null -> other.getReason();
        default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    List<String> cells() {
        return List.of(file, size, digest);
    }

    /** Size, digest and path, tab-separated; the path goes last so that it may hold any character. */
    String encode() {
        return size + SEPARATOR + digest + SEPARATOR + file;
    }

    /** @throws IllegalArgumentException if {@code text} was not made by {@link #encode()} */
    static FileChecksum decode(String text) {
        String[] fields = text.split(String.valueOf(SEPARATOR), 3);
        if (fields.length != 3) {
            throw new IllegalArgumentException("Not a file checksum: '" + text + "'");
        }
        return new FileChecksum(fields[2], fields[0], fields[1]);
    }
}
