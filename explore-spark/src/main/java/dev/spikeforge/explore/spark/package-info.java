/** Design-space exploration on Apache Spark. */
package dev.spikeforge.explore.spark;
