package io.sluice.e2e.agent;

import io.sluice.agent.run.AgentLauncher;

import java.nio.file.Path;

/**
 * The agent in a process of its own, as {@code sluice agent} runs it, for tests that kill it with SIGKILL: starts the
 * agent of the agent.json given as the only argument and runs until killed.
 */
public final class ChildAgent {

    private ChildAgent() {
    }

    public static void main(String[] args) throws Exception {
        AgentLauncher.launch(Path.of(args[0]));
        System.out.println("agent started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
