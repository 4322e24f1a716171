package dev.ledmatrix;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The folder tree is the architecture: dependencies point one way (web → display → plugin → state, plugin and
 * display → graphics), there are no import circles, and no field injection.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Spring AOT's generated wiring (Foo__BeanDefinitions, ...) is left in target/classes by a -Pspring-aot
            // build and necessarily references every feature; it is not part of the architecture.
            .withImportOption(location -> !location.contains("__"))
            .importPackages("dev.ledmatrix");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.ledmatrix.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void stateDependsOnNoOtherFeature() {
        onlyDependOn("state");
    }

    @Test
    void graphicsDependsOnNoOtherFeature() {
        onlyDependOn("graphics");
    }

    @Test
    void storageDependsOnNoOtherFeature() {
        onlyDependOn("storage");
    }

    @Test
    void pluginDependsOnlyOnStateGraphicsAndStorage() {
        onlyDependOn("plugin", "state", "graphics", "storage");
    }

    @Test
    void pluginSpiDependsOnlyOnGraphics() {
        noClasses().that().resideInAPackage("dev.ledmatrix.plugin.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledmatrix.state..",
                        "dev.ledmatrix.storage..", "dev.ledmatrix.display..", "dev.ledmatrix.web..",
                        "dev.ledmatrix.ops..")
                .check(MAIN);
    }

    @Test
    void builtInPluginsUseOnlyTheSpiAndGraphics() {
        noClasses().that().resideInAPackage("dev.ledmatrix.plugin.builtin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledmatrix.state..",
                        "dev.ledmatrix.storage..", "dev.ledmatrix.display..", "dev.ledmatrix.web..",
                        "dev.ledmatrix.ops..")
                .check(MAIN);
    }

    @Test
    void displayDependsOnlyDownwards() {
        onlyDependOn("display", "plugin", "state", "graphics", "storage");
    }

    @Test
    void opsNeverDependsOnTheWebLayer() {
        onlyDependOn("ops", "display", "plugin", "state", "graphics", "storage");
    }

    @Test
    void nothingDependsOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("dev.ledmatrix.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledmatrix.web..")
                .check(MAIN);
    }

    /** MQTT sits at the web layer's level: it drives the display and the plugins, and nothing depends on it. */
    @Test
    void mqttDependsOnlyDownwards() {
        onlyDependOn("mqtt", "display", "plugin", "state", "graphics", "storage");
    }

    @Test
    void nothingDependsOnMqtt() {
        noClasses().that().resideOutsideOfPackage("dev.ledmatrix.mqtt..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledmatrix.mqtt..")
                .check(MAIN);
    }

    @Test
    void noFieldInjection() {
        noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .check(MAIN);
    }

    /** Classes of {@code feature} use no dev.ledmatrix class outside the listed features (and the root package). */
    private static void onlyDependOn(String feature, String... allowed) {
        String[] packages = new String[allowed.length + 1];
        packages[0] = "dev.ledmatrix." + feature + "..";
        for (int i = 0; i < allowed.length; i++) {
            packages[i + 1] = "dev.ledmatrix." + allowed[i] + "..";
        }
        noClasses().that().resideInAPackage("dev.ledmatrix." + feature + "..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to another feature",
                        c -> c.getPackageName().startsWith("dev.ledmatrix.")
                                && java.util.Arrays.stream(packages).noneMatch(p -> c.getPackageName()
                                        .startsWith(p.substring(0, p.length() - 2)))))
                .check(MAIN);
    }
}
