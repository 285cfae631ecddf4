package io.sluice.protocol.fuzz;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a body the way the API layer does: parse it, then read every member the fuzz bodies use with every
 * getter, descending into nested structures and lists of structures. The only failure the contract allows is a
 * ServiceException of type SerializationException or ValidationException; anything else propagates and fails the
 * property.
 */
final class Reader {

    private static final Set<ErrorType> ALLOWED = Set.of(ErrorType.SERIALIZATION, ErrorType.VALIDATION);
    private static final int MAX_DEPTH = 2;

    /** A getter of WireObject, by name. */
    private record Getter(String name, BiFunction<WireObject, String, Object> read) {
    }

    private static final List<Getter> GETTERS = List.of(
            new Getter("string", WireObject::string), new Getter("integer", WireObject::integer),
            new Getter("bool", WireObject::bool), new Getter("blob", WireObject::blob),
            new Getter("timestampMillis", WireObject::timestampMillis), new Getter("object", WireObject::object),
            new Getter("objects", WireObject::objects), new Getter("strings", WireObject::strings),
            new Getter("stringMap", WireObject::stringMap), new Getter("has", WireObject::has));

    private Reader() {
    }

    static void readAll(WireFormat format, byte[] body) {
        WireObject object;
        try {
            object = WireObject.parse(format, body);
        } catch (ServiceException e) {
            requireAllowed(e);
            return;
        }
        readMembers(object, 0);
    }

    private static void readMembers(WireObject object, int depth) {
        for (String member : KinesisBodies.MEMBERS) {
            for (Getter getter : GETTERS) {
                Object value;
                try {
                    value = getter.read().apply(object, member);
                } catch (ServiceException e) {
                    requireAllowed(e);
                    continue;
                }
                descend(value, depth);
            }
        }
    }

    private static void descend(Object value, int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (value instanceof WireObject nested) {
            readMembers(nested, depth + 1);
        } else if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof WireObject nested) {
                    readMembers(nested, depth + 1);
                }
            }
        }
    }

    private static void requireAllowed(ServiceException e) {
        if (!ALLOWED.contains(e.type())) {
            throw new AssertionError("unexpected error type " + e.type() + ": " + e.getMessage(), e);
        }
    }
}
