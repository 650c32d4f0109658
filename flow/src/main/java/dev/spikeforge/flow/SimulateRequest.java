package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * An integer model run over a dataset slice on the bit-exact golden model and/or its float twin
 * ({@link Flow#simulate}): what {@code spikeforge simulate} takes, option for option. Field names are the
 * options' names in camel case; a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * SimulateReport r = Flow.simulate(SimulateRequest.of(Path.of("model.json"), "mnist-subset").withLimit(100),
 *     FlowEvents.quiet());
 * }</pre>
 *
 * @param model        integer network (spikeforge.network JSON); or a float model (float-model.json, an npy
 *                     directory, a training output directory: {@link dev.spikeforge.golden.io.ModelFiles}), which
 *                     runs on the float simulator only
 * @param encoder      an {@link dev.spikeforge.golden.spec.EncoderSpec} text ({@code rate}, {@code rate:min=M},
 *                     {@code latency[:min=M]}, {@code poisson}, {@code rate32}), or null for the model's: {@code
 *                     rate32} for an npy directory, else the encoder the model file records (default {@code rate})
 * @param dataset      a name of {@link DatasetCatalog#NAMES}
 * @param dataDir      directory of the dataset's files, or null for where the package installs them
 * @param split        {@code train} or {@code test}
 * @param offset       samples skipped first
 * @param limit        at most this many samples, or null for all
 * @param seed         seed of the Poisson encoder
 * @param sim          {@code int} (golden model), {@code float} (the float twin; a float model itself) or
 *                     {@code both}, or null for the model kind's default ({@code int}; {@code float} for a float
 *                     model)
 * @param threads      worker threads (results do not depend on it), or null for all cores
 * @param trace        write the golden model's per-step trace (.sftrace) of the first samples here, or null
 * @param traceSamples samples to trace
 * @param json         write the results here as JSON (no timings: reproducible), or null
 */
public record SimulateRequest(Path model, String dataset, Path dataDir, String split, int offset, Integer limit,
    String encoder, long seed, String sim, Integer threads, Path trace, int traceSamples, Path json) {
  /** The simulators by name. */
  public static final List<String> SIMS = List.of("int", "float", "both");

  /** Validates what can be checked without reading the model or the data. */
  public SimulateRequest {
    ConfigException.require(sim == null || SIMS.contains(sim), "sim", "must be int, float or both, not '" + sim + "'");
    ConfigException.require(model != null, "model", "is missing; give the model file");
    DataSlice.validate(dataset, split, offset, limit, encoder);
    ThreadCount.check(threads);
  }

  /**
   * {@code model} on the test split of {@code dataset}, with the defaults of {@code spikeforge simulate} (the
   * encoder and simulator of the model's kind).
   */
  public static SimulateRequest of(Path model, String dataset) {
    return new SimulateRequest(model, dataset, null, "test", 0, null, null, 1, null, null, null, 10, null);
  }

  /** The same, on at most {@code n} samples. */
  public SimulateRequest withLimit(Integer n) {
    return new SimulateRequest(model, dataset, dataDir, split, offset, n, encoder, seed, sim, threads, trace,
        traceSamples, json);
  }

  /** The same, on the simulators {@code s} ({@code int}, {@code float} or {@code both}). */
  public SimulateRequest withSim(String s) {
    return new SimulateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, s, threads, trace,
        traceSamples, json);
  }

  /** The same, writing the results to {@code file}. */
  public SimulateRequest withJson(Path file) {
    return new SimulateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, sim, threads, trace,
        traceSamples, file);
  }

  int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
