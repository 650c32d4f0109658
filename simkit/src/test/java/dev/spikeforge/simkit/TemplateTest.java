package dev.spikeforge.simkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Templates and the waiver file. */
@Tag("unit")
class TemplateTest {
  @Test
  void aTemplateAndItsValuesMustMatchExactly() {
    String text = Template.render(TemplateTest.class, "greeting.txt", Map.of("WHO", "LIF", "WHAT", "spikes"));
    assertEquals("LIF emits spikes; LIF leaks.\n", text);
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> Template.render(TemplateTest.class, "greeting.txt", Map.of("WHO", "LIF")));
    assertEquals("greeting.txt: no value for {{WHAT}}", missing.getMessage());
    IllegalStateException unused = assertThrows(IllegalStateException.class, () -> Template.render(
        TemplateTest.class, "greeting.txt", Map.of("WHO", "LIF", "WHAT", "spikes", "WHEN", "now")));
    assertEquals("greeting.txt: unused values [WHEN]", unused.getMessage());
  }

  @Test
  void aMissingResourceIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Template.resource(TemplateTest.class, "nope.txt"));
    assertEquals("resource nope.txt missing from the package of dev.spikeforge.simkit.TemplateTest", e.getMessage());
  }

  @Test
  void theOneWaiverFileIsAVerilatorConfigFile() {
    String w = VerilatorRunner.waivers();
    assertEquals("`verilator_config", w.lines().findFirst().orElseThrow());
  }
}
