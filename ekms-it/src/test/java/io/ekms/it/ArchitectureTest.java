package io.ekms.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape the code keeps (docs/architecture.md): in each server, http → service → (store |
 * client), with the domain free of I/O; no package cycles anywhere; and no server code in the SDK,
 * which with ekms-common depends on the JDK, Jackson and (optionally) Tink only. A new dependency
 * against these rules fails the build here, naming the class.
 */
class ArchitectureTest {
  private static final String[] SERVERS = {"ekm", "kms", "identity"};
  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ekms");
  }

  @Test
  void domain_noServer_dependsOnNoIoNorOuterLayer() {
    for (String server : SERVERS) {
      String root = "io.ekms." + server + ".";
      noClasses()
          .that()
          .resideInAPackage(root + "domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              root + "store..",
              root + "service..",
              root + "http..",
              root + "server..",
              "java.sql..",
              "java.net.http..",
              "io.helidon..",
              "com.zaxxer..")
          .check(main);
    }
  }

  @Test
  void store_noServer_dependsOnServiceOrHttp() {
    for (String server : SERVERS) {
      String root = "io.ekms." + server + ".";
      noClasses()
          .that()
          .resideInAPackage(root + "store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(root + "service..", root + "http..", root + "server..")
          .check(main);
    }
  }

  @Test
  void service_noServer_dependsOnHttpOrServer() {
    for (String server : SERVERS) {
      String root = "io.ekms." + server + ".";
      noClasses()
          .that()
          .resideInAPackage(root + "service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(root + "http..", root + "server..")
          .check(main);
    }
  }

  @Test
  void http_noServer_reachesTheStoreDirectly() {
    for (String server : SERVERS) {
      String root = "io.ekms." + server + ".";
      noClasses()
          .that()
          .resideInAPackage(root + "http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(root + "store..", "java.sql..")
          .check(main);
    }
  }

  @Test
  void packages_allModules_freeOfCycles() {
    slices().matching("io.ekms.(*).(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void sdk_anyClass_dependsOnNoServerCode() {
    noClasses()
        .that()
        .resideInAPackage("io.ekms.sdk..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ekms.kms..",
            "io.ekms.ekm..",
            "io.ekms.identity..",
            "io.ekms.stack..",
            "io.helidon..",
            "org.h2..",
            "org.postgresql..",
            "org.flywaydb..",
            "com.zaxxer..",
            "org.bouncycastle..")
        .check(main);
  }

  @Test
  void sdkAndCommon_anyClass_dependOnTheJdkJacksonAndTinkOnly() {
    classes()
        .that()
        .resideInAnyPackage("io.ekms.sdk..", "io.ekms.common..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax..",
            "io.ekms.sdk..",
            "io.ekms.common..",
            "com.fasterxml.jackson..",
            "com.google.crypto.tink..")
        .check(main);
  }

  /** The kit checks EKMs from outside: it shares no code with the EKM it checks. */
  @Test
  void conformanceKit_anyClass_dependsOnNoServerCode() {
    classes()
        .that()
        .resideInAPackage("io.ekms.conformance..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax..",
            "org.w3c..",
            "io.ekms.conformance..",
            "io.ekms.common..",
            "com.fasterxml.jackson..",
            "com.nimbusds..",
            "org.bouncycastle..")
        .check(main);
  }
}
