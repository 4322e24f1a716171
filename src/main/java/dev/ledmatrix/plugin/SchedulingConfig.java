package dev.ledmatrix.plugin;

import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The update tick gets a platform thread of its own. With virtual threads on, Spring runs every {@code @Scheduled}
 * method on a new virtual thread, sharing the few carrier threads with request handlers and plugin updates; a
 * burst of CPU-heavy requests then delayed the tick by seconds. Declaring a scheduler removes Boot's default one,
 * so this also declares that default again ({@code taskScheduler}, built by Boot's own builder, so it keeps the
 * {@code spring.task.scheduling.*} settings and virtual threads) for every other {@code @Scheduled} method.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfig {

    static final String TICK_SCHEDULER = "pluginTickScheduler";

    @Bean(name = "taskScheduler")
    @Primary
    SimpleAsyncTaskScheduler taskScheduler(SimpleAsyncTaskSchedulerBuilder builder) {
        return builder.build();
    }

    @Bean(name = TICK_SCHEDULER)
    ThreadPoolTaskScheduler pluginTickScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("plugin-tick-");
        scheduler.setDaemon(true);
        return scheduler;
    }
}
