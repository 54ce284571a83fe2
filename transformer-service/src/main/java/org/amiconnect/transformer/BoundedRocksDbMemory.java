package org.amiconnect.transformer;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB state store in this JVM together ("bounded memory" in the Kafka
 * Streams docs): one LRU block cache shared by all stores, which also accounts for the memtables through one
 * {@link WriteBufferManager}, and index and filter blocks kept inside that cache.
 *
 * <p>Without it each store of each task has its own 50 MiB block cache and up to three 16 MiB memtables: 4 stores ×
 * 3 partitions of one vendor could take over 1 GiB outside the heap, growing as the reads store fills.
 *
 * <p>Index and filter blocks are partitioned (a two-level index): a point lookup loads only the small partitions it
 * needs, and only their top level is pinned. With one index and one filter block per file, a file of a large store
 * (the {@code reads} store at hundreds of thousands of meters) had index and filter blocks of a megabyte or more each,
 * more than the cache's share for them holds, so lookups kept evicting and reloading whole blocks.
 *
 * <p>The {@code reads.*} stores keep Bloom filters in their last level too (Kafka Streams turns them off there, for
 * stores whose lookups mostly find their key): nearly every lookup in a {@code reads} store is of a read not seen
 * before, which without a filter costs an index and a data block read in the level that holds most of the store.
 *
 * <p>The total is {@value #DEFAULT_MIB} MiB, or the JVM system property {@value #PROPERTY} (MiB); memtables may use
 * half of it. Read once, when the first store opens.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** System property: MiB of off-heap memory all RocksDB stores of this JVM share. */
    public static final String PROPERTY = "amiconnect.rocksdb.memory.mib";
    static final long DEFAULT_MIB = 64;

    private static final long MIB = 1024 * 1024;
    /** Memtables before a flush: one written while the other is flushed. */
    private static final int MEMTABLES = 2;
    /**
     * Bytes a memtable takes from the shared write budget at a time. RocksDB's default is an eighth of the memtable
     * size (1 MiB here), and a memtable takes its first block at its first write: with one store per task, state store
     * and partition (~135 in the default run of eight vendors) the stores' first blocks alone passed the write budget,
     * so every put flushed a memtable of a few entries into a new file and compaction never stopped. 32 KiB blocks let
     * ~900 stores hold a block each before the budget is reached.
     */
    static final long ARENA_BLOCK_BYTES = 32 * 1024;
    /** Target size of one index or filter partition (RocksDB's default for partitions). */
    static final long METADATA_BLOCK_BYTES = 4096;
    /** Names of the stores whose lookups mostly miss ({@link VendorStores#reads()}). */
    static final String READS_STORE_PREFIX = new VendorStores("").reads();
    /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double INDEX_FILTER_RATIO = 0.1;

    /** One per JVM and never closed: every store of every Streams client shares it for the life of the process. */
    private static final class Shared {
        static final long TOTAL = Long.getLong(PROPERTY, DEFAULT_MIB) * MIB;
        static final Cache CACHE = new LRUCache(TOTAL, -1, false, INDEX_FILTER_RATIO);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL / 2, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setIndexType(IndexType.kTwoLevelIndexSearch);
        table.setPartitionFilters(true);
        table.setMetadataBlockSize(METADATA_BLOCK_BYTES);
        if (storeName.startsWith(READS_STORE_PREFIX)) {
            options.setOptimizeFiltersForHits(false);
        }
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        // memtables of a quarter of their budget keep flushes (and the files compaction merges) few
        options.setWriteBufferSize(Math.max(MIB, Shared.TOTAL / 8));
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: closing them here would break the others
    }
}
