package io.basehook.application.port.in;

import io.basehook.domain.base.Base;
import io.basehook.domain.table.Table;

import java.util.List;

public record BaseWithTables(Base base, List<Table> tables) {
    public BaseWithTables {
        tables = List.copyOf(tables);
    }
}
