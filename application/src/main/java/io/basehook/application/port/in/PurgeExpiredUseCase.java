package io.basehook.application.port.in;

/** Removes events past their retention (default 7 days) and delivery logs past theirs (default 30 days). */
public interface PurgeExpiredUseCase {

    /** @return how many events and delivery records went */
    int purgeExpired();
}
