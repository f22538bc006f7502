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
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.basehook.adapter.rest.dto.JsonRequest;
import io.basehook.adapter.rest.planted.PlantedHttpClientInRest;
import io.basehook.adapter.rest.planted.PlantedLooseBodyController;
import io.basehook.adapter.rest.planted.PlantedRestEndpoint;
import io.basehook.adapter.rest.planted.PlantedRestUsingTheWebhookAdapter;
import io.basehook.adapter.rest.planted.PlantedServiceCallingController;
import io.basehook.adapter.rest.planted.PlantedSqlInRest;
import io.basehook.adapter.webhook.BlockedAddressException;
import io.basehook.adapter.webhook.planted.PlantedAdapterWakingTheLoop;
import io.basehook.adapter.webhook.planted.PlantedEndpointInWebhook;
import io.basehook.adapter.webhook.planted.PlantedWebhookSideOfACycle;
import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.delivery.DeliveryHandoff;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.application.port.in.planted.PlantedConcreteUseCase;
import io.basehook.application.port.in.planted.PlantedUseCaseAnsweringAnOutPortType;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.planted.PlantedPortUsingAService;
import io.basehook.application.service.planted.PlantedDeliveriesFromStructure;
import io.basehook.application.service.planted.PlantedEventFromStructure;
import io.basehook.application.service.planted.PlantedLoggerInTheApplication;
import io.basehook.application.service.planted.PlantedStandaloneService;
import io.basehook.application.service.planted.PlantedUseCaseBuildingAGroupCommit;
import io.basehook.application.service.planted.PlantedUseCaseDrivingTheEngine;
import io.basehook.application.service.planted.PlantedWebhookManager;
import io.basehook.application.service.planted.PlantedWebhookSenderInTheApplication;
import io.basehook.application.write.GroupCommit;
import io.basehook.application.write.WriteCombiner;
import io.basehook.bootstrap.planted.PlantedBootstrapSideOfACycle;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.planted.PlantedFileInDomain;
import io.basehook.domain.planted.PlantedSerdeableInDomain;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.planted.PlantedRowKnowingItsTable;
import io.basehook.domain.table.planted.PlantedTableKnowingItsRows;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hexagon's rules, checked on the production classes of every module. {@code failOnEmptyShould} is on
 * (archunit.properties), so a rule about a package that no longer exists fails instead of passing. Each rule also has
 * a planted violation, a class in a {@code planted} package of the test sources, which the rule must report and the
 * other rules must not, unless the violation cannot help breaking them too.
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
    private static final String ENGINE = "io.basehook.application.delivery..";

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
                    "Bootstrap")
            .because("dependencies point inwards: an adapter or the wiring may change without touching the rules");

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
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.micronaut.http.annotation..", "io.micronaut.http.server..")
            .because("only the REST adapter serves HTTP");

    static final ArchRule PORTS_IN_AND_OUT_ARE_APART = slices().matching("io.basehook.application.port.(*)..")
            .should().notDependOnEachOther()
            .because("what drives the application and what it drives meet only in the services");

    static final ArchRule PORTS_NEVER_SEE_SERVICES = noClasses()
            .that().resideInAPackage("io.basehook.application.port..")
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .because("a port is a contract; the services implement or use it, never the other way round");

    static final ArchRule NO_MODULE_CYCLES = slices().matching("io.basehook.(*)..").should().beFreeOfCycles()
            .because("each module builds and changes on top of the ones below it, never in a loop");

    static final ArchRule NO_AGGREGATE_CYCLES = slices().matching("io.basehook.domain.(*)..").should().beFreeOfCycles()
            .because("each part of the domain (bases, tables, rows, webhooks, deliveries) can be read on its own");

    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching("io.basehook.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("adapters meet only through the application's ports");

    static final ArchRule NO_FRAMEWORK_ANNOTATIONS_ON_DOMAIN = noClasses()
            .that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().beAnnotatedWith("io.micronaut.serde.annotation.Serdeable")
            .orShould().beAnnotatedWith("io.micronaut.data.annotation.MappedEntity")
            .orShould().beAnnotatedWith("jakarta.inject.Singleton")
            .because("JSON shapes, tables and beans are the adapters' and bootstrap's business, not the domain's");

    static final ArchRule USE_CASES_ARE_PORTS = classes().that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces().andShould().resideInAPackage("io.basehook.application.port.in..")
            .because("a use case is what an adapter may ask of the application; a service carries it out");

    static final ArchRule SERVICES_IMPLEMENT_USE_CASES = classes().that().resideInAPackage(SERVICES)
            .and().haveSimpleNameEndingWith("Service")
            .should().implement(DescribedPredicate.describe("a use case",
                    (JavaClass type) -> type.getSimpleName().endsWith("UseCase")))
            .because("every service is reached through the use case it carries out");

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
            .orShould().haveSimpleNameEndingWith("Utils")
            .because("a class is named for what it does, so a reader finds it by its job");

    static final ArchRule CONTROLLERS_LIVE_IN_REST = classes().that()
            .areAnnotatedWith("io.micronaut.http.annotation.Controller")
            .should().resideInAPackage(REST).andShould().haveSimpleNameEndingWith("Controller")
            .because("every route of the HTTP API is found in the REST adapter, in a class named a controller");

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

    /**
     * How a webhook is sent is the domain's contract, {@link WebhookPort}; in production only the webhook adapter keeps
     * it (tests bring their own doubles).
     */
    static final ArchRule WEBHOOK_PORT_IN_THE_DOMAIN = CompositeArchRule
            .of(classes().that().areInterfaces().and().haveSimpleName("WebhookPort")
                    .should().resideInAPackage(DOMAIN))
            .and(noClasses().that().resideOutsideOfPackage(WEBHOOK)
                    .should().implement(WebhookPort.class))
            .because("the delivery rules decide what a webhook attempt is; HTTP is one adapter's way to make it, and "
                    + "another transport would be another adapter");

    /** All of the delivery engine but its doors for a use case: record a change, hand work over, read the settings. */
    private static final DescribedPredicate<JavaClass> ENGINE_INSIDES = resideInAPackage(ENGINE)
            .and(not(belongToAnyOf(ChangeRecorder.class, DeliveryHandoff.class, DeliverySettings.class)))
            .as("belong to the delivery engine other than ChangeRecorder, DeliveryHandoff and DeliverySettings");

    static final ArchRule THE_ENGINE_HAS_ITS_OWN_ROOM = noClasses().that().resideInAPackage(SERVICES)
            .should().dependOnClassesThat(ENGINE_INSIDES)
            .because("the engine that sends webhooks changes inside without touching a use case, and only bootstrap "
                    + "starts and stops it");

    static final ArchRule GROUP_COMMIT_IS_A_STRATEGY = noClasses().that().resideInAPackage(SERVICES)
            .should().dependOnClassesThat().belongToAnyOf(GroupCommit.class, WriteCombiner.class)
            .because("a content write works the same committed in groups or one by one: the use case calls "
                    + "ContentWrites and bootstrap chooses how it commits");


    /** Every rule above, by field name, for checking that a planted violation breaks only the rule it is for. */
    private static final Map<String, ArchRule> RULES = rules();

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
    void everyBodyIsReadStrictly() {
        BODIES_ARE_READ_STRICTLY.check(PRODUCTION);
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
    void theWebhookPortIsTheDomains() {
        WEBHOOK_PORT_IN_THE_DOMAIN.check(PRODUCTION);
    }

    @Test
    void useCasesUseOnlyTheEnginesDoors() {
        THE_ENGINE_HAS_ITS_OWN_ROOM.check(PRODUCTION);
    }

    @Test
    void useCasesLeaveGroupCommitToBootstrap() {
        GROUP_COMMIT_IS_A_STRATEGY.check(PRODUCTION);
    }

    @Test
    void anAdapterWakingTheDeliveryLoopItselfFailsTheBuild() {
        assertPlantedBreaks(LAYERS, PlantedAdapterWakingTheLoop.class, DeliveryLoop.class);
    }

    @Test
    void aFileInTheDomainFailsTheBuild() {
        assertPlantedBreaks(DOMAIN_IS_PURE_JAVA, PlantedFileInDomain.class);
    }

    @Test
    void aLoggerInTheApplicationFailsTheBuild() {
        assertPlantedBreaks(APPLICATION_KNOWS_NO_FRAMEWORK, PlantedLoggerInTheApplication.class);
    }

    @Test
    void aControllerCallingAServiceClassFailsTheBuild() {
        assertPlantedBreaks(ADAPTERS_SEE_PORTS_NOT_SERVICES, PlantedServiceCallingController.class);
    }

    @Test
    void aControllerAskingTheDatabaseFailsTheBuild() {
        assertPlantedBreaks(DATABASE_ONLY_IN_PERSISTENCE, PlantedSqlInRest.class);
    }

    @Test
    void aControllerSendingHttpRequestsFailsTheBuild() {
        assertPlantedBreaks(HTTP_CLIENT_ONLY_IN_WEBHOOK, PlantedHttpClientInRest.class);
    }

    @Test
    void theWebhookAdapterBindingARequestFailsTheBuild() {
        assertPlantedBreaks(HTTP_SERVER_ONLY_IN_REST, PlantedEndpointInWebhook.class);
    }

    @Test
    void aUseCaseAnsweringAnOutPortTypeFailsTheBuild() {
        assertPlantedBreaks(PORTS_IN_AND_OUT_ARE_APART, PlantedUseCaseAnsweringAnOutPortType.class,
                DeliveryBacklogQuery.class);
    }

    @Test
    void aPortUsingAServiceFailsTheBuild() {
        assertPlantedBreaks(PORTS_NEVER_SEE_SERVICES, PlantedPortUsingAService.class);
    }

    /** Every module is also a layer, so a cycle between two breaks the layers too. */
    @Test
    void aCycleBetweenAnAdapterAndBootstrapFailsTheBuild() {
        assertPlantedBreaks(NO_MODULE_CYCLES, LAYERS, PlantedWebhookSideOfACycle.class,
                PlantedBootstrapSideOfACycle.class);
    }

    @Test
    void aCycleBetweenRowsAndTablesFailsTheBuild() {
        assertPlantedBreaks(NO_AGGREGATE_CYCLES, PlantedRowKnowingItsTable.class, PlantedTableKnowingItsRows.class);
    }

    /** Every adapter is also a layer only bootstrap may see, so one adapter using another breaks the layers too. */
    @Test
    void anAdapterUsingAnotherFailsTheBuild() {
        assertPlantedBreaks(ADAPTERS_ARE_INDEPENDENT, LAYERS, PlantedRestUsingTheWebhookAdapter.class,
                BlockedAddressException.class);
    }

    /** An annotation is a dependency too, so a framework's annotation on the domain also makes it impure. */
    @Test
    void aSerdeAnnotationOnTheDomainFailsTheBuild() {
        assertPlantedBreaks(NO_FRAMEWORK_ANNOTATIONS_ON_DOMAIN, DOMAIN_IS_PURE_JAVA, PlantedSerdeableInDomain.class);
    }

    @Test
    void aUseCaseThatIsAClassFailsTheBuild() {
        assertPlantedBreaks(USE_CASES_ARE_PORTS, PlantedConcreteUseCase.class);
    }

    @Test
    void aServiceBehindNoUseCaseFailsTheBuild() {
        assertPlantedBreaks(SERVICES_IMPLEMENT_USE_CASES, PlantedStandaloneService.class);
    }

    @Test
    void aStructureUseCaseAppendingAnEventFailsTheBuild() {
        assertPlantedBreaks(ONLY_CONTENT_USE_CASES_RECORD_CHANGES, PlantedEventFromStructure.class);
    }

    @Test
    void aStructureUseCaseQueueingDeliveriesForSeveralBasesFailsTheBuild() {
        assertPlantedBreaks(ONLY_CONTENT_USE_CASES_RECORD_CHANGES, PlantedDeliveriesFromStructure.class);
    }

    @Test
    void aManagerFailsTheBuild() {
        assertPlantedBreaks(ROLE_NAMES, PlantedWebhookManager.class);
    }

    @Test
    void aControllerNotNamedOneFailsTheBuild() {
        assertPlantedBreaks(CONTROLLERS_LIVE_IN_REST, PlantedRestEndpoint.class);
    }

    @Test
    void aControllerBindingABodyTheLenientWayFailsTheBuild() {
        assertPlantedBreaks(BODIES_ARE_READ_STRICTLY, PlantedLooseBodyController.class);
    }

    @Test
    void aWebhookPortDefinedInTheApplicationFailsTheBuild() {
        assertPlantedBreaks(WEBHOOK_PORT_IN_THE_DOMAIN, io.basehook.application.port.out.planted.WebhookPort.class);
    }

    @Test
    void theApplicationSendingWebhooksItselfFailsTheBuild() {
        assertPlantedBreaks(WEBHOOK_PORT_IN_THE_DOMAIN, PlantedWebhookSenderInTheApplication.class);
    }

    @Test
    void aUseCaseDrivingTheDeliveryEngineFailsTheBuild() {
        assertPlantedBreaks(THE_ENGINE_HAS_ITS_OWN_ROOM, PlantedUseCaseDrivingTheEngine.class);
    }

    /** Only the content use cases take a ChangeRecorder, and a group commit needs one. */
    @Test
    void aUseCaseBuildingAGroupCommitFailsTheBuild() {
        assertPlantedBreaks(GROUP_COMMIT_IS_A_STRATEGY, ONLY_CONTENT_USE_CASES_RECORD_CHANGES,
                PlantedUseCaseBuildingAGroupCommit.class);
    }

    /**
     * Imports the planted classes (with any production class a violation needs to show) and checks that
     * {@code rule} reports a planted class and that no other rule in this file does.
     */
    private static void assertPlantedBreaks(ArchRule rule, Class<?>... classes) {
        assertPlantedBreaks(rule, null, classes);
    }

    /** As {@link #assertPlantedBreaks(ArchRule, Class[])}, where the violation necessarily breaks {@code also}. */
    private static void assertPlantedBreaks(ArchRule rule, ArchRule also, Class<?>... classes) {
        assertTrue(RULES.containsValue(rule), "a rule of this file");
        JavaClasses planted = new ClassFileImporter().importClasses(classes);
        RULES.forEach((name, each) -> {
            List<String> violations = plantedViolations(each, planted);
            if (each == rule || each == also) {
                assertFalse(violations.isEmpty(), name + " lets the planted violation through");
            } else {
                assertTrue(violations.isEmpty(), name + " reports the planted violation too: " + violations);
            }
        });
    }

    /** What the rule reports about a class in a {@code planted} package (an empty layer or slice is no finding). */
    private static List<String> plantedViolations(ArchRule rule, JavaClasses classes) {
        return rule.allowEmptyShould(true).evaluate(classes).getFailureReport().getDetails().stream()
                .filter(detail -> detail.contains(".planted."))
                .toList();
    }

    /** Every rule in this file, by name. */
    private static Map<String, ArchRule> rules() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        for (Field field : ArchitectureTest.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
                try {
                    rules.put(field.getName(), (ArchRule) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return rules;
    }
}
