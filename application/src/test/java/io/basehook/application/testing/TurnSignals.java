package io.basehook.application.testing;

import io.basehook.application.port.out.DeliveryWakeup;

/**
 * The delivery loop's wake-ups as a test drives them: whether the next turn is told that deliveries may be due (a
 * {@link #wake()} since the last turn), or was woken by finished attempts alone ({@link #answered()}).
 */
public final class TurnSignals implements DeliveryWakeup {

    private boolean mayBeDue = true;
    private int answers;

    @Override
    public void wake() {
        mayBeDue = true;
    }

    @Override
    public void answered() {
        answers++;
    }

    /** What the next turn is told; cleared for the one after it, as the loop does. */
    public boolean takeMayBeDue() {
        boolean due = mayBeDue;
        mayBeDue = false;
        return due;
    }

    public int answers() {
        return answers;
    }
}
