package io.basehook.application.port.in;

import io.basehook.domain.base.Base;

import java.util.List;

/** A page of bases, oldest first, and the opaque cursor of the next page (null on the last). */
public record BasePage(List<Base> bases, String nextCursor) {
    public BasePage {
        bases = List.copyOf(bases);
    }
}
