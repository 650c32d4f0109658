package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The nir module's shape: its public API is the two library functions with their requests, reports
 * and errors (everything else package-private), and it reads the golden model's files and nothing of
 * the compiler, the flow or the command line.
 */
@Tag("unit")
class NirArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.spikeforge.nir");

  @Test
  void onlyTheApiIsPublic() {
    Set<String> pub = new TreeSet<>();
    for (JavaClass c : MAIN) {
      if (c.getModifiers().contains(JavaModifier.PUBLIC)) {
        pub.add(c.getSimpleName());
      }
    }
    assertEquals(new TreeSet<>(Set.of("Discretisation", "Method", "Nir", "NirException", "NirExportReport",
        "NirExportRequest", "NirImportReport", "NirImportRequest")), pub);
  }

  @Test
  void dependsOnTheGoldenModelAndJhdfOnly() {
    ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "dev.spikeforge.compiler..", "dev.spikeforge.flow..", "dev.spikeforge.cli..", "dev.spikeforge.training..",
        "dev.spikeforge.hwgen..").check(MAIN);
  }
}
