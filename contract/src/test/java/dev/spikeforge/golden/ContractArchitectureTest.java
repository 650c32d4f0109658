package dev.spikeforge.golden;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract module is the bottom of the project: what the hardware must agree with, and nothing
 * that simulates, trains or reads model files. Its packages are free of cycles, depend only on the
 * JDK, Jackson and each other, and none of them is split with golden-model.
 */
@Tag("unit")
class ContractArchitectureTest {
  /** Every package of this module; a new one belongs here only if hw-gen or the mapping needs it. */
  private static final String[] CONTRACT = {
      "dev.spikeforge.golden.numerics", "dev.spikeforge.golden.spec..", "dev.spikeforge.golden.neuron",
      "dev.spikeforge.golden.delay", "dev.spikeforge.golden.readout", "dev.spikeforge.golden.files",
      "dev.spikeforge.golden.json"};
  /** golden-model's packages: simulation, training, learning rules, data, evaluation, model files. */
  private static final String[] GOLDEN_MODEL = {
      "dev.spikeforge.golden.sim..", "dev.spikeforge.golden.train..", "dev.spikeforge.golden.learning..",
      "dev.spikeforge.golden.io..", "dev.spikeforge.golden.data..", "dev.spikeforge.golden.eval..",
      "dev.spikeforge.golden.network.."};

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.spikeforge");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.spikeforge.(**)").should().beFreeOfCycles().check(MAIN);
  }

  /** With each package taken together with its sub-packages ({@code spec} with {@code spec.hw}). */
  @Test
  void packageTreesAreFreeOfCycles() {
    slices().matching("dev.spikeforge.golden.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void importsNothingFromGoldenModel() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(GOLDEN_MODEL).check(MAIN);
  }

  @Test
  void sharesNoPackageWithGoldenModel() {
    noClasses().should().resideInAnyPackage(GOLDEN_MODEL).check(MAIN);
  }

  @Test
  void dependsOnlyOnTheJdkJacksonAndItself() {
    classes().should().onlyDependOnClassesThat()
        .resideInAnyPackage(concat(CONTRACT, "java..", "com.fasterxml.jackson.."))
        .check(MAIN);
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
