package io.sluice.agent.parse;

/**
 * SINGLELINE, as AWS's agent does it: the record's lines, each stripped of leading and trailing white space, joined
 * with nothing between them. Immutable; thread-safe.
 */
final class SingleLineStep implements ProcessingStep {

    @Override
    public String apply(String record) {
        if (record.indexOf('\n') < 0) {
            return record.trim();
        }
        StringBuilder joined = new StringBuilder(record.length());
        for (String line : record.split("\n")) {
            joined.append(line.trim());
        }
        return joined.toString();
    }
}
