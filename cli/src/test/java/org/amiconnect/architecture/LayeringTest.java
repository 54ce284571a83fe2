package org.amiconnect.architecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of every module's main classes, checked in the build. It lives in the CLI's test tree because the CLI
 * is the one module whose class path holds every other module (the adapters and simulators at runtime scope, the
 * plug-ins of plugins/ at test scope), so one import sees them all; test classes are left out.
 */
class LayeringTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.amiconnect");
    }

    static Stream<Named<ArchRule>> rules() {
        return Stream.of(
                Named.of("modules depend only downwards", LayeringRules.LAYERS),
                Named.of("services never import each other", LayeringRules.SERVICES_APART),
                Named.of("simulators never import adapters", LayeringRules.SIMULATORS_WITHOUT_ADAPTERS),
                Named.of("a plug-in's simulator never imports its adapter",
                        LayeringRules.PLUGIN_SIMULATORS_WITHOUT_THEIR_ADAPTER),
                Named.of("a plug-in's adapter never imports a simulator", LayeringRules.PLUGIN_ADAPTERS_WITHOUT_SIMULATORS),
                Named.of("core knows no vendor", LayeringRules.CORE_KNOWS_NO_VENDOR),
                Named.of("core's packages form no cycle", LayeringRules.CORE_PACKAGES_ACYCLIC),
                Named.of("configuration does not depend on the adapter contracts",
                        LayeringRules.CONFIG_BELOW_ADAPTER_CONTRACTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void mainClassesKeepTheRule(ArchRule rule) {
        rule.check(main);
    }
}
