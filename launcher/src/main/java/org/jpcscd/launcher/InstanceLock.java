package org.jpcscd.launcher;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * One daemon per socket: the pid file beside the socket ({@code pcscd.comm} → {@code pcscd.pid}, as
 * pcscd's /run/pcscd/pcscd.pid) is locked with {@code FileChannel.tryLock} for the daemon's whole life.
 * The kernel drops the lock when the process dies however it dies, so a socket left by a killed
 * daemon is taken over by the next one, and a live daemon is never mistaken for a dead one.
 * A daemon that holds the lock but no longer answers is leaving: the new one waits for it.
 */
final class InstanceLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    /** How long a new daemon waits for one that stopped answering to release the lock. */
    private static final Duration LEAVING_WAIT = Duration.ofSeconds(30);
    private static final Duration LEAVING_POLL = Duration.ofMillis(20);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The pid file that goes with {@code socket}. */
    static Path pidFileFor(Path socket) {
        String name = socket.getFileName().toString();
        String base = name.endsWith(".comm") ? name.substring(0, name.length() - ".comm".length()) : name;
        return socket.resolveSibling(base + ".pid");
    }

    /**
     * Locks the pid file and writes this process's pid into it.
     *
     * @throws LaunchException when another live daemon holds it (its pid is in the message)
     */
    static InstanceLock acquire(Path socket) {
        Path file = pidFileFor(socket.toAbsolutePath());
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                InstanceLock held = tryOnce(file, socket);
                if (held != null) {
                    return held;
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        throw new LaunchException("cannot lock " + file + ": it keeps being replaced");
    }

    /** Null when the file was replaced under us (a daemon exiting removed it): try again. */
    private static InstanceLock tryOnce(Path file, Path socket) throws IOException {
        // Read before opening: if the path still names the same file once locked, the lock is the live one.
        Object keyBefore = fileKey(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        boolean keep = false;
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                lock = awaitLeaving(channel, file, socket);
            }
            // The previous holder deletes the file as it exits; a lock on a deleted file locks nobody out.
            if (keyBefore == null || !keyBefore.equals(fileKey(file))) {
                lock.release();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            keep = true;
            return new InstanceLock(file, channel, lock);
        } finally {
            if (!keep) {
                channel.close();
            }
        }
    }

    /**
     * The lock is held. A daemon that answers on the socket is alive and serving: refuse at once. One
     * that does not answer is on its way out (its idle exit removed the socket first) or about to
     * answer again (a client got in at the last moment): wait for whichever comes, so a client's
     * auto-start at that moment gets a daemon instead of a refusal.
     */
    private static FileLock awaitLeaving(FileChannel channel, Path file, Path socket) throws IOException {
        long end = System.nanoTime() + LEAVING_WAIT.toNanos();
        boolean told = false;
        while (true) {
            if (answers(socket) || System.nanoTime() > end) {
                throw new LaunchException("another jpcscd (pid " + pidIn(channel) + ") is already serving "
                        + socket + " (lock file " + file + ")");
            }
            if (!told) {
                LoggerFactory.getLogger(InstanceLock.class).info(
                        "waiting for the jpcscd that is leaving {} (pid {})", socket, pidIn(channel));
                told = true;
            }
            // Another process holds the lock: the JDK has no way to wait for it with a deadline.
            LockSupport.parkNanos(LEAVING_POLL.toNanos());
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String pidIn(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    Path file() {
        return file;
    }

    /** Removes the pid file, then lets go of the lock (removing first, so nobody locks a file on its way out). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The lock still goes with the channel below.
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing a file this process owns; the kernel frees the lock at exit in any case.
        }
    }

    @Override
    public String toString() {
        return Objects.toString(file);
    }
}
