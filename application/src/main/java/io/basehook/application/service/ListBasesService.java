package io.basehook.application.service;

import io.basehook.application.port.in.ListBasesUseCase;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.Base;

import java.util.List;

public final class ListBasesService implements ListBasesUseCase {

    private final BaseRepository bases;

    public ListBasesService(BaseRepository bases) {
        this.bases = bases;
    }

    @Override
    public List<Base> listBases(Actor actor) {
        if (actor.isAdmin()) {
            return bases.findAll();
        }
        return bases.findById(actor.baseId()).map(List::of).orElse(List.of());
    }
}
