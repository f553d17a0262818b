package dev.copilotgateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Small files holding generated secrets, readable by the gateway's OS user only. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} to {@code file} unless it exists; returns whether it did. The content is written
     * beside the target and hard-linked into place, which fails if the target exists: two nodes sharing the
     * folder never overwrite each other's key nor see half of one.
     */
    static boolean createIfAbsent(Path file, Supplier<String> content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, content.get() + "\n", StandardCharsets.UTF_8);
            try {
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temporary, file);
            }
            return true;
        } catch (FileAlreadyExistsException lostRace) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
