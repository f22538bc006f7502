package io.basehook.application.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand; optionally one that moves on by itself at every read (for deadlines). */
public final class TestClock extends Clock {

    private volatile Instant now;
    private volatile Duration tick = Duration.ZERO;

    public TestClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = instant;
    }

    /** Every read returns the time, then moves it on by {@code step}: a loop with a deadline ends. */
    public void tickOnEveryRead(Duration step) {
        tick = step;
    }

    @Override
    public Instant instant() {
        Instant read = now;
        now = read.plus(tick);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
