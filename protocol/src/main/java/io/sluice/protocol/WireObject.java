package io.sluice.protocol;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structure of a request body, read with the types of the API model. A member of the wrong type is a
 * {@code SerializationException}, as AWS answers; an absent (or null) member reads as null. A repeated member
 * name reads as its last value.
 *
 * <p>The members are kept as {@link WireObjectReader} read them: one array of alternating names and values, found
 * by a linear search (structures of the API have few members). Immutable after {@link #parse}, so it may be read
 * from any thread; a blob is handed out as read, not copied, so callers must not change its bytes.
 */
public final class WireObject {

    private final WireFormat format;
    private final Object[] members;

    WireObject(WireFormat format, Object[] members) {
        this.format = format;
        this.members = members;
    }

    /** Parses a whole request body, which must be one structure. */
    public static WireObject parse(WireFormat format, byte[] body) {
        return WireObjectReader.read(format, body);
    }

    public boolean has(String name) {
        return member(name) != null;
    }

    public String string(String name) {
        Object value = member(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string");
    }

    public Integer integer(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!WireNumbers.isIntegral(value) || !WireNumbers.fitsInt((Number) value)) {
            throw wrongType(name, "an integer");
        }
        return ((Number) value).intValue();
    }

    /** A double (the model's Proportion and similar members): a finite number. */
    public Double real(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw wrongType(name, "a number");
        }
        return number.doubleValue();
    }

    public Boolean bool(String name) {
        Object value = member(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(name, "a boolean");
    }

    /** A blob: a CBOR byte string, or a base64 string (JSON, and CBOR clients that send text). */
    public byte[] blob(String name) {
        Object value = member(name);
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "a blob");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw serialization("Member " + name + " is not valid base64.");
        }
    }

    /**
     * A timestamp in epoch milliseconds: CBOR sends integer milliseconds, JSON epoch seconds with a fraction.
     * Numbers that are not finite or do not fit are a SerializationException, never a wrapped value.
     */
    public Long timestampMillis(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)
                || (WireNumbers.isBinaryFloat(number) && !Double.isFinite(number.doubleValue()))) {
            throw wrongType(name, "a timestamp");
        }
        if (format == WireFormat.CBOR) {
            if (WireNumbers.isIntegral(number)) {
                if (!WireNumbers.fitsLong(number)) {
                    throw wrongType(name, "a timestamp");
                }
                return number.longValue();
            }
            return millis(name, WireNumbers.decimal(number).setScale(0, RoundingMode.HALF_UP));
        }
        return millis(name, WireNumbers.decimal(number).movePointRight(3).setScale(0, RoundingMode.HALF_UP));
    }

    private static long millis(String name, BigDecimal whole) {
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(name, "a timestamp");
        }
    }

    public WireObject object(String name) {
        Object value = member(name);
        if (value == null || value instanceof WireObject) {
            return (WireObject) value;
        }
        throw wrongType(name, "a structure");
    }

    public List<WireObject> objects(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Object[] list)) {
            throw wrongType(name, "a list");
        }
        List<WireObject> items = new ArrayList<>(list.length);
        for (Object item : list) {
            if (!(item instanceof WireObject object)) {
                throw wrongType(name, "a list of structures");
            }
            items.add(object);
        }
        return items;
    }

    public List<String> strings(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Object[] list)) {
            throw wrongType(name, "a list");
        }
        List<String> items = new ArrayList<>(list.length);
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw wrongType(name, "a list of strings");
            }
            items.add(text);
        }
        return items;
    }

    public Map<String, String> stringMap(String name) {
        Object value = member(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof WireObject object)) {
            throw wrongType(name, "a map");
        }
        Object[] entries = object.members;
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            if (!(entries[i + 1] instanceof String text)) {
                throw wrongType(name, "a map of strings");
            }
            map.put((String) entries[i], text);
        }
        return map;
    }

    /** The member's value, or null if it is absent or null. */
    private Object member(String name) {
        Object[] entries = members;
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i].equals(name)) {
                return entries[i + 1];
            }
        }
        return null;
    }

    private static ServiceException wrongType(String name, String expected) {
        return serialization("Member " + name + " must be " + expected + ".");
    }

    static ServiceException serialization(String message) {
        return new ServiceException(ErrorType.SERIALIZATION, message);
    }
}
