package io.sluice.agent.testing;

import io.sluice.agent.send.RecordSender;
import io.sluice.agent.send.SendException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A destination whose answers the test scripts, request by request: each scripted answer is either a list of
 * refused indexes with their error code or a whole-request exception; unscripted requests succeed. Records what
 * every request carried and what was accepted.
 */
public final class FakeSender implements RecordSender {

    /** One scripted answer. */
    public sealed interface Answer {
    }

    public record Refuse(String errorCode, int... indexes) implements Answer {
    }

    public record Fail(SendException exception) implements Answer {
    }

    public final List<List<String>> requests = new CopyOnWriteArrayList<>();
    public final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Answer> script = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final long maxBytes;

    public FakeSender() {
        this(5L << 20);
    }

    public FakeSender(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public FakeSender then(Answer answer) {
        lock.lock();
        try {
            script.add(answer);
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public List<RecordFailure> send(List<byte[]> records) throws SendException {
        List<String> strings = new ArrayList<>();
        for (byte[] record : records) {
            strings.add(new String(record, StandardCharsets.UTF_8));
        }
        requests.add(strings);
        Answer answer;
        lock.lock();
        try {
            answer = script.poll();
        } finally {
            lock.unlock();
        }
        if (answer instanceof Fail fail) {
            throw fail.exception();
        }
        List<RecordFailure> failures = new ArrayList<>();
        boolean[] refused = new boolean[records.size()];
        if (answer instanceof Refuse refuse) {
            for (int index : refuse.indexes()) {
                refused[index] = true;
                failures.add(new RecordFailure(index, refuse.errorCode(), "scripted"));
            }
        }
        for (int i = 0; i < strings.size(); i++) {
            if (!refused[i]) {
                accepted.add(strings.get(i));
            }
        }
        return failures;
    }

    @Override
    public long maxBytesPerRequest() {
        return maxBytes;
    }
}
