package io.stocklock.testsupport.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of one server port, whose traffic can be frozen: while frozen, nothing
 * passes in either direction, on open connections or new ones, and nothing is reset, so both sides see what a network
 * partition that drops packets shows them (connections that go silent). Healed, what was held back flows on.
 */
public final class FreezableProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;

    public FreezableProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 200, LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "proxy-" + listener.getLocalPort() + "-to-" + targetPort);
        accepting.setDaemon(true);
        accepting.start();
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Nothing passes from now on until {@link #heal}. */
    public void freeze() {
        frozen = true;
    }

    public void heal() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    public boolean frozen() {
        return frozen;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread opening = new Thread(() -> open(client), "proxy-open-" + port());
            opening.setDaemon(true);
            opening.start();
        }
    }

    /** A new connection is accepted by the kernel even while frozen (the client's connect succeeds), then waits. */
    private void open(Socket client) {
        sockets.add(client);
        try {
            awaitHealed();
            Socket server = new Socket();
            sockets.add(server);
            server.connect(new InetSocketAddress(LOOPBACK, targetPort), 5_000);
            pump(client, server);
            pump(server, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    awaitHealed();
                    int read = in.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    awaitHealed(); // what was read just before the freeze is held back too
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side went away: so does the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + port());
        pumping.setDaemon(true);
        pumping.start();
    }

    private void awaitHealed() throws InterruptedException {
        if (!frozen) {
            return;
        }
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        heal();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(this::closeQuietly);
    }
}
