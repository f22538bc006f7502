package io.basehook.bootstrap;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.basehook.adapter.rest.dto.JsonRequest;
import io.basehook.adapter.rest.planted.PlantedLooseBodyController;
import io.basehook.adapter.rest.planted.PlantedServiceCallingController;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.planted.PlantedSqlInDomain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hexagon's rules, checked on the production classes of every module. {@code failOnEmptyShould} is on
 * (archunit.properties), so a rule about a package that no longer exists fails instead of passing.
 */
class ArchitectureTest {

    private static final String DOMAIN = "io.basehook.domain..";
    private static final String APPLICATION = "io.basehook.application..";
    private static final String SERVICES = "io.basehook.application.service..";
    private static final String REST = "io.basehook.adapter.rest..";
    private static final String PERSISTENCE = "io.basehook.adapter.persistence..";
    private static final String WEBHOOK = "io.basehook.adapter.webhook..";
    private static final String PAYLOAD = "io.basehook.adapter.payload..";
    private static final String ADAPTERS = "io.basehook.adapter..";
    private static final String BOOTSTRAP = "io.basehook.bootstrap..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.basehook");

    static final ArchRule LAYERS = layeredArchitecture().consideringAllDependencies()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Rest").definedBy(REST)
            .layer("Persistence").definedBy(PERSISTENCE)
            .layer("Webhook").definedBy(WEBHOOK)
            .layer("Payload").definedBy(PAYLOAD)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Rest").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Webhook").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Payload").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Rest", "Persistence", "Webhook", "Payload",
                    "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Rest", "Persistence", "Webhook", "Payload",
                    "Bootstrap");

    /** The JDK, less its I/O-facing corners: JDBC, the HTTP client and files belong to adapters. */
    private static final DescribedPredicate<JavaClass> PLAIN_JAVA = resideInAnyPackage("java..")
            .and(not(resideInAnyPackage("java.sql..", "java.net.http..", "java.nio.file..")))
            .as("plain Java");

    static final ArchRule DOMAIN_IS_PURE_JAVA = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(PLAIN_JAVA.or(resideInAnyPackage(DOMAIN)))
            .because("the domain is plain Java 17 and knows no framework, database or protocol");

    static final ArchRule APPLICATION_KNOWS_NO_FRAMEWORK = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat(PLAIN_JAVA.or(resideInAnyPackage(DOMAIN, APPLICATION)))
            .because("use cases and ports know no framework, no jakarta, no SQL");

    static final ArchRule ADAPTERS_SEE_PORTS_NOT_SERVICES = noClasses().that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .because("adapters drive use cases through port.in and are driven through port.out");

    static final ArchRule DATABASE_ONLY_IN_PERSISTENCE = noClasses().that().resideOutsideOfPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.data..", "java.sql..", "javax.sql..",
                    "org.flywaydb..", "com.mysql..")
            .because("only the persistence adapter talks to the database");

    static final ArchRule HTTP_CLIENT_ONLY_IN_WEBHOOK = noClasses().that().resideOutsideOfPackage(WEBHOOK)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http.client..", "java.net.http..")
            .because("only the webhook adapter sends HTTP requests");

    static final ArchRule HTTP_SERVER_ONLY_IN_REST = noClasses().that().resideOutsideOfPackages(REST, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http.annotation..", "io.micronaut.http.server..")
            .because("only the REST adapter serves HTTP");

    static final ArchRule PORTS_IN_AND_OUT_ARE_APART = slices().matching("io.basehook.application.port.(*)..")
            .should().notDependOnEachOther()
            .because("what drives the application and what it drives meet only in the services");

    static final ArchRule PORTS_NEVER_SEE_SERVICES = noClasses().that().resideInAPackage("io.basehook.application.port..")
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .because("a port is a contract; the services implement or use it, never the other way round");

    static final ArchRule NO_MODULE_CYCLES = slices().matching("io.basehook.(*)..").should().beFreeOfCycles();

    static final ArchRule NO_AGGREGATE_CYCLES = slices().matching("io.basehook.domain.(*)..").should().beFreeOfCycles();

    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching("io.basehook.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("adapters meet only through the application's ports");

    static final ArchRule NO_FRAMEWORK_ANNOTATIONS_ON_DOMAIN = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().beAnnotatedWith("io.micronaut.serde.annotation.Serdeable")
            .orShould().beAnnotatedWith("io.micronaut.data.annotation.MappedEntity")
            .orShould().beAnnotatedWith("jakarta.inject.Singleton");

    static final ArchRule USE_CASES_ARE_PORTS = classes().that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces().andShould().resideInAPackage("io.basehook.application.port.in..");

    static final ArchRule SERVICES_IMPLEMENT_USE_CASES = classes().that().resideInAPackage(SERVICES)
            .and().haveSimpleNameEndingWith("Service")
            .should().implement(DescribedPredicate.describe("a use case",
                    (JavaClass type) -> type.getSimpleName().endsWith("UseCase")));

    /**
     * Every way to put a content event on its way: only the three content use cases may take one (they record their
     * changes on the base their content write locked).
     */
    static final ArchRule ONLY_CONTENT_USE_CASES_RECORD_CHANGES = noClasses().that().resideInAPackage(SERVICES)
            .and().doNotHaveSimpleName("InsertRowsService")
            .and().doNotHaveSimpleName("UpdateRowsService")
            .and().doNotHaveSimpleName("DeleteRowsService")
            .should().dependOnClassesThat().haveSimpleName("ChangeRecorder")
            .orShould().dependOnClassesThat().haveSimpleName("ContentWrites")
            .orShould().dependOnClassesThat().haveSimpleName("LockedBase")
            .orShould().callMethod(ChangeEventOutbox.class, "append", List.class)
            .orShould().callMethod(ChangeEventOutbox.class, "reserveSeqs", BaseId.class, int.class)
            .orShould().callMethod(ChangeEventOutbox.class, "reserveSeqs", Map.class)
            .orShould().callMethod(EventPayloadEncoder.class, "encode", ChangeEvent.class, long.class)
            .orShould().callMethod(DeliveryQueue.class, "enqueue", BaseId.class, long.class, long.class, Instant.class)
            .orShould().callMethod(DeliveryQueue.class, "enqueue", BaseId.class, List.class, List.class, Instant.class)
            .orShould().callMethod(DeliveryQueue.class, "enqueue", List.class, Instant.class)
            .because("the content rule: a structure or configuration use case has no way to emit a change event");

    static final ArchRule ROLE_NAMES = noClasses().that().resideInAPackage("io.basehook..")
            .should().haveSimpleNameEndingWith("Impl")
            .orShould().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils");

    static final ArchRule CONTROLLERS_LIVE_IN_REST = classes().that()
            .areAnnotatedWith("io.micronaut.http.annotation.Controller")
            .should().resideInAPackage(REST).andShould().haveSimpleNameEndingWith("Controller");

    /**
     * A body bound as a record other than a {@link JsonRequest} goes through serde's own reader, which coerces
     * {@code 123} to {@code "123"} and takes the first of two repeated keys; raw bytes go to the exact parser.
     */
    static final ArchRule BODIES_ARE_READ_STRICTLY = methods().that().areDeclaredInClassesThat().resideInAPackage(REST)
            .and().areDeclaredInClassesThat().haveSimpleNameEndingWith("Controller")
            .should(new ArchCondition<JavaMethod>("take a body only as a JsonRequest record or as raw bytes") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    for (JavaParameter parameter : method.getParameters()) {
                        if (parameter.isAnnotatedWith("io.micronaut.http.annotation.Body")
                                && !parameter.getRawType().isAssignableTo(JsonRequest.class)
                                && !parameter.getRawType().isEquivalentTo(byte[].class)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " binds its body as " + parameter.getRawType().getName()));
                        }
                    }
                }
            })
            .because("every JSON body is read strictly: types, repeated keys, lone surrogates");

    @Test
    void layersPointInwards() {
        LAYERS.check(PRODUCTION);
    }

    @Test
    void domainDependsOnJavaOnly() {
        DOMAIN_IS_PURE_JAVA.check(PRODUCTION);
    }

    @Test
    void applicationDependsOnDomainAndJavaOnly() {
        APPLICATION_KNOWS_NO_FRAMEWORK.check(PRODUCTION);
    }

    @Test
    void adaptersSeePortsNeverServices() {
        ADAPTERS_SEE_PORTS_NOT_SERVICES.check(PRODUCTION);
    }

    @Test
    void databaseAccessOnlyInPersistence() {
        DATABASE_ONLY_IN_PERSISTENCE.check(PRODUCTION);
    }

    @Test
    void httpClientOnlyInWebhookAdapter() {
        HTTP_CLIENT_ONLY_IN_WEBHOOK.check(PRODUCTION);
    }

    @Test
    void httpServerOnlyInRestAdapter() {
        HTTP_SERVER_ONLY_IN_REST.check(PRODUCTION);
    }

    @Test
    void noCyclesBetweenModules() {
        NO_MODULE_CYCLES.check(PRODUCTION);
    }

    @Test
    void noCyclesBetweenAggregates() {
        NO_AGGREGATE_CYCLES.check(PRODUCTION);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        ADAPTERS_ARE_INDEPENDENT.check(PRODUCTION);
    }

    @Test
    void noFrameworkAnnotationsOnDomainOrApplicationTypes() {
        NO_FRAMEWORK_ANNOTATIONS_ON_DOMAIN.check(PRODUCTION);
    }

    @Test
    void useCasesAreInterfacesInPortIn() {
        USE_CASES_ARE_PORTS.check(PRODUCTION);
    }

    @Test
    void everyServiceImplementsAUseCase() {
        SERVICES_IMPLEMENT_USE_CASES.check(PRODUCTION);
    }

    @Test
    void onlyContentUseCasesCanRecordChanges() {
        ONLY_CONTENT_USE_CASES_RECORD_CHANGES.check(PRODUCTION);
    }

    @Test
    void namesSayTheRole() {
        ROLE_NAMES.check(PRODUCTION);
    }

    @Test
    void controllersLiveInTheRestAdapter() {
        CONTROLLERS_LIVE_IN_REST.check(PRODUCTION);
    }

    @Test
    void aJavaSqlTypeInTheDomainFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedSqlInDomain.class);
        assertTrue(DOMAIN_IS_PURE_JAVA.evaluate(planted).hasViolation());
        assertTrue(DATABASE_ONLY_IN_PERSISTENCE.evaluate(planted).hasViolation());
    }

    @Test
    void aControllerCallingAServiceClassFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedServiceCallingController.class);
        assertTrue(ADAPTERS_SEE_PORTS_NOT_SERVICES.evaluate(planted).hasViolation());
    }

    @Test
    void aStructureUseCaseAppendingAnEventFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.basehook.application.service.planted.PlantedEventFromStructure.class);
        assertTrue(ONLY_CONTENT_USE_CASES_RECORD_CHANGES.evaluate(planted).hasViolation());
    }

    @Test
    void aStructureUseCaseQueueingDeliveriesForSeveralBasesFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.basehook.application.service.planted.PlantedDeliveriesFromStructure.class);
        assertTrue(ONLY_CONTENT_USE_CASES_RECORD_CHANGES.evaluate(planted).hasViolation());
    }

    @Test
    void everyBodyIsReadStrictly() {
        BODIES_ARE_READ_STRICTLY.check(PRODUCTION);
    }

    @Test
    void aControllerBindingABodyTheLenientWayFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedLooseBodyController.class);
        assertTrue(BODIES_ARE_READ_STRICTLY.evaluate(planted).hasViolation());
    }

    @Test
    void portsInAndOutAreApart() {
        PORTS_IN_AND_OUT_ARE_APART.check(PRODUCTION);
    }

    @Test
    void portsNeverSeeServices() {
        PORTS_NEVER_SEE_SERVICES.check(PRODUCTION);
    }

    @Test
    void aUseCaseAnsweringAnOutPortTypeFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.basehook.application.port.in.planted.PlantedUseCaseAnsweringAnOutPortType.class,
                io.basehook.application.port.out.DeliveryBacklogQuery.class);
        assertTrue(PORTS_IN_AND_OUT_ARE_APART.evaluate(planted).hasViolation());
    }

    @Test
    void aPortUsingAServiceFailsTheBuild() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.basehook.application.port.out.planted.PlantedPortUsingAService.class);
        assertTrue(PORTS_NEVER_SEE_SERVICES.evaluate(planted).hasViolation());
    }

    @Test
    void theLayerRuleCatchesTheApplicationReachingIntoAnAdapter() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.basehook.application.service.planted.PlantedAdapterInTheApplication.class);
        assertTrue(LAYERS.evaluate(planted).hasViolation());
    }
}
