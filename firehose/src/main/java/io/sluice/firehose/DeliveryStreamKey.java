package io.sluice.firehose;

/** A delivery stream's identity: namespaced by account and region, as in AWS. */
public record DeliveryStreamKey(String account, String region, String name) {

    public String arn() {
        return "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name;
    }

    /** How error messages name it, as AWS does: "Firehose orders under account 000000000000". */
    public String describe() {
        return "Firehose " + name + " under account " + account;
    }
}
