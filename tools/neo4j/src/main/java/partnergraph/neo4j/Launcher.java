package partnergraph.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community in this process with a Bolt connector on 127.0.0.1,
 * authentication on, until the process is told to stop (SIGTERM or SIGINT).
 *
 * <pre>java -Xmx1g -cp ... partnergraph.neo4j.Launcher HOME PORT READY_FILE</pre>
 *
 * HOME is the DBMS's directory (data, logs); PORT 0 picks a free port. The
 * password of the user neo4j is NEO4J_PASSWORD (set at every start, so it may
 * change between starts). When Bolt listens, the launcher writes its URI to
 * READY_FILE (atomically) and prints it.
 */
public final class Launcher {
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME PORT READY_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]).toAbsolutePath();
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)");
            System.exit(2);
        }
        long pageCache = Long.parseLong(System.getenv().getOrDefault("NEO4J_PAGECACHE_MB", "256")) * 1024 * 1024;

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j: stopping");
            dbms.shutdown();
        }));

        try {
            setPassword(dbms, password);
            announce(dbms, ready);
        } catch (Exception e) {
            // Without this the DBMS's threads would keep the JVM alive.
            e.printStackTrace();
            dbms.shutdown();
            System.exit(1);
        }
    }

    /** Sets the password of the user neo4j; it may already be this one. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /** Writes the Bolt URI to the ready file and prints it. */
    private static void announce(DatabaseManagementService dbms, Path ready) throws IOException {
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        var address = ports.getLocalAddress(ConnectorType.BOLT);
        String uri = "bolt://127.0.0.1:" + address.getPort();

        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("neo4j: " + org.neo4j.kernel.internal.Version.getNeo4jVersion() + " listening on " + uri);
    }
}
