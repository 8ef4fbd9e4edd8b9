package org.jpcscd.wrap.junixsocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The wrapper bundle in a real Felix: it resolves, junixsocket finds its native library through
 * Bundle-NativeCode (Felix extracts it into its cache), and a server socket reports its peer's
 * credentials — the reason the daemon wraps junixsocket at all.
 */
class JunixsocketBundleIT {
    static final Path BUNDLE = Path.of(System.getProperty("it.bundle"));

    @Test
    void theManifestNamesTheLinuxNativesAndTheJarCarriesThem() throws Exception {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            Manifest manifest = jar.getManifest();
            String nativeCode = manifest.getMainAttributes().getValue("Bundle-NativeCode");
            assertTrue(nativeCode.contains("lib/amd64-Linux-clang/jni/libjunixsocket-native-2.11.1.so;osname=Linux;processor=x86-64"), nativeCode);
            assertTrue(nativeCode.contains("lib/aarch64-Linux-clang/jni/libjunixsocket-native-2.11.1.so;osname=Linux;processor=aarch64"), nativeCode);
            assertTrue(jar.getEntry("lib/amd64-Linux-clang/jni/libjunixsocket-native-2.11.1.so") != null);
            assertTrue(jar.getEntry("lib/aarch64-Linux-clang/jni/libjunixsocket-native-2.11.1.so") != null);
            // The loader reads its version from here.
            assertTrue(jar.getEntry("META-INF/maven/com.kohlschutter.junixsocket/junixsocket-native-common/pom.properties") != null);
            assertEquals("true", manifest.getMainAttributes().getValue("Multi-Release"));
        }
    }

    @Test
    void insideFelixTheNativeLibraryLoadsAndPeerCredentialsWork() throws Exception {
        Path storage = Path.of(System.getProperty("it.storage"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Framework felix = factory.newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        felix.init();
        try {
            Bundle bundle = felix.getBundleContext().installBundle(BUNDLE.toUri().toString());
            felix.start();
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());

            Class<?> socketClass = bundle.loadClass("org.newsclub.net.unix.AFUNIXSocket");
            assertEquals(Boolean.TRUE, socketClass.getMethod("isSupported").invoke(null));
            String maps = Files.readString(Path.of("/proc/self/maps"));
            assertTrue(maps.lines().anyMatch(l -> l.contains(storage.toString()) && l.contains("libjunixsocket-native")),
                    "the library Felix extracted from the bundle is the one mapped");

            Path socket = Files.createTempDirectory("junixsocket-it").resolve("s");
            Class<?> serverClass = bundle.loadClass("org.newsclub.net.unix.AFUNIXServerSocket");
            Method bindOn = serverClass.getMethod("bindOn", Path.class, boolean.class);
            try (Closeable server = (Closeable) bindOn.invoke(null, socket, true);
                    SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(socket));
                try (Closeable accepted = (Closeable) serverClass.getMethod("accept").invoke(server)) {
                    Object credentials = socketClass.getMethod("getPeerCredentials").invoke(accepted);
                    long pid = (long) credentials.getClass().getMethod("getPid").invoke(credentials);
                    assertEquals(ProcessHandle.current().pid(), pid);
                    client.write(ByteBuffer.wrap(new byte[] {42}));
                    InputStream in = (InputStream) accepted.getClass().getMethod("getInputStream").invoke(accepted);
                    assertEquals(42, in.read());
                }
            }
        } finally {
            felix.stop();
            felix.waitForStop(10_000);
        }
    }
}
