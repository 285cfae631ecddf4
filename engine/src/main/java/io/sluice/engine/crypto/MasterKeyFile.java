package io.sluice.engine.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and creates the master key file, the root of the local keystore.
 *
 * <p>On-disk format: the file holds a 256-bit key either as exactly 32 raw bytes, or as the standard base64
 * text of those 32 bytes (padding optional, surrounding whitespace such as a trailing newline ignored). A
 * file of exactly 32 bytes is always read as raw: the base64 text of 32 bytes is 43 or 44 characters, so the
 * two forms cannot be confused. A file Sluice creates is in the base64 form followed by a newline, so that it
 * can be copied into a secret store as text; it is created with permissions {@code rw-------} inside a
 * {@code rwx------} directory, where the file system has POSIX permissions.
 *
 * <p>Threading: stateless, but creating is not safe against another process creating the same file at once;
 * the data directory belongs to one server process.
 */
final class MasterKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFile.class);

    /** Far more than a base64 key with line endings; bounds what a misconfigured path makes us read. */
    private static final long MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> EXPOSED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private MasterKeyFile() {
    }

    /** The key in an operator-supplied file, which must exist and be in the documented format. */
    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Master key file " + file + " does not exist or is not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(invalid(file, "is " + size + " bytes long"));
        }
        warnIfExposed(file);
        return parse(file, Files.readAllBytes(file));
    }

    /** The key in the file, created with a fresh random key if missing. */
    static byte[] readOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        byte[] key = new byte[Hkdf.KEY_BYTES];
        random.nextBytes(key);
        create(file, key);
        LOG.info("Created master key {}; back it up: records encrypted at rest cannot be read without it", file);
        return key;
    }

    private static byte[] parse(Path file, byte[] content) {
        if (content.length == Hkdf.KEY_BYTES) {
            return content;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(new String(content, StandardCharsets.ISO_8859_1).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid(file, "is " + content.length + " bytes that are not base64"), e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        if (key.length != Hkdf.KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException(invalid(file, "is base64 of " + key.length + " bytes"));
        }
        return key;
    }

    private static String invalid(Path file, String actual) {
        return "Master key file " + file + " must hold a 256-bit key as 32 raw bytes or as the base64 text of 32 bytes,"
                + " but it " + actual;
    }

    /**
     * Writes the key to a temporary file, flushes it and renames it into place, so that a crash leaves either no
     * master key (and a new one is made at next start, before any record was encrypted) or a complete one.
     */
    private static void create(Path file, byte[] key) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            LOG.warn("File system of {} has no POSIX permissions: restrict access to the master key yourself", file);
        }
        // Only the keystore directory itself is made owner-only: its parents (the data directory) are not ours.
        Files.createDirectories(directory.getParent());
        if (!Files.isDirectory(directory)) {
            Files.createDirectory(directory, ownerOnly(posix, "rwx------"));
        }
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        // A leftover from a crash before the rename: never the key in use, which exists only after the rename.
        Files.deleteIfExists(temporary);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (FileChannel channel = FileChannel.open(temporary,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(posix, "rw-------"))) {
            channel.write(ByteBuffer.wrap(text));
            channel.force(true);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(directory);
    }

    private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    /** Makes the rename durable; some platforms cannot open a directory, and there it is left to the OS. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not sync directory {}", directory, e);
        }
    }

    private static void warnIfExposed(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(EXPOSED::contains)) {
            LOG.warn("Master key file {} is accessible to others than its owner ({}); it should be rw-------",
                    file, PosixFilePermissions.toString(permissions));
        }
    }
}
