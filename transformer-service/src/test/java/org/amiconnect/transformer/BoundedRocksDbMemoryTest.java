package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreGetsTheSameCacheAndMemtablesWithinTheBudget() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options reads = new Options(); Options meters = new Options()) {
            reads.setTableFormatConfig(new BlockBasedTableConfig());
            meters.setTableFormatConfig(new BlockBasedTableConfig());

            setter.setConfig("reads.beacon360", reads, Map.of());
            setter.setConfig("last-meters.beacon360", meters, Map.of());

            BlockBasedTableConfig readsTable = (BlockBasedTableConfig) reads.tableFormatConfig();
            BlockBasedTableConfig metersTable = (BlockBasedTableConfig) meters.tableFormatConfig();
            assertThat(readsTable.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(metersTable.cacheIndexAndFilterBlocks()).isTrue();
            long budget = BoundedRocksDbMemory.DEFAULT_MIB * 1024 * 1024;
            assertThat(reads.writeBufferSize() * reads.maxWriteBufferNumber()).isLessThanOrEqualTo(budget / 2);
            assertThat(meters.writeBufferManager()).isSameAs(reads.writeBufferManager()).isNotNull();
        }
    }
}
