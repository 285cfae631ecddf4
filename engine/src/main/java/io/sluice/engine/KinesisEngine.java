package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.ShardThroughput;
import io.sluice.engine.limits.UsageExchange;
import io.sluice.engine.limits.UsageTally;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.storage.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The Data Streams engine's composition root: builds the control plane ({@link #streams()}, {@link #settings()},
 * {@link #shards()}, {@link #consumers()}, {@link #accounts()}), the data plane ({@link #records()}) and the
 * background {@link #maintenance()} tasks over one pair of {@link EngineStores}, and closes them. Inputs have
 * already been checked against the API model by the protocol layer; the planes check what depends on state and
 * answer with {@code ServiceException}s of the AWS types.
 *
 * <p>Stores: the local ones under a data directory ({@link EngineStores#local}), or any other implementation of
 * the store interfaces (the cluster backend). The metadata store also holds the token secret. On a cluster, a
 * {@link UsageExchange} shares the shards' throughput budgets among the nodes ({@link SharedBudgets}); on one
 * node there is none ({@link UsageExchange#NONE}) and the engine keeps no usage tallies.
 *
 * <p>Threading: every plane may be called from any number of threads at once. Control-plane changes serialise
 * on the stream registry's change lock and are atomic metadata changes ({@link MetaChanges}), so on stores shared
 * by several nodes they serialise with the other nodes' changes too; puts and reads run in parallel.
 */
public final class KinesisEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEngine.class);
    private static final String SECRET_KEY = "secret:tokens";

    private final EngineStores stores;
    private final StreamControl streams;
    private final StreamSettings settings;
    private final ShardControl shards;
    private final ConsumerControl consumers;
    private final AccountControl accounts;
    private final DataPlane records;
    private final Maintenance maintenance;
    private final FanOut fanOut;
    private final UsageExchange usage;
    private final StreamRegistry registry;

    /** An engine on the local stores of a data directory. */
    public KinesisEngine(Path dataDir, EngineConfig config, LogConfig logConfig, Clock clock) throws IOException {
        this(dataDir, config, logConfig, clock, StreamObserver.NONE);
    }

    /** An engine on the local stores of a data directory, reporting to an observer (metrics). */
    public KinesisEngine(Path dataDir, EngineConfig config, LogConfig logConfig, Clock clock,
                         StreamObserver observer) throws IOException {
        this(EngineStores.local(dataDir, logConfig, clock),
                LocalKms.open(dataDir, config.masterKeyFile(), config.kmsKeys()), config, clock, observer);
    }

    /** An engine on the given stores, alone with its budgets; it owns the stores and closes them. */
    public KinesisEngine(EngineStores stores, LocalKms kms, EngineConfig config, Clock clock,
                         StreamObserver observer) throws IOException {
        this(stores, kms, config, clock, observer, UsageExchange.NONE);
    }

    /**
     * An engine on the given stores that shares its shards' throughput budgets with the other nodes through
     * {@code usage}; it owns the stores and the exchange and closes them (also when it fails to start).
     */
    public KinesisEngine(EngineStores stores, LocalKms kms, EngineConfig config, Clock clock,
                         StreamObserver observer, UsageExchange usage) throws IOException {
        this(stores, kms, config, clock, observer, usage, TokenSigner::new);
    }

    /** As above, signing tokens with what {@code signers} makes of the stored secret (tests count checks). */
    KinesisEngine(EngineStores stores, LocalKms kms, EngineConfig config, Clock clock, StreamObserver observer,
                  Function<byte[], TokenSigner> signers) throws IOException {
        this(stores, kms, config, clock, observer, UsageExchange.NONE, signers);
    }

    private KinesisEngine(EngineStores stores, LocalKms kms, EngineConfig config, Clock clock,
                          StreamObserver observer, UsageExchange usage, Function<byte[], TokenSigner> signers)
            throws IOException {
        this.stores = stores;
        this.usage = usage;
        boolean tally = usage.shared();
        MetaStore metadata = stores.metadata();
        MetaChanges metaChanges = new MetaChanges(metadata);
        StreamEncryption encryption = new StreamEncryption(kms, metadata, metaChanges);
        StreamRegistry registry;
        TokenSigner signer;
        try {
            registry = new StreamRegistry(metadata, stores.logs(),
                    (stream, shard, log) -> shardRuntime(stream, shard, log, config, clock, tally), encryption,
                    metaChanges, clock);
            signer = signers.apply(secret(metadata, metaChanges));
        } catch (IOException | RuntimeException e) {
            usage.close();
            stores.logs().close();
            metadata.close();
            throw e;
        }
        this.registry = registry;
        ConsumerRegistry consumerRegistry = new ConsumerRegistry(metadata, metaChanges);
        AccountStore accountStore = new AccountStore(metadata, metaChanges, clock);
        PageTokens pageTokens = new PageTokens(signer, config.nextTokenTtlMillis());
        Quotas quotas = new Quotas(registry, config.shardLimit());
        Resharding resharding = new Resharding(registry, quotas, config, clock);
        RecordReader reader = new RecordReader(signer, clock, config.iteratorTtlMillis(), encryption, observer);

        this.streams = new StreamControl(registry, consumerRegistry, quotas, pageTokens, config, clock);
        this.settings = new StreamSettings(registry, encryption, quotas, config, clock);
        this.shards = new ShardControl(registry, resharding, pageTokens, clock);
        this.consumers = new ConsumerControl(registry, consumerRegistry, pageTokens, config, clock);
        this.accounts = new AccountControl(registry, consumers, accountStore, quotas);
        this.fanOut = new FanOut(registry, consumers, reader, config, clock);
        boolean shared = stores.logs().shared();
        this.records = new DataPlane(registry, new RecordWriter(stores.logs(), encryption, observer,
                shared ? new LandingCheck(metadata, registry) : null), reader, fanOut, shared);
        this.maintenance = new Maintenance(
                new DeletionTask(registry, consumerRegistry, accountStore, encryption, fanOut,
                        config.deleteDelayMillis(), clock),
                new ScalingTask(registry, resharding, clock),
                new RetentionTask(registry, config.retentionCheckMillis(), clock));
        SharedBudgets budgets = new SharedBudgets(registry);
        usage.start(budgets::drain, budgets::apply);
        LOG.info("opened {} stream(s)", registry.size());
    }

    private static ShardRuntime shardRuntime(StreamMeta stream, ShardMeta shard, ShardLogHandle log,
                                             EngineConfig config, Clock clock, boolean tally) {
        return new ShardRuntime(log, new ShardThroughput(clock, config.limits(), shard.id().toString(),
                stream.key().name(), stream.key().account()), new IngestMeter(clock), new ShardSignal(),
                tally ? new UsageTally() : null);
    }

    /** The token secret, made by the first node to start; an atomic change, so nodes starting together agree. */
    private static byte[] secret(MetaStore metadata, MetaChanges changes) {
        return changes.run(new ReentrantLock(), () -> Io.get(() -> {
            byte[] secret = metadata.get(SECRET_KEY);
            if (secret == null) {
                secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                metadata.put(SECRET_KEY, secret);
            }
            return secret;
        }));
    }

    /** CreateStream, DeleteStream, DescribeStream, ListStreams, retention. */
    public StreamControl streams() {
        return streams;
    }

    /** Tags, encryption, enhanced monitoring, capacity mode, record size, warm throughput. */
    public StreamSettings settings() {
        return settings;
    }

    /** ListShards and resharding. */
    public ShardControl shards() {
        return shards;
    }

    /** Enhanced fan-out consumers. */
    public ConsumerControl consumers() {
        return consumers;
    }

    /** Limits, account settings, resource policies. */
    public AccountControl accounts() {
        return accounts;
    }

    /** Puts, iterators, reads, subscriptions. */
    public DataPlane records() {
        return records;
    }

    /** The background tasks to start on a task runner. */
    public Maintenance maintenance() {
        return maintenance;
    }

    /**
     * DescribeStream in one call; kept on the root for {@code FirehoseEngine}, which checks its source stream
     * exists ({@code streams().describe} is the same).
     */
    public StreamView describe(StreamKey key) {
        return streams.describe(key);
    }

    /** Stops exchanging usage, ends subscriptions, then closes the stores. Stop the maintenance tasks first. */
    @Override
    public void close() {
        registry.close();
        usage.close();
        fanOut.closeAll();
        stores.logs().close();
        stores.metadata().close();
    }
}
