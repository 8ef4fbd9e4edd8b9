package org.jpcscd.ifd.virtual.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;

/**
 * Makes each simulated card from its own copy of jCardSim.
 *
 * <p>jCardSim 2.2.2 holds the card runtime (selected applet, installed applets, transient memory) in
 * static fields, and {@code new Simulator()} resets it: two cards from one class loader would be one
 * card. So every card gets a fresh child-first loader that defines jCardSim, the Java Card API, the
 * demo applet and the card glue again from the parent's class files; everything else (the JDK,
 * {@link SimulatedCard}) comes from the parent. Pulling a card out drops its loader, which is also what
 * makes a re-inserted card start from a clean state.
 */
public final class IsolatedCardLoader {
    private static final String CARD_CLASS = "org.jpcscd.ifd.virtual.card.sim.JCardSimCard";

    private final ClassLoader source;

    /** @param source the loader that can read jCardSim's and the applet's class files (the bundle's) */
    public IsolatedCardLoader(ClassLoader source) {
        this.source = source;
    }

    /** A freshly manufactured card, not yet reset. */
    public SimulatedCard newCard() {
        try {
            Class<?> cardClass = Class.forName(CARD_CLASS, true, new CardClassLoader(source));
            return (SimulatedCard) cardClass.getConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("the simulated card cannot be built: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the simulated card failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** Child-first for the card's own packages, parent-first for the rest. */
    private static final class CardClassLoader extends ClassLoader {
        private static final Set<String> CHILD_FIRST_PREFIXES = Set.of(
                "javacard.", "javacardx.", "com.licel.", "org.bouncycastle.",
                "org.jpcscd.ifd.virtual.applet.", "org.jpcscd.ifd.virtual.card.sim.");

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader source;

        CardClassLoader(ClassLoader source) {
            super("jpcscd-simulated-card", source);
            this.source = source;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!isCardClass(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/') + ".class";
            try (InputStream in = source.getResourceAsStream(path)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        private static boolean isCardClass(String name) {
            for (String prefix : CHILD_FIRST_PREFIXES) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
