package dev.spikeforge.testbenches;

import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.threefactor.LayerReplay;
import dev.spikeforge.golden.train.threefactor.SampleReplay.RecurrentShadows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vectors of a three-factor layer learner (hw-gen {@code ThreeFactorLayerLearner}) for consecutive
 * recorded training samples of one layer ({@link LayerReplay}), one vector a clock: before the first sample the
 * shadow weights and delays are loaded; per sample the spike history (every bit, address i·T + t), the
 * surrogate codes (j·T + t) and the learning signals are written, the walk is started with the layer's LFSR
 * start state and left {@code walkClocks} clocks, and every shadow weight and delay is read back. The shadows
 * stay in the learner from sample to sample, as in a core. {@link #firstMismatch} compares the read-back words
 * and the busy flag with the trainer's after each sample.
 */
final class LayerWalkVectors {
  private final VectorHarness harness;
  private final int walkClocks;
  private final List<long[]> rows = new ArrayList<>();
  private final List<Expectation> expected = new ArrayList<>();

  /** What one output of one vector must be, and which value of which sample it is. */
  private record Expectation(int row, String port, long value, String what) {}

  LayerWalkVectors(VectorHarness harness, int walkClocks) {
    this.harness = harness;
    this.walkClocks = walkClocks;
  }

  /**
   * Appends sample {@code sample} of the layer: {@code layer} recorded by the trainer, {@code lfsrState} the
   * start state of the layer's rounding stream for that sample.
   */
  void add(int sample, LayerReplay layer, int lfsrState) {
    add(sample, layer, null, null, lfsrState);
  }

  /**
   * As {@link #add(int, LayerReplay, int)}, for a recurrent hidden layer: its recurrent rows after the n feedforward
   * rows (row n + k: presynaptic hidden neuron k, history {@code own[k]} at (n + k)·T + t, weights and SYNAPTIC
   * delays at (n + k)·m + j), loaded from and compared with {@code rec}; {@code rec} null for a feedforward layer.
   */
  void add(int sample, LayerReplay layer, RecurrentShadows rec, boolean[][] own, int lfsrState) {
    int n = layer.inputs();
    int m = layer.size();
    int steps = layer.presynaptic()[0].length;
    boolean delays = layer.mode() != DelayMode.NONE;
    if (rows.isEmpty()) {
      row(layer).in("reset", 1);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          row(layer).in("in_weightWrite", 1).in("in_weightAddr", i * m + j)
              .in("in_weightData", layer.shadowWeightsBefore()[j][i]);
        }
      }
      forEachDelay(layer, (addr, j, i) -> row(layer).in("in_delayWrite", 1).in("in_delayAddr", addr)
          .in("in_delayData", layer.shadowDelaysBefore()[j][i]));
      for (int k = 0; rec != null && k < m; k++) {
        for (int j = 0; j < m; j++) {
          row(layer).in("in_weightWrite", 1).in("in_weightAddr", (n + k) * m + j)
              .in("in_weightData", rec.weightsBefore()[j][k]);
          if (rec.delaysBefore() != null) {
            row(layer).in("in_delayWrite", 1).in("in_delayAddr", (n + k) * m + j)
                .in("in_delayData", rec.delaysBefore()[j][k]);
          }
        }
      }
    }
    for (int k = 0; rec != null && k < m; k++) {
      for (int t = 0; t < steps; t++) {
        row(layer).in("in_histWrite", 1).in("in_histAddr", (long) (n + k) * steps + t).in("in_histData",
            own[k][t] ? 1 : 0);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < steps; t++) {
        row(layer).in("in_histWrite", 1).in("in_histAddr", (long) i * steps + t)
            .in("in_histData", layer.presynaptic()[i][t] ? 1 : 0);
      }
    }
    for (int j = 0; j < m; j++) {
      for (int t = 0; t < steps; t++) {
        row(layer).in("in_codeWrite", 1).in("in_codeAddr", (long) j * steps + t).in("in_codeData", layer.codes()[j][t]);
      }
      row(layer).in("in_signalWrite", 1).in("in_signalAddr", j).in("in_signalData", layer.signals()[j]);
    }
    // a vector's outputs are sampled after its rising edge: busy from the start's edge for walkClocks edges
    for (int c = 0; c < walkClocks; c++) {
      expect("out_busy", 1, "sample " + sample + ": busy after clock " + c + " of the walk");
      Row r = row(layer);
      if (c == 0) {
        r.in("in_start", 1).in("in_lfsrState", Integer.toUnsignedLong(lfsrState));
      }
    }
    expect("out_busy", 0, "sample " + sample + ": the walk ends after " + walkClocks + " clocks");
    row(layer); // the walk's last clock: its writes land, then the memories are the host's again
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        expect("out_weight", layer.shadowWeightsAfter()[j][i],
            "sample " + sample + ": shadow weight w̃[" + j + "][" + i + "]");
        row(layer).in("in_weightRead", 1).in("in_weightAddr", i * m + j);
      }
    }
    for (int k = 0; rec != null && k < m; k++) {
      for (int j = 0; j < m; j++) {
        expect("out_weight", rec.weightsAfter()[j][k], "sample " + sample + ": recurrent shadow weight r̃[" + j + "]["
            + k + "]");
        row(layer).in("in_weightRead", 1).in("in_weightAddr", (n + k) * m + j);
        if (rec.delaysAfter() != null) {
          expect("out_delay", rec.delaysAfter()[j][k], "sample " + sample + ": recurrent shadow delay d̃ʳ[" + j + "]["
              + k + "]");
          row(layer).in("in_delayRead", 1).in("in_delayAddr", (n + k) * m + j);
        }
      }
    }
    if (delays) {
      forEachDelay(layer, (addr, j, i) -> {
        expect("out_delay", layer.shadowDelaysAfter()[j][i], "sample " + sample + ": shadow delay "
            + (layer.mode() == DelayMode.AXONAL ? "D̃[" + i + "]" : "d̃[" + j + "][" + i + "]"));
        row(layer).in("in_delayRead", 1).in("in_delayAddr", addr);
      });
    }
  }

  /** The input vectors (clock column ignored: {@link ClockedVectors} drives it). */
  long[][] inputs() {
    return rows.toArray(new long[0][]);
  }

  /** Clocks with {@code out_busy} set in {@code actual} (the simulated walks' length, summed). */
  long busyClocks(long[][] actual) {
    int c = harness.outputIndex("out_busy");
    return Arrays.stream(actual).filter(r -> r[c] == 1).count();
  }

  /** The first expected output {@code actual} does not hold, described with the sample and the word. */
  Optional<String> firstMismatch(String source, long[][] actual) {
    int wrong = 0;
    String first = null;
    for (Expectation e : expected) {
      long a = actual[e.row][harness.outputIndex(e.port)];
      if (a != e.value) {
        wrong++;
        if (first == null) {
          first = source + ": " + e.what + " (" + e.port + ", vector " + e.row + ") is " + a + ", the trainer's is "
              + e.value;
        }
      }
    }
    return first == null ? Optional.empty()
        : Optional.of(first + "; " + wrong + " of " + expected.size() + " checked outputs differ");
  }

  private interface DelayWord {
    void at(int addr, int j, int i);
  }

  /** The layer's shadow delays in memory order: SYNAPTIC (j, i) at i·m + j, AXONAL row i at i (record [0][i]). */
  private static void forEachDelay(LayerReplay layer, DelayWord f) {
    for (int i = 0; layer.mode() != DelayMode.NONE && i < layer.inputs(); i++) {
      if (layer.mode() == DelayMode.AXONAL) {
        f.at(i, 0, i);
      } else {
        for (int j = 0; j < layer.size(); j++) {
          f.at(i * layer.size() + j, j, i);
        }
      }
    }
  }

  private void expect(String port, long value, String what) {
    expected.add(new Expectation(rows.size(), port, value, what));
  }

  /** A new vector (all inputs 0 but the layer's leak shift, held for the walk), appended. */
  private Row row(LayerReplay layer) {
    long[] v = new long[harness.inputs().size()];
    rows.add(v);
    return new Row(v).in("in_leakShift", layer.leakShift());
  }

  private final class Row {
    private final long[] v;

    Row(long[] v) {
      this.v = v;
    }

    Row in(String port, long value) {
      v[harness.inputIndex(port)] = value;
      return this;
    }
  }
}
