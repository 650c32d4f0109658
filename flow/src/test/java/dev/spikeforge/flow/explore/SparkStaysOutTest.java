package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Apache Spark (with its own Scala 2.13 build, Hadoop client and Jetty) is on explore-spark's classpath only:
 * the flow, and so the cli above it, runs without it.
 */
@Tag("unit")
class SparkStaysOutTest {
  @Test
  void sparkIsNotOnTheFlowsClasspath() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
  }
}
