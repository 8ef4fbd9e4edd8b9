package org.jpcscd.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jpcscd.api.ScardException;
import org.jpcscd.api.Scope;
import org.jpcscd.api.rm.ClientContext;
import org.jpcscd.api.rm.ClientInfo;
import org.jpcscd.api.rm.ReaderStatus;

/** The component built and wired as DS would do it, plus waits on its state with a deadline. */
final class Harness implements AutoCloseable {
    static final String DRIVER = "org.jpcscd.test.driver";
    static final long DEADLINE_MS = 5000;

    final TestConfig config;
    final ResourceManagerImpl rm = new ResourceManagerImpl();

    Harness() {
        this(new TestConfig());
    }

    Harness(TestConfig config) {
        this.config = config;
        rm.activate(config);
    }

    void add(TestReader reader) {
        add(reader, DRIVER, Map.of());
    }

    void add(TestReader reader, String driver, Map<String, Object> properties) {
        rm.bindReader(reader, new FakeServiceReference(driver, properties));
    }

    void remove(TestReader reader) {
        rm.unbindReader(reader);
    }

    /** Adds the reader and waits until its first presence check is done. */
    ReaderStatus addReady(TestReader reader, String name) {
        add(reader);
        return await(name, s -> !s.initialising());
    }

    ClientContext context() throws ScardException {
        return rm.establishContext(ClientInfo.inProcess(), Scope.USER);
    }

    Optional<ReaderStatus> find(String name) {
        return rm.readers().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Waits through awaitStateChange until the named reader matches. */
    ReaderStatus await(String name, Predicate<ReaderStatus> condition) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (true) {
            long generation = rm.stateGeneration();
            Optional<ReaderStatus> status = find(name);
            if (status.isPresent() && condition.test(status.get())) {
                return status.get();
            }
            waitForChange(generation, end, () -> "reader " + name + " never matched; now " + find(name));
        }
    }

    /** Waits through awaitStateChange until the condition holds. */
    void awaitCondition(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (true) {
            long generation = rm.stateGeneration();
            if (condition.getAsBoolean()) {
                return;
            }
            waitForChange(generation, end, () -> what);
        }
    }

    private void waitForChange(long generation, long end, java.util.function.Supplier<String> what) {
        long left = end - System.nanoTime();
        if (left <= 0) {
            fail(what.get());
        }
        try {
            rm.awaitStateChange(generation).get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            fail(what.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (ExecutionException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        rm.deactivate();
    }
}
