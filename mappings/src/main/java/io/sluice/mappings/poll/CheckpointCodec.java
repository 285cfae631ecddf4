package io.sluice.mappings.poll;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link Checkpoint} in the metadata store:
 * <pre>
 * u8 version=1 | u8 kind (0 FROM_START, 1 FROM_TIMESTAMP, 2 AFTER_SEQUENCE, 3 SHARD_END)
 * | utf sequenceNumber ("" unless AFTER_SEQUENCE) | i64 fromMillis
 * | i32 windowCount x (i32 slice | i64 windowStart | i32 stateLength | stateLength bytes of JSON)
 * </pre>
 * Version 1 is the only one written; any other is refused with {@link UnsupportedFormatVersionException}, as is a
 * kind this version does not define. Recovery rule: a checkpoint is written whole by one metadata put after the
 * records it covers are done, so the last one stored is always one the poller reached; a damaged one stops the
 * mapping's poller (it is not guessed at), and deleting the key makes the shard start again from the mapping's
 * starting position.
 *
 * <p><b>Threading</b>: stateless.
 */
final class CheckpointCodec {

    static final int VERSION = 1;
    private static final Checkpoint.Kind[] KINDS = Checkpoint.Kind.values();

    private CheckpointCodec() {
    }

    static byte[] encode(Checkpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(checkpoint.kind().ordinal());
            out.writeUTF(checkpoint.sequenceNumber() == null ? "" : checkpoint.sequenceNumber());
            out.writeLong(checkpoint.fromMillis());
            out.writeInt(checkpoint.windows().size());
            for (Checkpoint.WindowState window : checkpoint.windows()) {
                out.writeInt(window.slice());
                out.writeLong(window.windowStart());
                out.writeInt(window.state().length);
                out.write(window.state());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param where the metadata key, for the error message
     * @throws UnsupportedFormatVersionException another version or an unknown kind
     * @throws IllegalStateException             the bytes are cut short or run on
     */
    static Checkpoint decode(byte[] bytes, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new UnsupportedFormatVersionException("mapping checkpoint", where, version, VERSION);
            }
            int kind = in.readUnsignedByte();
            if (kind >= KINDS.length) {
                throw new UnsupportedFormatVersionException("mapping checkpoint kind " + kind, where, version,
                        VERSION);
            }
            String sequence = in.readUTF();
            long fromMillis = in.readLong();
            int count = in.readInt();
            List<Checkpoint.WindowState> windows = new ArrayList<>(Math.min(count, 16));
            for (int i = 0; i < count; i++) {
                int slice = in.readInt();
                long start = in.readLong();
                byte[] state = new byte[in.readInt()];
                in.readFully(state);
                windows.add(new Checkpoint.WindowState(slice, start, state));
            }
            if (in.available() != 0) {
                throw new IllegalStateException("mapping checkpoint " + where + " has trailing bytes");
            }
            Checkpoint.Kind k = KINDS[kind];
            return new Checkpoint(k, k == Checkpoint.Kind.AFTER_SEQUENCE ? sequence : null, fromMillis, windows);
        } catch (IOException e) {
            throw new IllegalStateException("mapping checkpoint " + where + " is cut short", e);
        }
    }
}
