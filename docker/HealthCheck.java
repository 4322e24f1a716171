import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container's HEALTHCHECK: exit 0 when the liveness probe answers 200, 1 otherwise.
 *
 * <p>The JRE image has neither curl nor wget, and a JRE cannot run a .java file directly (source
 * launch needs the compiler), so the Dockerfile compiles this class in its build stage. No
 * dependencies: HttpURLConnection loads far fewer classes than java.net.http, which keeps this
 * JVM's start short and small.
 *
 * <p>Usage: {@code java -cp <dir> HealthCheck [url]}; default
 * {@code http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/liveness}.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/actuator/health/liveness";
        int status;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(3000);
            connection.setRequestProperty("Accept", "application/json");
            status = connection.getResponseCode();
            connection.disconnect();
        } catch (Exception e) {
            System.out.println("unhealthy: " + url + ": " + e);
            System.exit(1);
            return;
        }
        System.out.println((status == 200 ? "healthy: " : "unhealthy: ") + url + " answered " + status);
        System.exit(status == 200 ? 0 : 1);
    }
}
