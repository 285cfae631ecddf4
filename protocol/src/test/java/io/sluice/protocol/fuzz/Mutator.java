package io.sluice.protocol.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Turns valid inputs into hostile ones the way a byte-level fuzzer does: a few edits, each flipping a bit,
 * overwriting, inserting or deleting bytes, truncating, duplicating a slice (which repeats nesting), or splicing in
 * a token that is known to be troublesome for the format (huge numbers, length prefixes that lie, lone
 * brackets). Edits are described by positions relative to the current length, so jqwik can shrink them.
 */
final class Mutator {

    private enum Kind { FLIP_BIT, SET_BYTE, INSERT_BYTE, DELETE, TRUNCATE, DUPLICATE, SPLICE_TOKEN }

    /** One edit; {@code at} and {@code span} are fractions of the input's length at the time of the edit. */
    record Edit(Kind kind, double at, double span, byte value, int token) {
    }

    private Mutator() {
    }

    /** Inputs made from a seed by one to {@code maxEdits} edits. */
    static Arbitrary<byte[]> mutants(List<byte[]> seeds, List<byte[]> tokens, int maxEdits) {
        Arbitrary<byte[]> seed = Arbitraries.of(seeds);
        Arbitrary<List<Edit>> edits = edit(tokens.size()).list().ofMinSize(1).ofMaxSize(maxEdits);
        return Combinators.combine(seed, edits).as((s, e) -> apply(s, e, tokens));
    }

    private static Arbitrary<Edit> edit(int tokenCount) {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 0.5),
                Arbitraries.bytes(),
                Arbitraries.integers().between(0, tokenCount - 1)).as(Edit::new);
    }

    static byte[] apply(byte[] seed, List<Edit> edits, List<byte[]> tokens) {
        byte[] data = seed.clone();
        for (Edit edit : edits) {
            data = apply(data, edit, tokens);
        }
        return data;
    }

    private static byte[] apply(byte[] in, Edit edit, List<byte[]> tokens) {
        int at = (int) (edit.at() * in.length);
        int span = Math.max(1, (int) (edit.span() * in.length));
        return switch (edit.kind()) {
            case FLIP_BIT -> at < in.length ? set(in, at, (byte) (in[at] ^ (1 << (edit.value() & 7)))) : in;
            case SET_BYTE -> at < in.length ? set(in, at, edit.value()) : in;
            case INSERT_BYTE -> splice(in, at, 0, new byte[] {edit.value()});
            case DELETE -> splice(in, at, Math.min(span, in.length - at), new byte[0]);
            case TRUNCATE -> Arrays.copyOf(in, at);
            case DUPLICATE -> splice(in, at, 0, Arrays.copyOfRange(in, at, Math.min(in.length, at + span)));
            case SPLICE_TOKEN -> splice(in, at, 0, tokens.get(edit.token()));
        };
    }

    private static byte[] set(byte[] in, int at, byte value) {
        byte[] out = in.clone();
        out[at] = value;
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, at);
        out.writeBytes(insert);
        out.write(in, at + remove, in.length - at - remove);
        return out.toByteArray();
    }
}
