package io.sluice.analytics.app;

import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The applications, kept in memory and in a {@link MetadataStore} under
 * {@code application/<account>/<region>/<name>}, each in the versioned JSON form of {@link ApplicationMetaCodec}
 * (as Firehose keeps its delivery streams). The store's own recovery applies: a torn last journal record is cut
 * (the change it carried was never acknowledged), a corrupt earlier one stops the start; an entry this code
 * cannot decode stops the start naming its key, never silently dropping an application.
 *
 * <p>Threading: reads from any thread, without locks; changes of one application must not run concurrently
 * (the registry makes them under its lock), so that the store and the map agree. A change is durable when its
 * method returns.
 */
final class ApplicationStore {

    static final String PREFIX = "application/";

    private final ApplicationMetaCodec codec = new ApplicationMetaCodec();
    private final MetadataStore store;
    private final ConcurrentSkipListMap<String, Application> applications = new ConcurrentSkipListMap<>();

    ApplicationStore(MetadataStore store) {
        this.store = store;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                applications.put(entry.getKey(), codec.decode(entry.getKey(), entry.getValue()));
            }
        }
    }

    Application get(ApplicationKey key) {
        return applications.get(storeKey(key));
    }

    List<Application> all() {
        return new ArrayList<>(applications.values());
    }

    /** The applications of one account and region, in name order. */
    NavigableMap<String, Application> of(String account, String region) {
        String prefix = PREFIX + account + "/" + region + "/";
        return applications.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    void put(Application app) {
        String key = storeKey(app.key());
        try {
            store.put(key, codec.encode(app));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applications.put(key, app);
    }

    void remove(ApplicationKey key) {
        String storeKey = storeKey(key);
        try {
            store.delete(storeKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applications.remove(storeKey);
    }

    static String storeKey(ApplicationKey key) {
        return PREFIX + key.account() + "/" + key.region() + "/" + key.name();
    }
}
