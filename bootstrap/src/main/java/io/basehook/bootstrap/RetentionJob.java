package io.basehook.bootstrap;

import io.basehook.application.port.in.PurgeExpiredUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs retention every few minutes on every instance; the batched deletes make concurrent runs harmless. */
@Singleton
class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final PurgeExpiredUseCase purge;

    RetentionJob(PurgeExpiredUseCase purge) {
        this.purge = purge;
    }

    @Scheduled(fixedDelay = "${basehook.retention.interval:10m}", initialDelay = "1m")
    void run() {
        try {
            int removed = purge.purgeExpired();
            if (removed > 0) {
                LOG.info("Retention removed {} expired events and delivery records", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention run failed; the next run tries again: {}", e.getMessage());
        }
    }
}
