package dev.spikeforge.explore.spark;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** explore-spark's packages (with every module below them) depend on each other without a cycle. */
@Tag("unit")
class PackageCyclesTest {
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.matches(TEST_JAR))
      .importPackages("dev.spikeforge");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.spikeforge.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
