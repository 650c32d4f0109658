package dev.spikeforge.golden.train;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The training packages (with the golden model and the contract below them) depend on each other without a
 * cycle, both package by package and with each package taken together with its sub-packages (the
 * granularity at which {@code spec} once imported {@code sim} and {@code sim} imported {@code spec}).
 */
@Tag("unit")
class TrainingPackageCyclesTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.spikeforge.golden");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.spikeforge.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void packageTreesAreFreeOfCycles() {
    slices().matching("dev.spikeforge.golden.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
