package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link TrainOptions}: its data description keeps the order it was given in. */
@Tag("unit")
class TrainOptionsTest {
  /**
   * Regression: the data map was copied with {@code Map.copyOf}, whose iteration order depends on a
   * per-JVM random salt, so {@code config.json}'s {@code data} keys of one and the same run came out in a
   * different order from one invocation to the next. With twenty keys a salted order equals insertion
   * order with probability 1/20!, so this fails on every run if the copy loses the order again.
   */
  @Test
  void dataMapKeepsInsertionOrderSoConfigJsonIsDeterministic() {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int k = 19; k >= 0; k--) {
      data.put("key" + k, k);
    }
    TrainOptions o = TrainOptions.of(1, 1).withData(data);
    assertEquals(List.copyOf(data.keySet()), List.copyOf(o.data().keySet()));
    assertEquals(List.copyOf(data.keySet()), List.copyOf(o.withEvalThreads(2).data().keySet()));
  }

  @Test
  void dataMapIsAnUnmodifiableCopy() {
    Map<String, Object> data = new LinkedHashMap<>(Map.of("dataset", "mnist-subset"));
    TrainOptions o = TrainOptions.of(1, 1).withData(data);
    data.put("encoder", "rate");
    assertEquals(Map.of("dataset", "mnist-subset"), o.data());
    assertThrows(UnsupportedOperationException.class, () -> o.data().put("x", 1));
  }
}
