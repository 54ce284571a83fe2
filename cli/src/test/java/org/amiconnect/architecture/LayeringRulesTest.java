package org.amiconnect.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.amiconnect.adapters.beacon360.Beacon360Client;
import org.amiconnect.adapters.beacon360.Beacon360Settings;
import org.amiconnect.archiver.ArchiverStats;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.archfixture.CoreClassNamingAVendor;
import org.amiconnect.core.config.SourceType;
import org.amiconnect.core.config.archfixture.ConfigNamingTheAdapterContract;
import org.amiconnect.loader.archfixture.LoaderCallingTheArchiver;
import org.amiconnect.plugins.archfixture.PluginUsingABuiltInAdapter;
import org.amiconnect.plugins.archfixture.simulator.PluginSimulatorUsingItsClient;
import org.amiconnect.plugins.neptune360.Neptune360Client;
import org.amiconnect.simulators.archfixture.SimulatorUsingTheClient;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The rules of {@link LayeringTest} fail when broken: each is evaluated against a small fixture class (in the test
 * tree, in the package it pretends to belong to) that breaks it, and must report that class and what it uses.
 */
class LayeringRulesTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported);
    }

    @Test
    void coreNamingAnAdapterFailsTheBuildWithTheClassAndTheAdapterItUses() {
        JavaClasses classes = new ClassFileImporter().importClasses(CoreClassNamingAVendor.class, Beacon360Settings.class);

        assertThatThrownBy(() -> LayeringRules.CORE_KNOWS_NO_VENDOR.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Architecture Violation [Priority: MEDIUM] - Rule 'no classes that reside in a "
                        + "package 'org.amiconnect.core..' should depend on classes that reside in a package "
                        + "'org.amiconnect.adapters..'")
                .hasMessageContaining("because core sees a vendor only through the adapter contracts")
                .hasMessageContaining("Field <" + CoreClassNamingAVendor.class.getName() + ".settings> has type <"
                        + Beacon360Settings.class.getName() + ">");
    }

    @Test
    void coreNamingAnAdapterBreaksTheLayersToo() {
        EvaluationResult result = evaluate(LayeringRules.LAYERS, CoreClassNamingAVendor.class, Beacon360Settings.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Field <" + CoreClassNamingAVendor.class.getName()
                + ".settings> has type <" + Beacon360Settings.class.getName() + ">");
    }

    @Test
    void oneServiceImportingAnotherIsReported() {
        EvaluationResult result = evaluate(LayeringRules.SERVICES_APART, LoaderCallingTheArchiver.class,
                ArchiverStats.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("services never import each other; they meet only at topics",
                        LoaderCallingTheArchiver.class.getName(), ArchiverStats.class.getName());
    }

    @Test
    void aSimulatorUsingTheClientIsReported() {
        EvaluationResult result = evaluate(LayeringRules.SIMULATORS_WITHOUT_ADAPTERS, SimulatorUsingTheClient.class,
                Beacon360Client.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Field <" + SimulatorUsingTheClient.class.getName()
                + ".client> has type <" + Beacon360Client.class.getName() + ">");
    }

    @Test
    void aPlugInSimulatorUsingItsOwnClientIsReported() {
        EvaluationResult result = evaluate(LayeringRules.PLUGIN_SIMULATORS_WITHOUT_THEIR_ADAPTER,
                PluginSimulatorUsingItsClient.class, Neptune360Client.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Field <"
                + PluginSimulatorUsingItsClient.class.getName() + ".client> has type <" + Neptune360Client.class.getName()
                + ">");
    }

    @Test
    void aPlugInUsingTheBuiltInAdaptersBreaksTheLayers() {
        EvaluationResult result = evaluate(LayeringRules.LAYERS, PluginUsingABuiltInAdapter.class,
                Beacon360Settings.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Field <" + PluginUsingABuiltInAdapter.class.getName()
                + ".settings> has type <" + Beacon360Settings.class.getName() + ">");
    }

    @Test
    void configurationUsingTheAdapterContractIsReportedAndMakesACycle() {
        EvaluationResult direction = evaluate(LayeringRules.CONFIG_BELOW_ADAPTER_CONTRACTS,
                ConfigNamingTheAdapterContract.class, SourceAdapter.class);
        // the adapter contract names the config's SourceType: with the fixture, config and adapter form a cycle
        EvaluationResult cycle = evaluate(LayeringRules.CORE_PACKAGES_ACYCLIC, ConfigNamingTheAdapterContract.class,
                SourceAdapter.class, SourceType.class);

        assertThat(direction.hasViolation()).isTrue();
        assertThat(direction.getFailureReport().toString()).contains(ConfigNamingTheAdapterContract.class.getName(),
                SourceAdapter.class.getName());
        assertThat(cycle.hasViolation()).isTrue();
        assertThat(cycle.getFailureReport().toString()).contains("Cycle detected: Slice adapter -> \n"
                + "                Slice config -> \n"
                + "                Slice adapter");
    }

    @Test
    void aVendorNameInCoreIsReportedEvenWithoutAnImport() {
        assertThat("org.amiconnect.core.normalize.SensusUnits").matches(LayeringRules.VENDOR_NAMES);
        assertThat("org.amiconnect.core.normalize.Units").doesNotMatch(LayeringRules.VENDOR_NAMES);
    }
}
