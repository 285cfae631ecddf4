package io.sluice.mappings.filter;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address block in CIDR notation ({@code 10.0.0.0/24}, {@code 2001:db8::/32}). Addresses are
 * parsed as literals only (never resolved as host names); an address of the other family is outside the block.
 * Immutable.
 */
record CidrBlock(boolean ipv6, BigInteger network, int prefixBits) {

    static CidrBlock parse(String text) throws InvalidFilterException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidFilterException("cidr \"" + text + "\" needs a prefix length (address/bits)");
        }
        String address = text.substring(0, slash);
        Optional<byte[]> bytes = IpLiterals.parse(address);
        int bits;
        try {
            bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bytes.isEmpty() || bits < 0 || bits > bytes.get().length * 8) {
            throw new InvalidFilterException("cidr \"" + text + "\" is not an IP address block");
        }
        int width = bytes.get().length * 8;
        BigInteger value = new BigInteger(1, bytes.get());
        return new CidrBlock(width == 128, value.shiftRight(width - bits), bits);
    }

    boolean contains(String address) {
        Optional<byte[]> bytes = IpLiterals.parse(address);
        if (bytes.isEmpty() || (bytes.get().length == 16) != ipv6) {
            return false;
        }
        int width = bytes.get().length * 8;
        return new BigInteger(1, bytes.get()).shiftRight(width - prefixBits).equals(network);
    }
}
