package io.sluice.agent.tail;

import java.io.IOException;
import java.nio.file.Path;

/** The checkpoint file cannot be used as it is; the message names the file and what is wrong with it. */
public final class CheckpointFileException extends IOException {

    public CheckpointFileException(Path file, String problem) {
        super("checkpoint file " + file + " " + problem);
    }
}
