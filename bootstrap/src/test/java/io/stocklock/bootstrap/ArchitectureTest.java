package io.stocklock.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.GenericMessageListener;

/** The module boundaries of the hexagon, checked on the compiled production classes of every module. */
class ArchitectureTest {

    private static final JavaClasses STOCKLOCK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stocklock.domain", "io.stocklock.application", "io.stocklock.adapters",
                    "io.stocklock.bootstrap");

    @Test
    void theRulesSeeEveryModule() {
        assertThat(STOCKLOCK.stream().map(JavaClass::getPackageName).map(name -> name.split("\\.")[2]).distinct())
                .contains("domain", "application", "adapters", "bootstrap");
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("io.stocklock.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stocklock.domain..", "java..")
                .check(STOCKLOCK);
    }

    @Test
    void applicationDependsOnTheDomainAndTheJdkOnly() {
        classes().that().resideInAPackage("io.stocklock.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.stocklock.application..", "io.stocklock.domain..", "java..")
                .check(STOCKLOCK);
    }

    /** Except that both intakes read JSON by the same rules, which live in one place of their own. */
    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("io.stocklock.adapters.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(),
                        JavaClass.Predicates.resideInAPackage("io.stocklock.adapters.json.."))
                .check(STOCKLOCK);
    }

    @Test
    void theJsonRulesKnowNothingOfTheService() {
        classes().that().resideInAPackage("io.stocklock.adapters.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stocklock.adapters.json..", "java..",
                        "tools.jackson..")
                .check(STOCKLOCK);
    }

    @Test
    void adaptersUsePortsNotServices() {
        noClasses().that().resideInAPackage("io.stocklock.adapters..")
                .should().dependOnClassesThat().resideInAPackage("io.stocklock.application.service..")
                .check(STOCKLOCK);
    }

    /**
     * Controllers and listeners translate and call a use case; whatever a protocol needs of the stores (idempotency,
     * retries, waiting for a decision) is the use case's job.
     */
    @Test
    void drivingAdaptersCallUseCasesNotOutgoingPorts() {
        noClasses().that().resideInAPackage("io.stocklock.adapters.rest..")
                .or().areAssignableTo(GenericMessageListener.class)
                .should().dependOnClassesThat().resideInAPackage("io.stocklock.application.port.out..")
                .check(STOCKLOCK);
    }

    /**
     * What a database failure means (transient or not) is the persistence adapter's to say ({@code DatabaseFailures});
     * the intakes ask it through the application's {@code FailureClassifier}.
     */
    @Test
    void onlyThePersistenceAdapterKnowsTheDatabase() {
        noClasses().that().resideInAnyPackage("io.stocklock.adapters.rest..", "io.stocklock.adapters.kafka..",
                        "io.stocklock.adapters.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.dao..",
                        "org.springframework.jdbc..", "java.sql..")
                .check(STOCKLOCK);
    }

    /** {@code UseCases} composes the services; the assembly exposes each as a bean of its port and uses only those. */
    @Test
    void theAssemblyUsesUseCasesByTheirPorts() {
        noClasses().that().resideInAPackage("io.stocklock.bootstrap..")
                .and().doNotHaveSimpleName("UseCaseConfiguration")
                .should().dependOnClassesThat().resideInAPackage("io.stocklock.application.service..")
                .check(STOCKLOCK);
    }

    @Test
    void onlyBootstrapSeesBootstrap() {
        noClasses().that().resideOutsideOfPackage("io.stocklock.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.stocklock.bootstrap..")
                .check(STOCKLOCK);
    }

    @Test
    void useCasesAreInterfacesInPortIn() {
        classes().that().resideInAPackage("io.stocklock.application.port.in..").and().areTopLevelClasses()
                .should().beInterfaces()
                .check(STOCKLOCK);
        classes().that().resideInAPackage("io.stocklock.application.service..").and().arePublic()
                .and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Service")
                .andShould().implement(DescribedPredicate.describe("a use case of port.in",
                        (JavaClass type) -> type.getPackageName().equals("io.stocklock.application.port.in")))
                .check(STOCKLOCK);
    }

    @Test
    void outgoingPortsAreInterfacesInPortOut() {
        classes().that().resideInAPackage("io.stocklock.application.port.out..").and().areTopLevelClasses()
                .should().beInterfaces()
                .check(STOCKLOCK);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.stocklock.(**)").should().beFreeOfCycles().check(STOCKLOCK);
    }
}
