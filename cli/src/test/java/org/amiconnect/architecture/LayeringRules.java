package org.amiconnect.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layering of the modules as ArchUnit rules (the design's "dependencies point one way"): schemas ← core ←
 * adapters ← services ← cli, with {@code embedded} and {@code simulators} beside them, and plug-ins (plugins/) on
 * schemas, core and simulators only.
 */
final class LayeringRules {

    /** Vendors by the names they go by in packages and classes (the predecessor's list and ours). */
    static final String VENDOR_NAMES = "(?i).*(beacon|aclara|sentryx|subeca|neptune|sensus|xylem|metersense"
            + "|badger|datalake).*";

    private static final List<String> SERVICES = List.of("extractor", "transformer", "loader", "archiver");

    /** Plug-in jars of this repository (plugins/), one package each; their simulators in a {@code simulator} package. */
    static final String PLUGINS = "org.amiconnect.plugins..";
    static final String PLUGIN_SIMULATORS = "org.amiconnect.plugins.*.simulator..";

    /** No upward import: a module sees only the ones below it; {@code embedded} is for the CLI (and tests) only. */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("schemas").definedBy("org.amiconnect.schemas..")
            .layer("core").definedBy("org.amiconnect.core..")
            .layer("embedded").definedBy("org.amiconnect.embedded..")
            .layer("adapters").definedBy("org.amiconnect.adapters..")
            .layer("simulators").definedBy("org.amiconnect.simulators..")
            .layer("services").definedBy(SERVICES.stream().map(s -> "org.amiconnect." + s + "..").toArray(String[]::new))
            .layer("cli").definedBy("org.amiconnect.cli..")
            .layer("plugins").definedBy(PLUGINS)
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("plugins").mayNotBeAccessedByAnyLayer()
            .whereLayer("services").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("embedded").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("simulators").mayOnlyBeAccessedByLayers("cli", "plugins")
            .whereLayer("adapters").mayOnlyBeAccessedByLayers("services", "cli")
            .whereLayer("core").mayOnlyBeAccessedByLayers("embedded", "adapters", "simulators", "services", "cli",
                    "plugins")
            .because("dependencies point one way: schemas <- core <- adapters <- services <- cli; a plug-in sees only "
                    + "schemas, core and simulators, and nothing sees a plug-in");

    /** A plug-in's simulator half is the independent oracle of its client, as the simulators module is of ours. */
    static final ArchRule PLUGIN_SIMULATORS_WITHOUT_THEIR_ADAPTER = noClasses().that().resideInAPackage(PLUGIN_SIMULATORS)
            .should().dependOnClassesThat(resideInAPackage(PLUGINS).and(resideOutsideOfPackage(PLUGIN_SIMULATORS)))
            .because("a simulator that shared the client's code would agree with its mistakes");

    /** A plug-in's adapter half runs in deployments that simulate nothing: it needs no simulator code. */
    static final ArchRule PLUGIN_ADAPTERS_WITHOUT_SIMULATORS = noClasses().that().resideInAPackage(PLUGINS)
            .and().resideOutsideOfPackage(PLUGIN_SIMULATORS)
            .should().dependOnClassesThat().resideInAnyPackage("org.amiconnect.simulators..", PLUGIN_SIMULATORS)
            .because("the adapter is what a production deployment runs; simulators are for demos and tests");

    /** The services meet only at topics. */
    static final ArchRule SERVICES_APART = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SERVICES.stream().filter(s -> javaClass.getPackageName().startsWith("org.amiconnect." + s))
                    .findFirst().map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
        }

        @Override
        public String getDescription() {
            return "services";
        }
    }).should().notDependOnEachOther().because("services never import each other; they meet only at topics");

    /** A simulator is the independent oracle of a client: it must not share the client's code. */
    static final ArchRule SIMULATORS_WITHOUT_ADAPTERS = noClasses().that().resideInAPackage("org.amiconnect.simulators..")
            .should().dependOnClassesThat().resideInAPackage("org.amiconnect.adapters..")
            .because("a simulator that shared the client's code would agree with its mistakes");

    /** Core is what every plug-in compiles against: it names no adapter and no vendor. */
    static final ArchRule CORE_KNOWS_NO_VENDOR = noClasses().that().resideInAPackage("org.amiconnect.core..")
            .should().dependOnClassesThat().resideInAPackage("org.amiconnect.adapters..")
            .orShould().dependOnClassesThat().haveNameMatching(VENDOR_NAMES)
            .orShould().haveNameMatching(VENDOR_NAMES)
            .because("core sees a vendor only through the adapter contracts");

    /** Core's packages form no cycle. */
    static final ArchRule CORE_PACKAGES_ACYCLIC = slices().matching("org.amiconnect.core.(*)..").should().beFreeOfCycles();

    /** The adapter contracts read configuration; configuration sees a vendor only as a {@code SourceType}. */
    static final ArchRule CONFIG_BELOW_ADAPTER_CONTRACTS = noClasses().that()
            .resideInAPackage("org.amiconnect.core.config..")
            .should().dependOnClassesThat().resideInAPackage("org.amiconnect.core.adapter..")
            .because("adapter -> config is the one direction between them");

    private LayeringRules() {
    }
}
