package io.sluice.analytics.runtime.window;

/**
 * A growable ring buffer with indexed access: a sliding window's rows, oldest first.
 *
 * <p><b>Threading</b>: single-threaded, owned by one window partition.
 */
final class RowRing<E> {

    private Object[] items = new Object[8];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void addLast(E item) {
        if (size == items.length) {
            Object[] grown = new Object[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) & (items.length - 1)];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = item;
        size++;
    }

    @SuppressWarnings("unchecked")
    E get(int index) {
        return (E) items[(head + index) & (items.length - 1)];
    }

    @SuppressWarnings("unchecked")
    E pollFirst() {
        if (size == 0) {
            return null;
        }
        E item = (E) items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return item;
    }

    E peekFirst() {
        return size == 0 ? null : get(0);
    }
}
