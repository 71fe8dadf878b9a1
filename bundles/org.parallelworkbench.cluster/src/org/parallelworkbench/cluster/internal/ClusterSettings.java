package org.parallelworkbench.cluster.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.parallelworkbench.core.product.ProductHome;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;

/**
 * Where the cluster is: the Hazelcast member configuration read from the product's {@code conf/hazelcast.yaml},
 * or from the file the framework property {@value #CONFIG_PROPERTY} names, or safe loopback defaults when there
 * is no file. A client configuration is derived from it, so that one file configures both sides.
 * <p>
 * Every configuration it makes is fresh (Hazelcast changes the one it starts with) and has what this bundle
 * needs forced on it: its class loader (under OSGi Hazelcast's own cannot see our classes), phone home off,
 * logging through java.util.logging, and the Compact serializers of {@link PlainData}.
 */
final class ClusterSettings {

    /** A framework or system property naming the configuration file, instead of the product's. */
    static final String CONFIG_PROPERTY = "parallelworkbench.cluster.config";
    static final String CONFIG_FILE_NAME = "hazelcast.yaml";
    static final String DEFAULT_CLUSTER_NAME = "parallel-workbench";
    static final int DEFAULT_PORT = 5701;
    static final int DEFAULT_PORT_COUNT = 20;
    /** The members' executor of batches; its pool size is always the local engine's capacity. */
    static final String EXECUTOR = "parallel-workbench-units";
    /** Member UUID to its {@link org.parallelworkbench.engine.remote.RemoteMember}, published by each member. */
    static final String MEMBERS_MAP = "parallel-workbench-members";

    private static final String PHONE_HOME = "hazelcast.phone.home.enabled";
    private static final String LOGGING_TYPE = "hazelcast.logging.type";
    /** Hazelcast waits 300 s for a join by default; join() is bounded by this instead. */
    private static final String MAX_JOIN_SECONDS = "hazelcast.max.join.seconds";
    private static final String DEFAULT_MAX_JOIN_SECONDS = "30";

    private final Path file;
    private final boolean named;
    private final ClassLoader classLoader;

    /**
     * @param file        the configuration file, or null for the defaults
     * @param named       whether a user named the file explicitly: then it must exist; the product's may not
     * @param classLoader what Hazelcast loads our classes with: this bundle's
     */
    ClusterSettings(Path file, boolean named, ClassLoader classLoader) {
        this.file = file;
        this.named = named;
        this.classLoader = classLoader;
    }

    /** The settings of this framework: {@value #CONFIG_PROPERTY} if set, else the product's conf folder. */
    static ClusterSettings from(Function<String, String> properties, ClassLoader classLoader) {
        String configured = properties.apply(CONFIG_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new ClusterSettings(Path.of(configured.trim()), true, classLoader);
        }
        return new ClusterSettings(ProductHome.from(properties).map(home -> home.conf().resolve(CONFIG_FILE_NAME))
                .orElse(null), false, classLoader);
    }

    /** For users: the file the configuration comes from, or that the built-in defaults are used. */
    String source() {
        if (file != null && (named || Files.isRegularFile(file))) {
            return file.toString();
        }
        return "built-in defaults" + (file == null ? "" : ", no " + file);
    }

    /**
     * A member configuration to start with.
     *
     * @throws IllegalStateException worded for users if the file cannot be read or is not a valid configuration
     */
    Config memberConfig() {
        Config config = read();
        config.setClassLoader(classLoader);
        config.setProperty(PHONE_HOME, "false");
        config.setProperty(LOGGING_TYPE, "jdk");
        if (config.getProperty(MAX_JOIN_SECONDS) == null) {
            config.setProperty(MAX_JOIN_SECONDS, DEFAULT_MAX_JOIN_SECONDS);
        }
        PlainData.register(config.getSerializationConfig().getCompactSerializationConfig());
        return config;
    }

    /**
     * A client configuration for the members of {@link #memberConfig()}: same cluster name, the TCP-IP members as
     * addresses. It starts without waiting for a member and reconnects in the background, so that it never
     * blocks a caller.
     */
    ClientConfig clientConfig() {
        Config member = read();
        ClientConfig config = new ClientConfig();
        config.setClusterName(member.getClusterName());
        config.setClassLoader(classLoader);
        config.setProperty(PHONE_HOME, "false");
        config.setProperty(LOGGING_TYPE, "jdk");
        config.getNetworkConfig().setAddresses(addresses(member));
        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setAsyncStart(true).setReconnectMode(ReconnectMode.ASYNC);
        // Retry often: a member started after the client should be found in seconds, not after 30 s of back-off.
        strategy.getConnectionRetryConfig().setInitialBackoffMillis(250).setMaxBackoffMillis(2000)
                .setClusterConnectTimeoutMillis(-1);
        PlainData.register(config.getSerializationConfig().getCompactSerializationConfig());
        return config;
    }

    /** The addresses a client tries, e.g. "127.0.0.1:5701-5720", for users. */
    String addressesTried() {
        return ranges(addresses(read()));
    }

    String clusterName() {
        return read().getClusterName();
    }

    /** Whether a member of this configuration listens on every interface rather than the configured ones. */
    boolean bindsAny() {
        Config config = read();
        String bindAny = config.getProperty("hazelcast.socket.bind.any");
        return bindAny == null || Boolean.parseBoolean(bindAny.trim());
    }

    private Config read() {
        if (file == null || !named && !Files.isRegularFile(file)) {
            return defaults();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The cluster configuration " + file + " (named by " + CONFIG_PROPERTY
                    + ") does not exist");
        }
        try {
            return Config.loadFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is not a valid Hazelcast configuration: " + e.getMessage(), e);
        }
    }

    /** What conf/hazelcast.yaml says as shipped: one machine, loopback only. */
    static Config defaults() {
        Config config = new Config();
        config.setClusterName(DEFAULT_CLUSTER_NAME);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(DEFAULT_PORT).setPortAutoIncrement(true).setPortCount(DEFAULT_PORT_COUNT);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getExecutorConfig(EXECUTOR);
        return config;
    }

    /**
     * The TCP-IP members as client addresses: a member given without a port stands for the member port range
     * (port, port + port-count - 1 with auto-increment), which is where members of this configuration listen.
     */
    static List<String> addresses(Config config) {
        NetworkConfig network = config.getNetworkConfig();
        int first = network.getPort();
        int count = network.isPortAutoIncrement() ? Math.max(1, network.getPortCount()) : 1;
        TcpIpConfig tcpIp = network.getJoin().getTcpIpConfig();
        List<String> members = tcpIp.isEnabled() && !tcpIp.getMembers().isEmpty() ? tcpIp.getMembers()
                : List.of("127.0.0.1");
        List<String> addresses = new ArrayList<>();
        for (String entry : members) {
            for (String member : entry.split("[,;\\s]+")) {
                if (member.isBlank()) {
                    continue;
                }
                if (member.matches(".*:\\d+") && !member.startsWith("[")
                        || member.startsWith("[") && member.contains("]:")) {
                    addresses.add(member);
                } else {
                    for (int port = first; port < first + count; port++) {
                        addresses.add(member + ":" + port);
                    }
                }
            }
        }
        return addresses;
    }

    /** "127.0.0.1:5701", "127.0.0.1:5702" ... as "127.0.0.1:5701-5720". */
    static String ranges(List<String> addresses) {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            try {
                ports.computeIfAbsent(address.substring(0, colon), host -> new ArrayList<>())
                        .add(Integer.parseInt(address.substring(colon + 1)));
            } catch (RuntimeException e) {
                others.add(address);
            }
        }
        List<String> parts = new ArrayList<>();
        ports.forEach((host, list) -> {
            int start = list.get(0);
            int previous = start;
            for (int i = 1; i <= list.size(); i++) {
                if (i < list.size() && list.get(i) == previous + 1) {
                    previous = list.get(i);
                    continue;
                }
                parts.add(host + ":" + start + (previous == start ? "" : "-" + previous));
                if (i < list.size()) {
                    start = previous = list.get(i);
                }
            }
        });
        parts.addAll(others);
        return String.join(", ", parts);
    }

    /**
     * Hazelcast logs its own progress at INFO; the product logs what a user needs (where the member listens, who
     * joined and left) itself, so Hazelcast's logger says only warnings unless the logging configuration sets a
     * level. The caller keeps the logger: java.util.logging forgets the level of a logger nobody references.
     */
    static Logger quietHazelcast() {
        Logger logger = Logger.getLogger("com.hazelcast");
        if (logger.getLevel() == null) {
            logger.setLevel(Level.WARNING);
        }
        return logger;
    }
}
