package io.basehook.application.service;

import io.basehook.application.port.in.BasePage;
import io.basehook.application.port.in.ListBasesUseCase;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages the bases here, over the whole list the repository gives: bases are few and made by the admin alone. The
 * cursor holds the last base's creation time and id, so it goes on after where that base stood even once it is
 * deleted, and never skips or repeats a base.
 */
public final class ListBasesService implements ListBasesUseCase {

    private final BaseRepository bases;
    private final Limits limits;

    public ListBasesService(BaseRepository bases, Limits limits) {
        this.bases = bases;
        this.limits = limits;
    }

    @Override
    public BasePage listBases(Actor actor, int limit, String cursor) {
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw BasehookException.invalid("invalid_limit", "limit",
                    "limit must be between 1 and " + limits.maxPageSize());
        }
        Position after = cursor == null ? null : Position.decode(cursor);
        List<Base> visible = actor.isAdmin() ? bases.findAll()
                : bases.findById(actor.baseId()).map(List::of).orElse(List.of());
        List<Base> rest = visible.stream().filter(base -> after == null || after.isBefore(base)).toList();
        if (rest.size() <= limit) {
            return new BasePage(rest, null);
        }
        List<Base> page = rest.subList(0, limit);
        return new BasePage(page, Position.of(page.get(limit - 1)).encode());
    }

    /** Where a base stands in creation order: its creation time in milliseconds, then its id. */
    private record Position(long createdAtMillis, String id) {

        static Position of(Base base) {
            return new Position(base.createdAt().toEpochMilli(), base.id().value());
        }

        boolean isBefore(Base base) {
            long millis = base.createdAt().toEpochMilli();
            return createdAtMillis < millis || createdAtMillis == millis && id.compareTo(base.id().value()) < 0;
        }

        String encode() {
            byte[] text = (createdAtMillis + "." + id).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int dot = text.indexOf('.');
                BaseId id = new BaseId(text.substring(dot + 1));
                return new Position(Long.parseLong(text.substring(0, dot)), id.value());
            } catch (IllegalArgumentException | IndexOutOfBoundsException | BasehookException e) {
                throw BasehookException.invalid("invalid_cursor", "cursor",
                        "cursor is not one a previous page returned");
            }
        }
    }
}
