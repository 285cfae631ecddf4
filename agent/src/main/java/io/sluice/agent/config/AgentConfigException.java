package io.sluice.agent.config;

import java.util.List;

/**
 * agent.json cannot be used as it is: every problem found, each naming its key (with the flow's index) and the value
 * given. The agent refuses to start with it. Immutable.
 */
public final class AgentConfigException extends Exception {

    private final List<String> problems;

    public AgentConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each, in the order the file gives the keys. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "agent.json: " + problems.get(0);
        }
        return "agent.json has " + problems.size() + " problems: " + String.join("; ", problems);
    }
}
