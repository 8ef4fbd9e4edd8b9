package org.jpcscd.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The daemon's log levels from Config Admin (PID {@value #PID}), applied live: the SLF4J binding is
 * slf4j-jdk14, which asks {@code java.util.logging} on every call, so setting a JUL logger's level
 * takes effect at once for every bundle, the launcher's Felix messages included.
 *
 * <p>The APDU logger is held at INFO whatever the levels say: whether APDUs are logged is decided by
 * {@code pcsc:trace} alone (the core formats nothing for an untraced reader), and a quieter root
 * level must not silence a trace an operator asked for.
 */
@Component(configurationPid = LogLevels.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = LogLevels.Config.class)
public class LogLevels {
    static final String PID = "org.jpcscd.logging";
    static final String APDU_LOGGER = "org.jpcscd.core.apdu";
    private static final Logger LOG = Logger.getLogger(LogLevels.class.getName());

    @ObjectClassDefinition(name = "Logging", description = "Log levels of the daemon, changed live")
    public @interface Config {
        @AttributeDefinition(description = "level of every logger without its own",
                options = {@Option(label = "ERROR", value = "ERROR"), @Option(label = "WARN", value = "WARN"), @Option(label = "INFO", value = "INFO"),
                        @Option(label = "DEBUG", value = "DEBUG"), @Option(label = "TRACE", value = "TRACE")})
        String level() default "INFO";

        @AttributeDefinition(required = false,
                description = "per-logger levels, LOGGER=LEVEL, e.g. org.jpcscd.protocol=TRACE (comma-separated in pcsc:config)")
        String[] loggers() default {};
    }

    /**
     * JUL keeps loggers only weakly: a level set on a logger nobody holds yet would be lost when it
     * is collected, so the configured ones are held here.
     */
    private final Map<String, Logger> configured = new LinkedHashMap<>();

    @Activate
    @Modified
    void apply(Config config) {
        Map<String, LogLevel> levels = levels(config);
        synchronized (configured) {
            // A logger dropped from the configuration follows its parent again; the root always has a level.
            configured.forEach((name, logger) -> {
                if (!name.isEmpty() && !levels.containsKey(name)) {
                    logger.setLevel(null);
                }
            });
            configured.clear();
            for (Map.Entry<String, LogLevel> entry : levels.entrySet()) {
                Logger logger = Logger.getLogger(entry.getKey());
                logger.setLevel(entry.getValue().jul);
                configured.put(entry.getKey(), logger);
            }
            Logger apdu = Logger.getLogger(APDU_LOGGER);
            apdu.setLevel(LogLevel.INFO.jul);
            configured.put(APDU_LOGGER, apdu);
        }
        LOG.fine("log levels " + levels);
    }

    @Deactivate
    void deactivate() {
        synchronized (configured) {
            configured.forEach((name, logger) -> logger.setLevel(name.isEmpty() ? LogLevel.INFO.jul : null));
            configured.clear();
        }
    }

    /** The root ("") first, then each per-logger entry; a bad entry is skipped with one warning. */
    static Map<String, LogLevel> levels(Config config) {
        Map<String, LogLevel> levels = new LinkedHashMap<>();
        LogLevel root;
        try {
            root = LogLevel.parse(config.level());
        } catch (IllegalArgumentException e) {
            LOG.warning(PID + " level: " + e.getMessage() + "; keeping INFO");
            root = LogLevel.INFO;
        }
        levels.put("", root);
        for (String entry : config.loggers()) {
            for (String one : entry.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                int equals = one.indexOf('=');
                try {
                    if (equals <= 0) {
                        throw new IllegalArgumentException("'" + one.strip() + "' is not LOGGER=LEVEL");
                    }
                    levels.put(one.substring(0, equals).strip(), LogLevel.parse(one.substring(equals + 1)));
                } catch (IllegalArgumentException e) {
                    LOG.warning(PID + " loggers: " + e.getMessage() + "; ignored");
                }
            }
        }
        levels.remove(APDU_LOGGER);
        return levels;
    }
}
