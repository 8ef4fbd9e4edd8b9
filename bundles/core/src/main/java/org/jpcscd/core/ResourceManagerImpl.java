package org.jpcscd.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpcscd.api.ScardCode;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.Scope;
import org.jpcscd.api.ifd.IfdReader;
import org.jpcscd.api.rm.ApduTracing;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ContextListener;
import org.jpcscd.api.rm.ReaderStatus;
import org.jpcscd.api.rm.ResourceManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource manager (pcscd's reader factory, event handler and winscard.c): tracks reader
 * services, keeps the reader-state array, and hands out contexts and card handles.
 *
 * <p>Deliberate differences from pcscd 1.9.9 (§13 of the wire-protocol notes): an idle card is not
 * powered down between uses (pcscd's on-demand power; the reader state clients see is the same);
 * leaving exclusive mode by reconnect gives up the implicit transaction; a reconnect with LEAVE
 * powers up a card another handle left unpowered; a departing transaction holder's card is reset
 * before its lock is released, so no waiter slips in between; a card that an exchange found gone
 * but that is back by the next presence check counts as removed and re-inserted, where pcscd's
 * entry would stay ABSENT until the card is pulled out again.
 */
@Component(immediate = true, service = {ResourceManager.class, ApduTracing.class}, configurationPid = ResourceManagerImpl.PID)
@Designate(ocd = CoreConfig.class)
public class ResourceManagerImpl implements ResourceManager, ApduTracing, Context.Owner {
    static final String PID = "org.jpcscd.core";
    private static final Logger LOG = LoggerFactory.getLogger(ResourceManagerImpl.class);
    /** Its own logger, so an operator can route or silence APDU traces apart from the rest. */
    private static final Logger APDU_LOG = LoggerFactory.getLogger("org.jpcscd.core.apdu");

    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("jpcscd-core-worker"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("jpcscd-core-poll"));
    private final StateBroadcaster broadcaster = new StateBroadcaster(workers);
    private final ReaderTable table = new ReaderTable();
    private volatile Limits limits = Limits.PCSCD_DEFAULTS;
    private final CardEventScheduler events = new CardEventScheduler(ticker, workers, limits.pollingPeriod());
    /** Where trace lines go; tests read them here instead of from the log. */
    volatile java.util.function.Consumer<String> traceSink = APDU_LOG::info;
    private final ApduTrace trace = new ApduTrace(line -> traceSink.accept(line));
    private final Connector connector = new Connector(table, () -> limits, trace);
    private volatile String traceRefusal;
    private final RandomIds contextIds = new RandomIds();
    private final Map<Integer, Context> contexts = new ConcurrentHashMap<>();
    private final AtomicInteger contextCount = new AtomicInteger();
    private final List<ContextListener> contextListeners = new CopyOnWriteArrayList<>();
    /** Held while telling listeners the count; see {@link #contextsChanged()}. */
    private final Object contextNotices = new Object();

    /** With pcscd's defaults, outside DS: tests here and in the bundles that use the core build it so. */
    public ResourceManagerImpl() {
    }

    /**
     * DS builds the component with its configuration before it binds the readers already registered,
     * so those get the configured limits (reader entries, polling period), not pcscd's defaults.
     */
    @Activate
    public ResourceManagerImpl(CoreConfig config) {
        apply(config);
    }

    @Activate
    void activateComponent(BundleContext bundleContext) {
        traceRefusal = TracePolicy.refusal(bundleContext.getProperty(TracePolicy.START_MODE_PROPERTY), TracePolicy.ownUid());
    }

    void activate(CoreConfig config) {
        apply(config);
    }

    /** For tests: how the daemon was started and by whom, as {@link #activateComponent} reads it. */
    void startedAs(String startMode, long uid) {
        traceRefusal = TracePolicy.refusal(startMode, uid);
    }

    @Modified
    void modified(CoreConfig config) {
        apply(config);
    }

    private void apply(CoreConfig config) {
        limits = Limits.from(config);
        events.setPeriod(limits.pollingPeriod());
        LOG.debug("Configured: {}", limits);
    }

    @Deactivate
    void deactivate() {
        // Readers first: a context closing afterwards then never waits for a driver.
        for (ReaderUnit unit : table.units()) {
            dropReader(unit.driver);
        }
        for (Context context : new ArrayList<>(contexts.values())) {
            context.close();
        }
        broadcaster.close();
        ticker.shutdownNow();
        // Not shutdownNow: a worker may be inside a driver, and an interrupt there can break the
        // driver for good (an interruptible channel closes) while the driver outlives this core.
        // Calls in flight finish against readers that are already gone; idle threads end now.
        workers.shutdown();
    }

    // ---- readers ------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindReader(IfdReader reader, ServiceReference<IfdReader> ref) {
        Object property = ref.getProperty(IfdReader.FRIENDLY_NAME);
        Bundle bundle = ref.getBundle();
        String driver = bundle == null || bundle.getSymbolicName() == null ? "unknown" : bundle.getSymbolicName();
        addReader(reader, driver, property instanceof String s && !s.isEmpty() ? s : null);
    }

    void unbindReader(IfdReader reader) {
        dropReader(reader);
    }

    /** Adds a reader; the friendly name falls back to {@link IfdReader#friendlyName()}. */
    void addReader(IfdReader reader, String driver, String friendlyName) {
        ReaderUnit unit;
        try {
            String base = friendlyName != null ? friendlyName : reader.friendlyName();
            unit = table.add(reader, driver, base, reader.slots(), reader.slotsAreIndependent(),
                    limits.readerSlots(), this::newSlot);
        } catch (RuntimeException e) {
            LOG.warn("Reader of driver {} not added: {}", driver, e.toString());
            return;
        }
        if (unit == null) {
            // The table said why (no free entry), or the same service was bound twice.
            return;
        }
        for (ReaderSlot slot : unit.slots()) {
            LOG.info("Reader added: {} (driver {}, entry {})", slot.name, driver, slot.index);
        }
        broadcaster.changed();
        events.start(unit);
        if (unit.isGone() && unit.hasCardEventListener()) {
            // Unbound while the driver was taking the listener, too early for dropReader to see it.
            dropListener(unit);
        }
    }

    private ReaderSlot newSlot(ReaderUnit unit, org.jpcscd.api.ifd.IfdSlot ifd, int index, String name,
            DriverGate gate) {
        ReaderSlot[] self = new ReaderSlot[1];
        self[0] = new ReaderSlot(unit, ifd, index, name, gate, broadcaster, () -> events.requestCheck(self[0]));
        return self[0];
    }

    /** Removes a reader at once, whatever its driver is doing: waiting callers are released. */
    void dropReader(IfdReader reader) {
        ReaderUnit unit = table.remove(reader);
        if (unit == null) {
            return;
        }
        // Gone before stopping its events: a start still running on the binding thread then sees
        // it and undoes what it set up (see CardEventScheduler#start).
        unit.markGone();
        events.stop(unit);
        if (unit.hasCardEventListener()) {
            dropListener(unit);
        }
        for (ReaderSlot slot : unit.slots()) {
            LOG.info("Reader removed: {}", slot.name);
        }
        broadcaster.changed();
    }

    /** Tells the driver to forget the core's listener, off this thread: the driver may be stuck. */
    private void dropListener(ReaderUnit unit) {
        runQuietly(() -> unit.driver.setCardEventListener(null));
    }

    private void runQuietly(Runnable task) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.debug("Driver call during removal failed: {}", e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Driver call during removal not run: {}", e.toString());
        }
    }

    // ---- ResourceManager ----------------------------------------------------------------------

    @Override
    public List<ReaderStatus> readers() {
        return table.snapshot();
    }

    @Override
    public long stateGeneration() {
        return broadcaster.generation();
    }

    @Override
    public CompletableFuture<Long> awaitStateChange(long knownGeneration) {
        return broadcaster.await(knownGeneration);
    }

    @Override
    public ClientContext establishContext(ClientInfo client, Scope scope) throws ScardException {
        if (scope == null) {
            throw new ScardException(ScardCode.E_INVALID_VALUE, "scope");
        }
        int limit = limits.contexts();
        if (contextCount.incrementAndGet() > limit) {
            contextCount.decrementAndGet();
            LOG.warn("Context refused to {}: {} contexts already", client, limit);
            throw new ScardException(ScardCode.E_NO_MEMORY, "too many contexts");
        }
        Context context;
        while (true) {
            int id = contextIds.next(contexts::containsKey);
            context = new Context(id, client, scope, this);
            if (contexts.putIfAbsent(id, context) == null) {
                break;
            }
        }
        contextsChanged();
        return context;
    }

    @Override
    public List<ClientContext> contexts() {
        return new ArrayList<>(contexts.values());
    }

    // ---- ApduTracing ---------------------------------------------------------------------------

    @Override
    public void start(String reader) {
        String refusal = traceRefusal;
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        trace.start(reader);
        LOG.warn("APDU tracing on for {}: command and response bytes are logged", displayName(reader));
    }

    @Override
    public void stop(String reader) {
        trace.stop(reader);
        LOG.info("APDU tracing off for {}", displayName(reader));
    }

    @Override
    public Set<String> traced() {
        return trace.traced();
    }

    @Override
    public String refusal() {
        return traceRefusal;
    }

    private static String displayName(String reader) {
        return ALL_READERS.equals(reader) ? "every reader" : reader;
    }

    // ---- Context.Owner ------------------------------------------------------------------------

    @Override
    public Connector connector() {
        return connector;
    }

    @Override
    public void released(Context context) {
        if (contexts.remove(context.id(), context)) {
            contextCount.decrementAndGet();
            contextsChanged();
        }
    }

    // ---- context listeners --------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindContextListener(ContextListener listener) {
        synchronized (contextNotices) {
            contextListeners.add(listener);
            // An idle timer that arrives after the first client must not believe there is none.
            tell(listener, contextCount.get());
        }
    }

    void unbindContextListener(ContextListener listener) {
        contextListeners.remove(listener);
    }

    /**
     * One notice at a time, each reading the count when it goes out: two racing changes could
     * otherwise deliver their counts in the wrong order and leave the idle timer believing a stale
     * one (say 0 while a client is connected).
     */
    private void contextsChanged() {
        synchronized (contextNotices) {
            int live = contextCount.get();
            for (ContextListener listener : contextListeners) {
                tell(listener, live);
            }
        }
    }

    private static void tell(ContextListener listener, int live) {
        try {
            listener.contextsChanged(live);
        } catch (RuntimeException e) {
            LOG.warn("Context listener {} failed: {}", listener, e.toString());
        }
    }

    // ---- internals for tests ------------------------------------------------------------------

    int liveHandles() {
        return connector.liveHandles();
    }

    int stateWaiters() {
        return broadcaster.waiterCount();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
