package dev.ledmatrix.ops;

import static dev.ledmatrix.ops.DeploymentFiles.dockerfile;
import static dev.ledmatrix.ops.DeploymentFiles.list;
import static dev.ledmatrix.ops.DeploymentFiles.map;
import static dev.ledmatrix.ops.DeploymentFiles.read;
import static dev.ledmatrix.ops.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.ops.DeploymentFiles.Instruction;

/**
 * What the Pi deployment relies on, checked in CI where no Docker engine exists (docker/lint.sh lints the
 * Dockerfile's syntax and style during verify): the compose service, the image and the systemd unit.
 */
class DockerFilesTest {

    private static final String SERVICE = "ledmatrix-manager";

    private final Map<String, Object> compose = yaml("docker/compose.yaml");
    private final Map<String, Object> service = map(map(compose.get("services")).get(SERVICE));
    private final List<Instruction> dockerfile = dockerfile("docker/Dockerfile");
    private final int finalStage = dockerfile.getLast().stage();

    // ---- compose.yaml -------------------------------------------------------------------------------

    @Test
    void composeGivesThePanelItsGroupAndRealtimePriorityButNoDeviceThatSomeBoardLacks() {
        // compose refuses to start when a listed device is missing: devices come from the board's override file
        assertThat(service).doesNotContainKey("devices");
        assertThat(list(service.get("group_add"))).isNotEmpty();
        // /proc/device-tree/model must be readable, or the service refuses the native panel (not a Pi).
        assertThat(list(service.get("security_opt"))).contains("systempaths=unconfined");
        // SCHED_FIFO 99 for the refresh thread of a non-root process: RLIMIT_RTPRIO, not CAP_SYS_NICE
        assertThat(map(map(service.get("ulimits")).get("rtprio"))).containsEntry("soft", 99).containsEntry("hard", 99);
        assertThat(service).doesNotContainKey("cap_add");
    }

    @Test
    void eachBoardsOverrideGrantsExactlyTheDevicesItsBackendOpens() {
        assertThat(overrideDevices("docker/compose.pi4.yaml")).containsExactly("/dev/gpiomem:/dev/gpiomem");
        assertThat(overrideDevices("docker/compose.pi5.yaml")).containsExactly("/dev/pio0:/dev/pio0");
        assertThat(overrideDevices("docker/compose.pi5-rio.yaml")).containsExactly("/dev/gpiomem0:/dev/gpiomem0");
        Map<String, Object> pulsing = overrideService("docker/compose.pi4-pulsing.yaml");
        assertThat(list(pulsing.get("devices"))).containsExactly("/dev/mem:/dev/mem");
        assertThat(list(pulsing.get("cap_add"))).containsExactly("SYS_RAWIO");
        assertThat(pulsing.get("user")).isEqualTo("0:0");
        assertThat(read("docker/.env.example")).containsPattern("(?m)^COMPOSE_FILE=compose.yaml:compose.pi4.yaml$");
        for (String file : List.of("compose.pi4.yaml", "compose.pi4-pulsing.yaml", "compose.pi5.yaml",
                "compose.pi5-rio.yaml")) {
            assertThat(read("docs/install-pi.md")).as("install-pi.md explains %s", file).contains(file);
        }
    }

    private static Map<String, Object> overrideService(String file) {
        return map(map(yaml(file).get("services")).get(SERVICE));
    }

    private static List<Object> overrideDevices(String file) {
        return list(overrideService(file).get("devices"));
    }

    @Test
    void composeKeepsDataInANamedVolumeAtTheDataDirectory() {
        String dataVolume = list(service.get("volumes")).stream().map(String::valueOf)
                .filter(v -> v.split(":")[1].equals("/data")).findFirst().orElseThrow();
        String name = dataVolume.split(":")[0];
        assertThat(name).doesNotStartWith(".").doesNotStartWith("/");
        assertThat(map(compose.get("volumes"))).containsKey(name);
        assertThat(map(service.get("environment"))).containsEntry("LEDMATRIX_DATA_DIR", "/data");
    }

    @Test
    void composeReadsTheTokenFromAnEnvFileThatIsNeverCommitted() {
        assertThat(service.get("env_file")).isEqualTo(".env");
        assertThat(read("docker/.env.example")).containsPattern("(?m)^LEDMATRIX_SECURITY_API_TOKEN=");
        assertThat(read(".gitignore")).containsPattern("(?m)^docker/\\.env$");
    }

    @Test
    void composeRestartsAndChecksHealthWithTheImagesProbe() {
        assertThat(service.get("restart")).isEqualTo("unless-stopped");
        List<Object> test = list(map(service.get("healthcheck")).get("test"));
        assertThat(test).contains("HealthCheck", "/opt/healthcheck");
        Instruction healthcheck = only("HEALTHCHECK");
        assertThat(healthcheck.arguments()).contains("\"HealthCheck\"", "\"/opt/healthcheck\"");
        assertThat(args("COPY")).anyMatch(a -> a.contains("/out/healthcheck/") && a.endsWith("/opt/healthcheck/"));
    }

    @Test
    void composeKeepsTheJvmOffCpu3WithoutForbiddingItToTheRefreshThread() {
        // A cgroup cpuset without CPU 3 would also stop librgbmatrix's refresh thread from pinning itself there.
        Object cpuset = service.get("cpuset");
        assertThat(cpuset == null || String.valueOf(cpuset).contains("3"))
                .as("cpuset %s must leave CPU 3 to the refresh thread", cpuset).isTrue();
        assertThat(map(service.get("environment"))).containsEntry("LEDMATRIX_JVM_CPUS", "0-2");
        assertThat(only("ENTRYPOINT").arguments()).startsWith("[\"/usr/local/bin/keep-off-cpu3\"");
        assertThat(read("docker/keep-off-cpu3.sh")).contains("taskset -c \"$cpus\"");
    }

    @Test
    void prometheusIsAnOptionalProfileThatScrapesTheService() {
        Map<String, Object> prometheus = map(map(compose.get("services")).get("prometheus"));
        assertThat(list(prometheus.get("profiles"))).containsExactly("monitoring");
        assertThat(list(prometheus.get("volumes"))).contains("./prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(String.valueOf(prometheus.get("image"))).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");

        Map<String, Object> job = map(list(yaml("docker/prometheus.yml").get("scrape_configs")).getFirst());
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(list(map(list(job.get("static_configs")).getFirst()).get("targets")))
                .containsExactly(SERVICE + ":8080");
        assertThat(list(service.get("ports"))).contains("8080:8080");
    }

    // ---- Dockerfile ---------------------------------------------------------------------------------

    @Test
    void imageIsMultiStageOnTaggedTemurin25Images() {
        List<String> bases = args("FROM");
        assertThat(bases).hasSizeGreaterThanOrEqualTo(2);
        // dockerfilelint cannot read `FROM --platform=...`, so its tag rule is off (.dockerfilelintrc): checked here.
        for (String from : bases) {
            String image = List.of(from.split(" ")).stream().filter(w -> !w.startsWith("--")).findFirst().orElseThrow();
            assertThat(image).as(from).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
        }
        assertThat(bases.getFirst()).contains("eclipse-temurin:25-jdk");
        assertThat(bases.getLast()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(bases.getFirst()).contains("--platform=$BUILDPLATFORM");
        assertThat(String.join("\n", args("RUN"))).contains("./mvnw", "-Pspring-aot -DskipTests package",
                "-Djarmode=tools", "extract");
    }

    @Test
    void imageRunsAsTheNonRootUserItCreates() {
        List<Instruction> users = dockerfile.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).isNotEmpty();
        String user = users.getLast().arguments();
        assertThat(users.getLast().stage()).isEqualTo(finalStage);
        assertThat(user).isNotIn("root", "0", "0:0");
        assertThat(inFinalStage("RUN")).anyMatch(r -> r.contains("useradd") && r.contains(" " + user)
                && r.contains("--groups gpio"));
    }

    @Test
    void imageTrainsTheAotCacheForTheEntrypointsClassPath() {
        Instruction workdir = dockerfile.stream().filter(i -> i.keyword().equals("WORKDIR") && i.stage() == finalStage)
                .findFirst().orElseThrow();
        assertThat(workdir.arguments()).isEqualTo("/app");
        String training = inFinalStage("RUN").stream().filter(r -> r.contains("-XX:AOTCacheOutput=")).findFirst()
                .orElseThrow();
        // Training and runs agree on everything that shapes the class path and the loaded classes.
        assertThat(training).contains("java @/app/jvm.options -Dspring.aot.enabled=true", "-XX:AOTCacheOutput=app.aot",
                "-Dspring.context.exit=onRefresh", "-jar ledmatrix-manager.jar");
        String entrypoint = only("ENTRYPOINT").arguments();
        assertThat(entrypoint).contains("\"@/app/jvm.options\"", "\"-XX:AOTCache=app.aot\"",
                "\"-jar\", \"ledmatrix-manager.jar\"");
        assertThat(args("COPY")).contains("docker/jvm.options /app/jvm.options");
        // The training run leaves no data behind in the image.
        assertThat(training).contains("-Dledmatrix.data-dir=/tmp/aot-training", "rm -rf /tmp/aot-training");
    }

    @Test
    void imageExposesThePortAndKeepsDataInAVolume() {
        assertThat(only("EXPOSE").arguments()).isEqualTo("8080");
        assertThat(inFinalStage("ENV")).anyMatch(e -> e.contains("LEDMATRIX_DATA_DIR=/data"));
        assertThat(only("VOLUME").arguments()).contains("/data");
        assertThat(only("HEALTHCHECK").arguments()).contains("--interval=", "CMD");
        assertThat(read("docker/HealthCheck.java")).contains("/actuator/health/liveness");
    }

    @Test
    void thePanelLibraryComesFromTheHostNotFromTheImage() {
        assertThat(String.join("\n", args("RUN"))).doesNotContain("make -C lib", "git fetch");
        // A directory is mounted, never the file: Docker would create a missing file source as a directory on the host.
        String mount = list(service.get("volumes")).stream().map(String::valueOf)
                .filter(v -> v.endsWith(":/opt/rgbmatrix:ro")).findFirst().orElseThrow();
        assertThat(mount).doesNotContain("librgbmatrix");
        assertThat(map(service.get("environment")))
                .containsEntry("LEDMATRIX_PANEL_LIBRARY_PATH", "/opt/rgbmatrix/librgbmatrix.so.1");
    }

    @Test
    void everyFileTheImageCopiesFromTheContextIsSentToTheBuilder() {
        List<String> allowed = read("docker/Dockerfile.dockerignore").lines().map(String::strip)
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        assertThat(read("docker/Dockerfile.dockerignore")).containsPattern("(?m)^\\*$");
        List<String> sources = args("COPY").stream().filter(c -> !c.startsWith("--from="))
                .flatMap(c -> {
                    List<String> words = List.of(c.split(" "));
                    return words.subList(0, words.size() - 1).stream();
                }).toList();
        assertThat(sources).isNotEmpty().allSatisfy(source -> assertThat(allowed)
                .as("%s is excluded from the build context by docker/Dockerfile.dockerignore", source)
                .anyMatch(a -> source.equals(a) || source.startsWith(a)));
    }

    // ---- systemd unit -------------------------------------------------------------------------------

    @Test
    void systemdUnitStartsTheSameJvmOptionsOffCpu3AndRestarts() {
        Map<String, List<String>> unit = DeploymentFiles.unit("docker/ledmatrix-manager.service");
        assertThat(unit.get("Service.ExecStart")).singleElement().asString()
                .startsWith("/usr/bin/java @/opt/ledmatrix-manager/jvm.options ")
                .contains("-Dspring.aot.enabled=true", "-XX:AOTCache=app.aot", "-jar ledmatrix-manager.jar");
        assertThat(unit.get("Service.WorkingDirectory")).containsExactly("/opt/ledmatrix-manager/app");
        assertThat(unit.get("Service.CPUAffinity")).containsExactly("0-2");
        assertThat(unit).doesNotContainKey("Service.AllowedCPUs");
        assertThat(unit.get("Service.Restart")).containsExactly("on-failure");
        assertThat(unit.get("Service.RestartSec")).isNotEmpty();
        assertThat(unit.get("Service.EnvironmentFile")).singleElement().asString().endsWith(".env");
        assertThat(unit.get("Service.StateDirectory")).containsExactly("ledmatrix-manager");
        assertThat(unit.get("Service.Environment")).contains("LEDMATRIX_DATA_DIR=/var/lib/ledmatrix-manager");
        assertThat(unit.get("Service.User")).singleElement().isNotEqualTo("root");
        // the panel's devices on every board (gpiomem, pio0, gpiomem0) are group gpio; realtime by rlimit
        assertThat(unit.get("Service.SupplementaryGroups")).containsExactly("gpio");
        assertThat(unit.get("Service.LimitRTPRIO")).containsExactly("99");
        assertThat(unit.get("Install.WantedBy")).containsExactly("multi-user.target");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private List<String> args(String keyword) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    private List<String> inFinalStage(String keyword) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword) && i.stage() == finalStage)
                .map(Instruction::arguments).toList();
    }

    private Instruction only(String keyword) {
        Predicate<Instruction> match = i -> Objects.equals(i.keyword(), keyword);
        assertThat(dockerfile.stream().filter(match)).as(keyword).hasSize(1);
        return dockerfile.stream().filter(match).findFirst().orElseThrow();
    }
}
