package dev.spikeforge.flow;

import java.nio.file.Path;

/**
 * What the compile step produced: the build directory and where the weight memories went.
 *
 * @param buildDir      the build directory (rtl/, mem/, manifest.json, …)
 * @param blockRamBits  weight bits in block RAM
 * @param blockRams     block RAMs those need at least
 * @param spramBits     weight bits in SPRAM
 * @param sprams        SPRAM blocks used
 * @param fits          whether the core's memories fit the board's part
 * @param fitMessage    why not, naming the memories and the fix (empty when it fits)
 */
public record CompileOutcome(Path buildDir, long blockRamBits, long blockRams, long spramBits, int sprams,
    boolean fits, String fitMessage) {}
