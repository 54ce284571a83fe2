package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

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

    @Test
    void indexAndFiltersArePartitionedAndOnlyReadsStoresKeepFiltersInTheirLastLevel() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options reads = new Options(); Options registers = new Options()) {
            // what Kafka Streams sets before the config setter runs
            reads.setTableFormatConfig(new BlockBasedTableConfig()).setOptimizeFiltersForHits(true);
            registers.setTableFormatConfig(new BlockBasedTableConfig()).setOptimizeFiltersForHits(true);

            setter.setConfig(new VendorStores("beacon360").reads(), reads, Map.of());
            setter.setConfig(new VendorStores("beacon360").lastRegisters(), registers, Map.of());

            assertThat(reads.optimizeFiltersForHits()).isFalse();
            assertThat(registers.optimizeFiltersForHits()).isTrue();
            for (Options o : List.of(reads, registers)) {
                BlockBasedTableConfig table = (BlockBasedTableConfig) o.tableFormatConfig();
                assertThat(table.indexType()).isEqualTo(IndexType.kTwoLevelIndexSearch);
                assertThat(table.partitionFilters()).isTrue();
                assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            }
        }
    }

    /**
     * The default run of eight vendors opens ~135 stores. Each store's first write takes one arena block from the shared
     * write budget; with RocksDB's default block (1 MiB here) 200 stores exceed it, and from then on each put switches
     * the memtable it wrote to (a flush of a few entries into a new file). Within the budget nothing is flushed, so
     * every entry is still in its store's active memtable.
     */
    @Test
    void twoHundredStoresWithAFewEntriesEachFlushNothing(@TempDir Path dir) throws RocksDBException {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        try {
            for (int s = 0; s < 200; s++) {
                Options o = new Options().setCreateIfMissing(true);
                o.setTableFormatConfig(new BlockBasedTableConfig());
                setter.setConfig("store-" + s, o, Map.of());
                options.add(o);
                stores.add(RocksDB.open(o, dir.resolve("store-" + s).toString()));
            }
            for (int i = 0; i < 50; i++) {
                for (RocksDB store : stores) {
                    byte[] key = ("device-" + i).getBytes(StandardCharsets.UTF_8);
                    store.put(key, new byte[100]);
                }
            }

            for (RocksDB store : stores) {
                assertThat(store.getLongProperty("rocksdb.num-entries-active-mem-table")).isEqualTo(50);
                assertThat(store.getLongProperty("rocksdb.num-immutable-mem-table")).isZero();
            }
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }
}
