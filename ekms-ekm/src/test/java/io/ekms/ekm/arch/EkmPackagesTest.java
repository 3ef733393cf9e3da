package io.ekms.ekm.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The EKM's packages depend on each other one way only (the XKS routes, use cases, SigV4 checks and
 * key-store model sit in their layers' packages), and the domain model needs no other EKM package.
 */
class EkmPackagesTest {
  private static final JavaClasses EKM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.ekms.ekm");

  @Test
  void packages_mainCode_haveNoCycle() {
    slices().matching("io.ekms.ekm.(**)").should().beFreeOfCycles().check(EKM);
  }

  @Test
  void domain_mainCode_dependsOnNoOtherEkmPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.ekms.ekm.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ekms.ekm.auth..",
            "io.ekms.ekm.backend..",
            "io.ekms.ekm.http..",
            "io.ekms.ekm.server..",
            "io.ekms.ekm.service..",
            "io.ekms.ekm.store..")
        .check(EKM);
  }

  /**
   * The console reads and changes nothing but through the admin API's services (the same checks and
   * audit as the admin API): of the store it may use only its own session table.
   */
  @Test
  void console_mainCode_reachesNoStoreButItsSessions() {
    noClasses()
        .that()
        .resideInAPackage("io.ekms.ekm.console..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "store classes other than the console's sessions, or JDBC",
                c ->
                    (c.getPackageName().startsWith("io.ekms.ekm.store")
                            && !c.getName()
                                .startsWith("io.ekms.ekm.store.ConsoleSessionRepository"))
                        || c.getPackageName().startsWith("java.sql")))
        .check(EKM);
  }
}
