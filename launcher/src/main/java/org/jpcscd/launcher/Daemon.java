package org.jpcscd.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the daemon in this process: an embedded Felix started from the chosen features. */
final class Daemon {
    /** Logged when every bundle has been started; the process test and bin/pcscd's detach wait for it. */
    static final String STARTED = "jpcscd started";
    /** Framework property: foreground, background, on-demand or socket-activation. */
    static final String START_MODE = "jpcscd.start.mode";
    private static final Duration START_DEADLINE = Duration.ofMinutes(2);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    private final Settings settings;
    private final Consumer<Framework> whenStarted;

    /** The shell bundle's log levels configuration (its LogLevels component). */
    static final String LOGGING_PID = "org.jpcscd.logging";

    Daemon(Settings settings) {
        this(settings, framework -> { });
    }

    /** {@code whenStarted} runs once every bundle has started; tests look inside the framework there. */
    Daemon(Settings settings, Consumer<Framework> whenStarted) {
        this.settings = settings;
        this.whenStarted = whenStarted;
    }

    /** Returns the exit status. */
    int run() {
        Logging.configure(settings.debug);
        Logger log = LoggerFactory.getLogger(Daemon.class);
        try {
            return launch(log);
        } catch (LaunchException e) {
            log.error("cannot start: {}", e.getMessage());
            return 1;
        } catch (BundleException e) {
            log.error("cannot start the framework: {}", e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int launch(Logger log) throws BundleException, InterruptedException {
        Distribution distribution = new Distribution(settings.home.toAbsolutePath().normalize());
        List<String> names = new ArrayList<>(settings.features);
        if (wantsConsole(names)) {
            names.add("console");
        }
        FeatureSet features = FeatureSet.read(distribution.features(names), distribution.variables());
        Map<String, Map<String, Object>> configurations = configurations(features, distribution);
        SocketPlan socket = SocketPlan.of(features, configurations, System.getenv(), ProcessHandle.current().pid());
        socket.configureIdleExit(settings, configurations);
        // Before anything else touches the socket: a second daemon on the same path stops here.
        InstanceLock lock = socket.lock();
        try {
            return launch(log, names, features, configurations, socket, distribution);
        } finally {
            socket.removeLeftSocket();
            if (lock != null) {
                lock.close();
            }
        }
    }

    private int launch(Logger log, List<String> names, FeatureSet features, Map<String, Map<String, Object>> configurations,
            SocketPlan socket, Distribution distribution) throws BundleException, InterruptedException {
        CacheDirectory cache = CacheDirectory.choose(settings.runtimeDirectory);
        Map<String, Object> properties = frameworkProperties(features, cache, distribution);
        properties.putAll(socket.frameworkProperties());
        Framework framework = newFramework(properties);
        Thread hook = new Thread(() -> stop(framework), "jpcscd-shutdown");
        try {
            framework.init();
            // Before anything slow, so a SIGTERM during start-up also ends in an orderly stop.
            Runtime.getRuntime().addShutdownHook(hook);
            Signals.onTermination(() -> stopAsync(framework));
            ConfigAdminBridge.install(framework.getBundleContext(), configurations);
            StartupWatch startup = StartupWatch.on(framework);
            BundleInstaller installer = new BundleInstaller(framework, new MavenRepository(distribution.system()));
            installer.installAll(features.bundles());
            framework.start();
            if (!startup.await(START_DEADLINE)) {
                log.info("jpcscd stopped during start-up");
                return 0;
            }
            installer.reportInactive();
            log.info("{} in {} ms: {} bundles, features {}", STARTED, sinceExec().toMillis(),
                    features.bundles().size(), String.join(",", names));
            whenStarted.accept(framework);
            if (settings.exitAfterStart) {
                return 0;
            }
            framework.waitForStop(0);
            log.info("jpcscd stopped");
            return 0;
        } finally {
            stop(framework);
            cache.discard();
        }
    }

    private boolean wantsConsole(List<String> names) {
        return settings.foreground && !settings.exitAfterStart && System.console() != null
                && names.contains("shell") && !names.contains("console");
    }

    private Map<String, Object> frameworkProperties(FeatureSet features, CacheDirectory cache, Distribution distribution) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.path().toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(features.beginningStartLevel()));
        properties.put("felix.log.logger", new FelixLogBridge());
        properties.put("felix.log.level", "4");
        properties.put("jpcscd.home", distribution.home().toString());
        // How the daemon was started (pcsc:status shows it; the core refuses APDU tracing in a daemon
        // started on demand by an unprivileged user). A -D jpcscd.start.mode=on-demand from whoever
        // starts it on demand wins, as does background from our own detach.
        properties.put(START_MODE, System.getenv("LISTEN_FDS") != null ? "socket-activation" : "foreground");
        properties.putAll(features.frameworkProperties());
        properties.putAll(settings.frameworkProperties);
        return properties;
    }

    /** The features' configurations, then etc/*.cfg, then the command line's values laid over them. */
    private Map<String, Map<String, Object>> configurations(FeatureSet features, Distribution distribution) {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        features.configurations().forEach((pid, values) -> merged.put(pid, new HashMap<>(values)));
        EtcConfigurations.read(distribution.etc()).forEach((pid, values) ->
                merged.computeIfAbsent(pid, p -> new HashMap<>()).putAll(values));
        settings.configurations.forEach((pid, values) ->
                merged.computeIfAbsent(pid, p -> new HashMap<>()).putAll(values));
        if (settings.debug) {
            // The shell bundle's logging component would otherwise put the level back to INFO when it
            // activates; an explicit --set org.jpcscd.logging:level=... wins over --debug.
            merged.computeIfAbsent(LOGGING_PID, p -> new HashMap<>()).putIfAbsent("level", "DEBUG");
        }
        return merged;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Framework newFramework(Map<String, Object> properties) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Daemon.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
        // Felix accepts objects as values (the logger); the standard signature says String.
        return factory.newFramework((Map) properties);
    }

    private static void stopAsync(Framework framework) {
        try {
            framework.stop();
        } catch (BundleException | IllegalStateException e) {
            LoggerFactory.getLogger(Daemon.class).warn("stopping the framework: {}", e.getMessage());
        }
    }

    /** Stops and waits; safe to call again and from the shutdown hook. */
    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(STOP_DEADLINE.toMillis());
        } catch (BundleException | IllegalStateException e) {
            LoggerFactory.getLogger(Daemon.class).warn("stopping the framework: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * From the start of bin/pcscd, which exports its clock as JPCSCD_EXEC_MS; else from the start of
     * this process (whose clock the kernel gives only to the boot second, so less exact).
     */
    private static Duration sinceExec() {
        String exec = System.getenv("JPCSCD_EXEC_MS");
        Instant start;
        try {
            start = Instant.ofEpochMilli(Long.parseLong(exec));
        } catch (NumberFormatException e) {
            start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        }
        return Duration.between(start, Instant.now());
    }
}
