package io.sluice.e2e.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Appends numbered lines at a random pace and rotates the log by renaming it now and then. */
final class LogWriter implements Runnable {

    final List<String> written = new CopyOnWriteArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();
    private final Path logs;
    private final Random random;

    LogWriter(Path logs, Random random) {
        this.logs = logs;
        this.random = random;
    }

    @Override
    public void run() {
        Path log = logs.resolve("app.log");
        int rotations = 0;
        try {
            while (!stop.get()) {
                List<String> lines = new ArrayList<>();
                for (int i = random.nextInt(50); i >= 0; i--) {
                    lines.add("line " + (written.size() + lines.size()) + " " + "x".repeat(random.nextInt(150)));
                }
                Files.write(log, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                written.addAll(lines);
                if (random.nextInt(40) == 0) {
                    Files.move(log, logs.resolve("app.log." + ++rotations));
                }
                Thread.sleep(random.nextInt(20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
