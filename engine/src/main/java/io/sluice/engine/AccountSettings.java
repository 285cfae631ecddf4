package io.sluice.engine;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An account's MinimumThroughputBillingCommitment, as Describe/UpdateAccountSettings show it. Times are epoch
 * millis, -1 when unset. Binary form: u8 version=1 | utf status | i64 startedAt | i64 endedAt | i64 earliestEnd.
 * Version 1 is the only one shipped; any other is refused with {@link UnsupportedFormatVersionException}.
 */
public record AccountSettings(String status, long startedAt, long endedAt, long earliestAllowedEndAt) {

    /** AWS holds a commitment for at least a day once it is switched on. */
    static final long MINIMUM_COMMITMENT_MILLIS = 24 * 3_600_000L;

    static AccountSettings none() {
        return new AccountSettings("DISABLED", -1, -1, -1);
    }

    /** The settings after a request to switch the commitment on or off at {@code now}. */
    AccountSettings request(boolean enable, long now) {
        if (enable) {
            return status.equals("DISABLED") ? new AccountSettings("ENABLED", now, -1, now + MINIMUM_COMMITMENT_MILLIS)
                    : new AccountSettings("ENABLED", startedAt, -1, earliestAllowedEndAt);
        }
        if (status.equals("DISABLED")) {
            return this;
        }
        return now < earliestAllowedEndAt
                ? new AccountSettings("ENABLED_UNTIL_EARLIEST_ALLOWED_END", startedAt, earliestAllowedEndAt,
                earliestAllowedEndAt)
                : new AccountSettings("DISABLED", startedAt, now, earliestAllowedEndAt);
    }

    /** The settings as they stand at {@code now}: a commitment set to end does end at its earliest allowed end. */
    AccountSettings at(long now) {
        return status.equals("ENABLED_UNTIL_EARLIEST_ALLOWED_END") && now >= endedAt
                ? new AccountSettings("DISABLED", startedAt, endedAt, earliestAllowedEndAt) : this;
    }

    private static final int VERSION = 1;

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(status);
            out.writeLong(startedAt);
            out.writeLong(endedAt);
            out.writeLong(earliestAllowedEndAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes an entry read from {@code storeKey}, which error messages name. */
    static AccountSettings decode(String storeKey, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new UnsupportedFormatVersionException("account settings", storeKey, version, VERSION);
            }
            return new AccountSettings(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new IllegalStateException("account settings " + storeKey + " are damaged: " + e, e);
        }
    }
}
