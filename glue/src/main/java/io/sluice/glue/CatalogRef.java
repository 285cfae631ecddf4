package io.sluice.glue;

import java.util.Objects;

/**
 * One Data Catalog: Glue keeps one per account (its CatalogId is the account id) and region.
 *
 * @param catalogId the CatalogId the caller gave, or the caller's account when it gave none
 */
public record CatalogRef(String catalogId, String region) {

    public CatalogRef {
        Objects.requireNonNull(catalogId, "catalogId");
        Objects.requireNonNull(region, "region");
    }
}
