package org.parallelworkbench.workers.checksums;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the files of a folder that a run digests, sorted by their path relative to the folder ('/'-separated),
 * so that the same folder always gives the same units in the same order. Regular files are listed, and symbolic
 * links to regular files; links are never followed into folders, so a link back up the tree makes no cycle.
 * Anything else (folders, links to folders, dangling links, pipes, devices) is left out: reading a pipe could
 * block forever. A subfolder that cannot be listed is not silently dropped but listed with its problem.
 */
final class FolderListing {

    /** A file to digest, or a folder that could not be listed ({@code problem} not empty). */
    record Entry(String relativePath, Path path, String problem) {
    }

    private FolderListing() {
    }

    /**
     * @param limit stop once more than this many entries are found; the answer then has {@code limit + 1}
     * @throws IOException if walking the folder fails in a way not tied to one entry
     */
    static List<Entry> list(Path folder, boolean recursive, int limit) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(folder, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        boolean listed = attributes.isRegularFile()
                                || attributes.isSymbolicLink() && Files.isRegularFile(file);
                        return listed ? add(file, "") : FileVisitResult.CONTINUE;
                    }

                    /** A folder that cannot be opened, or a file whose attributes cannot be read: the unit finds out why. */
                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        boolean folder = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
                        return add(file, folder ? "folder not listed, " + FileChecksum.reason(e) : "");
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                        return e == null ? FileVisitResult.CONTINUE
                                : add(directory, "folder listed only in part, " + FileChecksum.reason(e));
                    }

                    private FileVisitResult add(Path path, String problem) {
                        String name = relative(folder, path);
                        entries.add(new Entry(problem.isEmpty() || name.equals(".") ? name : name + "/", path, problem));
                        return entries.size() > limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }
                });
        entries.sort(Comparator.comparing(Entry::relativePath));
        return entries;
    }

    private static String relative(Path folder, Path file) {
        Path relative = folder.relativize(file);
        if (relative.toString().isEmpty()) {
            return ".";
        }
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}
