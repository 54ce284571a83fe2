package org.amiconnect.archiver.replay;

/** Follows a replay object by object, e.g. to draw a progress bar. Called on the replaying thread. */
public interface ReplayListener {

    ReplayListener NONE = new ReplayListener() { };

    /**
     * An object was read (and, unless a dry run, published).
     *
     * @param bytesDone sizes of the objects handled so far, including this one
     * @param bytesTotal sizes of every selected object
     */
    default void objectDone(String key, long records, int objectsDone, int objectsTotal, long bytesDone,
            long bytesTotal) {
    }

    /** An object could not be read; the replay goes on with the next one. */
    default void objectFailed(String key, String problem) {
    }
}
