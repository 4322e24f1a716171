package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.ledmatrix.web.ApiClient.Reply;

/**
 * {@code frame.png} under a burst, over real HTTP, with one encoder and a 1 Mpx budget: every answer is an image,
 * a 400 naming the scale over the budget, or a 503 problem with Retry-After; nothing else, and the API goes on.
 */
class PngLimitsTest extends EdgeApp {

    @Test
    void overThePixelBudgetIsA400NamingTheLargestScale() {
        int width = api.get("/api/v1/display").json().path("width").asInt();
        int height = api.get("/api/v1/display").json().path("height").asInt();
        int largest = (int) Math.floor(Math.sqrt((double) MAX_PNG_PIXELS / (width * height)));
        assertThat(api.get("/api/v1/display/frame.png?scale=" + largest).status()).isEqualTo(200);
        Reply over = api.get("/api/v1/display/frame.png?scale=" + (largest + 1));
        assertThat(over.status()).as(over.toString()).isEqualTo(400);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.body()).contains("scale").contains("largest scale here is " + largest);
    }

    @Test
    void aBurstGetsImagesOr503sAndNothingElse() throws Exception {
        int width = api.get("/api/v1/display").json().path("width").asInt();
        int height = api.get("/api/v1/display").json().path("height").asInt();
        int largest = (int) Math.floor(Math.sqrt((double) MAX_PNG_PIXELS / (width * height)));
        List<Callable<Reply>> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int scale = 1 + i % largest;
            burst.add(() -> api.anonymous().get("/api/v1/display/frame.png?scale=" + scale));
        }
        int images = 0;
        int shed = 0;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Reply> f : clients.invokeAll(burst)) {
                Reply reply = f.get();
                if (reply.status() == 200) {
                    assertThat(reply.contentType()).isEqualTo("image/png");
                    images++;
                } else {
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                    assertThat(reply.contentType()).startsWith("application/problem+json");
                    assertThat(reply.header("Retry-After")).isPresent();
                    shed++;
                }
            }
        }
        assertThat(images + shed).isEqualTo(60);
        assertThat(images).isPositive();
        assertThat(api.get("/api/v1/display").status()).isEqualTo(200);
    }
}
