package dev.retailpipeline;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages' arrows run one way: run -> ingest, etl -> warehouse, web, time; generator -> time; dashboard ->
 * warehouse, web. The wiring (the top package: Application, AppConfiguration and its areas, StartUp) may see
 * everything; nothing sees it.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.retailpipeline");

    @Test
    void noTwoPackagesImportEachOtherInACircle() {
        slices().matching("dev.retailpipeline.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void packageArrowsRunOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("wiring").definedBy("dev.retailpipeline")
                .layer("run").definedBy("dev.retailpipeline.run..")
                .layer("ingest").definedBy("dev.retailpipeline.ingest..")
                .layer("etl").definedBy("dev.retailpipeline.etl..")
                .layer("dashboard").definedBy("dev.retailpipeline.dashboard..")
                .layer("generator").definedBy("dev.retailpipeline.generator..")
                .layer("warehouse").definedBy("dev.retailpipeline.warehouse..")
                .layer("web").definedBy("dev.retailpipeline.web..")
                .layer("time").definedBy("dev.retailpipeline.time..")
                .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("wiring", "run")
                .whereLayer("etl").mayOnlyBeAccessedByLayers("wiring", "run")
                .whereLayer("dashboard").mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("generator").mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("warehouse").mayOnlyBeAccessedByLayers("wiring", "run", "ingest", "etl", "dashboard", "web")
                .whereLayer("web").mayOnlyBeAccessedByLayers("wiring", "run", "dashboard", "generator")
                .whereLayer("time").mayOnlyBeAccessedByLayers("wiring", "run", "ingest", "etl", "generator", "web")
                .check(MAIN);
    }
}
